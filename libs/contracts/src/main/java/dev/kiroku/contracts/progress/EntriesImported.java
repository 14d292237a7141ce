package dev.kiroku.contracts.progress;

import dev.kiroku.contracts.catalog.MediaType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Payload of {@code EntriesImported} on {@code progress.events.v1} (key = user id): one per
 * finished import job that changed the library, published after the per-entry events of the job
 * (which carry the same {@code importId}). Feeds show this one "imported N items" activity, not one
 * activity per entry. A dry run, or a job that changed nothing, publishes none.
 *
 * @param importId the import job ({@code GET /api/v1/progress/imports/{importId}})
 * @param userId owner (OIDC {@code sub})
 * @param format the import format key: {@code mal-xml}, {@code anilist-json}, {@code trakt-json},
 *     {@code goodreads-csv} or {@code kiroku-json}
 * @param imported entries created by the job
 * @param updated existing entries the job changed
 * @param unchanged rows that matched an entry already as in the file
 * @param skipped rows left out (kept Kiroku's newer change, duplicate rows)
 * @param failed rows that could not be imported (unresolved ids, invalid values)
 * @param byType entries created or changed, per media type
 * @param occurredAt when the job finished
 */
public record EntriesImported(
    UUID importId,
    String userId,
    String format,
    int imported,
    int updated,
    int unchanged,
    int skipped,
    int failed,
    Map<MediaType, Integer> byType,
    Instant occurredAt) {}
