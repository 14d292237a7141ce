package dev.kiroku.contracts.progress;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code EntryRemoved} on {@code progress.events.v1} (key = user id).
 *
 * @param entryId library entry id
 * @param userId owner (OIDC {@code sub})
 * @param media snapshot of the media item
 * @param occurredAt when the entry was removed
 */
public record EntryRemoved(UUID entryId, String userId, MediaSummary media, Instant occurredAt) {}
