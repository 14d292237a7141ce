package dev.kiroku.contracts.social;

import java.time.Instant;

/**
 * Payload of {@code Followed} on {@code social.events.v1} (key = the follower's id): {@code
 * follower} now follows {@code followed}.
 *
 * @param follower who follows
 * @param followed who is followed
 * @param occurredAt when the follow began
 */
public record Followed(UserRef follower, UserRef followed, Instant occurredAt) {}
