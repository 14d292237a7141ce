package dev.kiroku.contracts.progress;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Payload of {@code EntryUpdated} on {@code progress.events.v1} (key = user id): status and
 * progress before and after the change.
 *
 * @param entryId library entry id
 * @param userId owner (OIDC {@code sub})
 * @param media snapshot of the media item
 * @param statusBefore status before the change
 * @param statusAfter status after the change
 * @param progressBefore progress before the change
 * @param progressAfter progress after the change
 * @param repeatCount completed repeats after the change
 * @param repeating whether a repeat is in progress after the change
 * @param startedAt start date after the change
 * @param completedAt completion date after the change
 * @param privateEntry whether the entry is hidden from everyone but its owner
 * @param version entry version after the change
 * @param occurredAt when the change was committed
 * @param importId the import job that made the change ({@code GET /api/v1/progress/imports/{id}});
 *     null for a change made in Kiroku. Feeds show one {@link EntriesImported} activity per job
 *     instead of one per imported entry.
 */
public record EntryUpdated(
    UUID entryId,
    String userId,
    MediaSummary media,
    EntryStatus statusBefore,
    EntryStatus statusAfter,
    Progress progressBefore,
    Progress progressAfter,
    int repeatCount,
    boolean repeating,
    LocalDate startedAt,
    LocalDate completedAt,
    boolean privateEntry,
    long version,
    Instant occurredAt,
    UUID importId) {}
