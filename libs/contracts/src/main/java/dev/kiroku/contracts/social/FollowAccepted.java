package dev.kiroku.contracts.social;

import java.time.Instant;

/**
 * Payload of {@code FollowAccepted} on {@code social.events.v1} (key = the accepting user's id):
 * {@code followed} accepted {@code follower}'s request; a {@link Followed} follows.
 *
 * @param follower who asked
 * @param followed who accepted
 * @param occurredAt when the request was accepted
 */
public record FollowAccepted(UserRef follower, UserRef followed, Instant occurredAt) {}
