package dev.kiroku.contracts.progress;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code Rated} on {@code progress.events.v1} (key = user id).
 *
 * @param entryId library entry id
 * @param userId owner (OIDC {@code sub})
 * @param media snapshot of the media item
 * @param score 0-100 after the change; null when the rating was cleared
 * @param previousScore 0-100 before the change; null when there was none
 * @param privateEntry whether the entry is hidden from everyone but its owner
 * @param occurredAt when the change was committed
 * @param importId the import job that made the change ({@code GET /api/v1/progress/imports/{id}});
 *     null for a change made in Kiroku. Feeds show one {@link EntriesImported} activity per job
 *     instead of one per imported entry.
 */
public record Rated(
    UUID entryId,
    String userId,
    MediaSummary media,
    Integer score,
    Integer previousScore,
    boolean privateEntry,
    Instant occurredAt,
    UUID importId) {}
