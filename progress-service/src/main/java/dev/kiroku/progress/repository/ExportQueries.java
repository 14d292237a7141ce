package dev.kiroku.progress.repository;

import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.progress.Progress;
import dev.kiroku.progress.domain.RatingScale;
import dev.kiroku.progress.domain.export.ExportedEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The reads behind an export, one page at a time: a keyset page of the user's entries ordered by
 * media id (index {@code library_entry_user_media}, the unique {@code (user_id, media_id)}) with
 * the projection's title and type ({@code media_projection} primary key), then that page's history
 * ({@code episode_history} primary key, {@code entry_id = ANY($1)}) and external ids ({@code
 * media_projection_external_id} index on {@code media_id}, {@code media_id = ANY($1)}).
 *
 * <p>Pages are separate statements, not one snapshot: an entry changed during a long download is
 * exported as it was when its page was read.
 */
@ApplicationScoped
public class ExportQueries {

  static final String COLUMNS =
      "e.id, e.media_id, COALESCE(p.media_type, e.media_type) AS media_type,"
          + " p.summary->>'title' AS title, e.status, e.season, e.episode, e.chapter, e.volume,"
          + " e.page, e.percent, e.hours_played, e.repeat_count, e.repeating, e.last_repeated_at,"
          + " e.started_at, e.completed_at, e.created_at, e.rating, e.review_text,"
          + " e.review_spoiler, e.review_visibility, e.reviewed_at, e.notes, e.private";

  static final String FROM =
      " FROM library_entry e LEFT JOIN media_projection p ON p.media_id = e.media_id";

  public static final String FIRST_PAGE =
      "SELECT " + COLUMNS + FROM + " WHERE e.user_id = $1 ORDER BY e.media_id LIMIT $2";

  public static final String NEXT_PAGE =
      "SELECT "
          + COLUMNS
          + FROM
          + " WHERE e.user_id = $1 AND e.media_id > $2 ORDER BY e.media_id LIMIT $3";

  public static final String HISTORY =
      "SELECT entry_id, repeat, season, number, watched_at FROM episode_history"
          + " WHERE entry_id = ANY($1) ORDER BY entry_id, repeat, season, number";

  public static final String EXTERNAL_IDS =
      "SELECT media_id, source, external_id FROM media_projection_external_id"
          + " WHERE media_id = ANY($1) ORDER BY media_id, source, external_id";

  static final String SCALE = "SELECT rating_scale FROM user_setting WHERE user_id = $1";

  private final Pool pool;

  @Inject
  ExportQueries(Pool pool) {
    this.pool = pool;
  }

  /** The user's rating scale name; {@link RatingScale#DEFAULT} without a settings row. */
  public Uni<String> ratingScale(String userId) {
    return pool.preparedQuery(SCALE)
        .execute(Tuple.of(userId))
        .map(
            rows ->
                rows.iterator().hasNext()
                    ? rows.iterator().next().getString(0)
                    : RatingScale.DEFAULT.name());
  }

  /**
   * Up to {@code limit} of the user's entries with media id above {@code after} (from the first
   * when null), ordered by media id, each with its history and external ids.
   */
  public Uni<List<ExportedEntry>> page(String userId, UUID after, int limit) {
    Uni<RowSet<Row>> entries =
        after == null
            ? pool.preparedQuery(FIRST_PAGE).execute(Tuple.of(userId, limit))
            : pool.preparedQuery(NEXT_PAGE).execute(Tuple.of(userId, after, limit));
    return entries.flatMap(
        rows -> {
          if (rows.size() == 0) {
            return Uni.createFrom().item(List.<ExportedEntry>of());
          }
          List<Row> list = new ArrayList<>(rows.size());
          rows.forEach(list::add);
          UUID[] entryIds = list.stream().map(r -> r.getUUID("id")).toArray(UUID[]::new);
          UUID[] mediaIds = list.stream().map(r -> r.getUUID("media_id")).toArray(UUID[]::new);
          return Uni.combine()
              .all()
              .unis(history(entryIds), externalIds(mediaIds))
              .with(
                  (history, ids) -> {
                    List<ExportedEntry> page = new ArrayList<>(list.size());
                    for (Row r : list) {
                      page.add(
                          entry(
                              r,
                              history.getOrDefault(r.getUUID("id"), List.of()),
                              ids.getOrDefault(
                                  r.getUUID("media_id"), Collections.emptySortedMap())));
                    }
                    return page;
                  });
        });
  }

  private Uni<Map<UUID, List<ExportedEntry.Watched>>> history(UUID[] entryIds) {
    return pool.preparedQuery(HISTORY)
        .execute(Tuple.of(entryIds))
        .map(
            rows -> {
              Map<UUID, List<ExportedEntry.Watched>> byEntry = new HashMap<>();
              for (Row r : rows) {
                byEntry
                    .computeIfAbsent(r.getUUID(0), k -> new ArrayList<>())
                    .add(
                        new ExportedEntry.Watched(
                            r.getInteger(1),
                            r.getInteger(2),
                            r.getInteger(3),
                            r.getOffsetDateTime(4).toInstant()));
              }
              return byEntry;
            });
  }

  /**
   * External ids by media id, keyed by {@code ExternalSource.key()}. The catalog keeps one id per
   * source; should the projection hold several, the first in text order is exported.
   */
  private Uni<Map<UUID, SortedMap<String, String>>> externalIds(UUID[] mediaIds) {
    return pool.preparedQuery(EXTERNAL_IDS)
        .execute(Tuple.of(mediaIds))
        .map(
            rows -> {
              Map<UUID, SortedMap<String, String>> byMedia = new HashMap<>();
              for (Row r : rows) {
                String source = r.getString(1);
                String key =
                    ExternalSource.fromKey(source)
                        .map(ExternalSource::key)
                        .orElse(source.toLowerCase(Locale.ROOT));
                byMedia
                    .computeIfAbsent(r.getUUID(0), k -> new TreeMap<>())
                    .putIfAbsent(key, r.getString(2));
              }
              return byMedia;
            });
  }

  private static ExportedEntry entry(
      Row r, List<ExportedEntry.Watched> history, SortedMap<String, String> externalIds) {
    String reviewText = r.getString("review_text");
    ExportedEntry.Review review =
        reviewText == null
            ? null
            : new ExportedEntry.Review(
                reviewText,
                r.getBoolean("review_spoiler"),
                r.getString("review_visibility"),
                instant(r.getOffsetDateTime("reviewed_at")));
    return new ExportedEntry(
        r.getUUID("media_id"),
        r.getString("media_type"),
        r.getString("title"),
        externalIds,
        r.getString("status"),
        new Progress(
            r.getInteger("season"),
            r.getInteger("episode"),
            r.getInteger("chapter"),
            r.getInteger("volume"),
            r.getInteger("page"),
            r.getBigDecimal("percent"),
            r.getBigDecimal("hours_played")),
        r.getInteger("repeat_count"),
        r.getBoolean("repeating"),
        r.getLocalDate("last_repeated_at"),
        r.getLocalDate("started_at"),
        r.getLocalDate("completed_at"),
        instant(r.getOffsetDateTime("created_at")),
        r.getInteger("rating"),
        review,
        r.getString("notes"),
        r.getBoolean("private"),
        history);
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
