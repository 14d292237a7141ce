package dev.kiroku.contracts.progress;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code Reviewed} on {@code progress.events.v1} (key = user id). Consumers show the
 * review only where {@code visibility} (and {@code privateEntry}) allow.
 *
 * @param entryId library entry id
 * @param userId owner (OIDC {@code sub})
 * @param media snapshot of the media item
 * @param text review text (at most 20,000 characters); null when the review was removed
 * @param spoiler whether the review contains spoilers
 * @param visibility {@code PUBLIC}, {@code FOLLOWERS} or {@code PRIVATE}
 * @param privateEntry whether the entry is hidden from everyone but its owner
 * @param occurredAt when the change was committed
 * @param importId the import job that made the change ({@code GET /api/v1/progress/imports/{id}});
 *     null for a change made in Kiroku. Feeds show one {@link EntriesImported} activity per job
 *     instead of one per imported entry.
 */
public record Reviewed(
    UUID entryId,
    String userId,
    MediaSummary media,
    String text,
    boolean spoiler,
    String visibility,
    boolean privateEntry,
    Instant occurredAt,
    UUID importId) {}
