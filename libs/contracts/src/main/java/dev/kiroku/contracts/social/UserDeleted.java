package dev.kiroku.contracts.social;

import java.time.Instant;

/**
 * Payload of {@code UserDeleted} on {@code social.events.v1} (key = user id): every service deletes
 * that user's data.
 *
 * @param userId the OIDC {@code sub} of the deleted user
 * @param deletedAt when the account was deleted
 */
public record UserDeleted(String userId, Instant deletedAt) {}
