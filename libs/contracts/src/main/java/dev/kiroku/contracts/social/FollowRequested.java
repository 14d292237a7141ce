package dev.kiroku.contracts.social;

import java.time.Instant;

/**
 * Payload of {@code FollowRequested} on {@code social.events.v1} (key = the requester's id): a
 * pending request to follow a followers-only or private profile, which {@code followed} accepts or
 * declines.
 *
 * @param follower who asks
 * @param followed who is asked
 * @param occurredAt when the request was made
 */
public record FollowRequested(UserRef follower, UserRef followed, Instant occurredAt) {}
