package dev.kiroku.contracts.social;

import java.time.Instant;

/**
 * Payload of {@code Unblocked} on {@code social.events.v1} (key = the blocker's id): the block is
 * lifted (follows ended by it stay ended).
 *
 * @param blockerId who had blocked (OIDC {@code sub})
 * @param blockedId who was blocked
 * @param occurredAt when the block was lifted
 */
public record Unblocked(String blockerId, String blockedId, Instant occurredAt) {}
