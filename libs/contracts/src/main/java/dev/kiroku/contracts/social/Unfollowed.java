package dev.kiroku.contracts.social;

import java.time.Instant;

/**
 * Payload of {@code Unfollowed} on {@code social.events.v1} (key = the id of whoever ended it):
 * {@code follower} no longer follows {@code followedId}.
 *
 * @param followerId who followed (OIDC {@code sub})
 * @param followedId who was followed
 * @param reason {@code UNFOLLOWED} (by the follower), {@code REMOVED} (the followed user removed
 *     the follower) or {@code BLOCKED} (either blocked the other)
 * @param occurredAt when the follow ended
 */
public record Unfollowed(String followerId, String followedId, String reason, Instant occurredAt) {}
