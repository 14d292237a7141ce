package dev.kiroku.contracts.social;

import java.time.Instant;

/**
 * Payload of {@code Blocked} on {@code social.events.v1} (key = the blocker's id): {@code
 * blockedId} no longer sees {@code blockerId}'s profile details or activities, and follows both
 * ways ended ({@link Unfollowed} with reason {@code BLOCKED} for each).
 *
 * @param blockerId who blocked (OIDC {@code sub})
 * @param blockedId who is blocked
 * @param occurredAt when the block was made
 */
public record Blocked(String blockerId, String blockedId, Instant occurredAt) {}
