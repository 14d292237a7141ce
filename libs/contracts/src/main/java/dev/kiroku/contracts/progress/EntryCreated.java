package dev.kiroku.contracts.progress;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Payload of {@code EntryCreated} on {@code progress.events.v1} (key = user id).
 *
 * @param entryId library entry id
 * @param userId owner (OIDC {@code sub})
 * @param media snapshot of the media item
 * @param status initial status
 * @param progress initial progress
 * @param repeatCount completed repeats so far
 * @param startedAt date of the first active status; null if never active
 * @param completedAt date of completion; null if not completed
 * @param privateEntry whether the entry is hidden from everyone but its owner (consumers must not
 *     show it to others)
 * @param version entry version after the change (1)
 * @param occurredAt when the change was committed
 * @param importId the import job that made the change ({@code GET /api/v1/progress/imports/{id}});
 *     null for a change made in Kiroku. Feeds show one {@link EntriesImported} activity per job
 *     instead of one per imported entry.
 */
public record EntryCreated(
    UUID entryId,
    String userId,
    MediaSummary media,
    EntryStatus status,
    Progress progress,
    int repeatCount,
    LocalDate startedAt,
    LocalDate completedAt,
    boolean privateEntry,
    long version,
    Instant occurredAt,
    UUID importId) {}
