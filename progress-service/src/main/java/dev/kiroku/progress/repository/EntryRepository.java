package dev.kiroku.progress.repository;

import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.progress.EntryStatus;
import dev.kiroku.contracts.progress.Progress;
import dev.kiroku.progress.domain.Entry;
import dev.kiroku.progress.domain.HistoryRow;
import dev.kiroku.progress.domain.MediaUnits;
import dev.kiroku.progress.domain.Visibility;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL for one library entry ({@code library_entry}) and its episode history ({@code
 * episode_history}); the batched statements of the write path are in {@link EntryBatchRepository}.
 */
@ApplicationScoped
public class EntryRepository {

  /** Every column of an entry, in the order {@link #map} reads them (by position). */
  static final String COLUMNS =
      "id, user_id, media_id, media_type, status, season, episode, chapter, volume, page, percent,"
          + " hours_played, repeat_count, repeating, last_repeated_at, started_at, completed_at,"
          + " rating, review_text, review_spoiler, review_visibility, reviewed_at, notes, private,"
          + " version, created_at, updated_at";

  /** How many columns {@link #COLUMNS} names (what a row holds before any extra column). */
  static final int COLUMN_COUNT = COLUMNS.split(",").length;

  /** {@link #COLUMNS} of {@code library_entry e}, for joins (same order). */
  static final String E_COLUMNS = "e." + COLUMNS.replace(", ", ", e.");

  static final String SELECT_FOR_UPDATE =
      "SELECT " + COLUMNS + " FROM library_entry WHERE user_id = $1 AND media_id = $2 FOR UPDATE";

  static final String SELECT =
      "SELECT " + COLUMNS + " FROM library_entry WHERE user_id = $1 AND media_id = $2";

  /** Creates or replaces an entry (by id); also the statement imports batch. */
  static final String UPSERT =
      "INSERT INTO library_entry ("
          + COLUMNS
          + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,"
          + " $18, $19, $20, $21, $22, $23, $24, $25, $26, $27)"
          + " ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, season = EXCLUDED.season,"
          + " episode = EXCLUDED.episode, chapter = EXCLUDED.chapter, volume = EXCLUDED.volume,"
          + " page = EXCLUDED.page, percent = EXCLUDED.percent,"
          + " hours_played = EXCLUDED.hours_played, repeat_count = EXCLUDED.repeat_count,"
          + " repeating = EXCLUDED.repeating, last_repeated_at = EXCLUDED.last_repeated_at,"
          + " started_at = EXCLUDED.started_at, completed_at = EXCLUDED.completed_at,"
          + " rating = EXCLUDED.rating, review_text = EXCLUDED.review_text,"
          + " review_spoiler = EXCLUDED.review_spoiler,"
          + " review_visibility = EXCLUDED.review_visibility, reviewed_at = EXCLUDED.reviewed_at,"
          + " notes = EXCLUDED.notes, private = EXCLUDED.private, version = EXCLUDED.version,"
          + " updated_at = EXCLUDED.updated_at";

  static final String INSERT_UNITS =
      "INSERT INTO episode_history (entry_id, repeat, season, number, watched_at)"
          + " SELECT $1, $2, u.s, u.n, $3 FROM unnest($4::int[], $5::int[]) AS u(s, n)"
          + " ON CONFLICT DO NOTHING RETURNING season, number";

  static final String DELETE_UNITS =
      "DELETE FROM episode_history h USING unnest($3::int[], $4::int[]) AS u(s, n)"
          + " WHERE h.entry_id = $1 AND h.repeat = $2 AND h.season = u.s AND h.number = u.n"
          + " RETURNING h.season, h.number";

  static final String LAST_WATCHED =
      "SELECT season, number FROM episode_history WHERE entry_id = $1 AND repeat = $2"
          + " AND season > 0 ORDER BY season DESC, number DESC LIMIT 1";

  static final String HISTORY =
      "SELECT repeat, season, number, watched_at FROM episode_history WHERE entry_id = $1"
          + " ORDER BY repeat, season, number";

  static final String DELETE = "DELETE FROM library_entry WHERE id = $1";

  public Uni<Optional<Entry>> lock(SqlClient tx, String userId, UUID mediaId) {
    return tx.preparedQuery(SELECT_FOR_UPDATE)
        .execute(Tuple.of(userId, mediaId))
        .map(EntryRepository::first);
  }

  public Uni<Optional<Entry>> find(SqlClient client, String userId, UUID mediaId) {
    return client
        .preparedQuery(SELECT)
        .execute(Tuple.of(userId, mediaId))
        .map(EntryRepository::first);
  }

  /**
   * Creates or replaces the entry (upsert on its id). History is written separately ({@link #mark},
   * {@link #unmark}).
   */
  public Uni<Void> upsert(SqlClient tx, Entry e) {
    return tx.preparedQuery(UPSERT).execute(tuple(e)).replaceWithVoid();
  }

  /** Marks units of run {@code repeat}; returns those that were not marked before. */
  public Uni<List<MediaUnits.Unit>> mark(
      SqlClient tx, UUID entryId, int repeat, List<MediaUnits.Unit> units, Instant watchedAt) {
    return tx.preparedQuery(INSERT_UNITS)
        .execute(
            Tuple.of(entryId, repeat, watchedAt.atOffset(ZoneOffset.UTC))
                .addArrayOfInteger(
                    units.stream().map(MediaUnits.Unit::season).toArray(Integer[]::new))
                .addArrayOfInteger(
                    units.stream().map(MediaUnits.Unit::number).toArray(Integer[]::new)))
        .map(EntryRepository::units);
  }

  /** Unmarks units of run {@code repeat}; returns those that were marked. */
  public Uni<List<MediaUnits.Unit>> unmark(
      SqlClient tx, UUID entryId, int repeat, List<MediaUnits.Unit> units) {
    return tx.preparedQuery(DELETE_UNITS)
        .execute(
            Tuple.of(entryId, repeat)
                .addArrayOfInteger(
                    units.stream().map(MediaUnits.Unit::season).toArray(Integer[]::new))
                .addArrayOfInteger(
                    units.stream().map(MediaUnits.Unit::number).toArray(Integer[]::new)))
        .map(EntryRepository::units);
  }

  /** The latest regular unit watched in run {@code repeat}, or {@link MediaUnits.Unit#START}. */
  public Uni<MediaUnits.Unit> lastWatched(SqlClient tx, UUID entryId, int repeat) {
    return tx.preparedQuery(LAST_WATCHED)
        .execute(Tuple.of(entryId, repeat))
        .map(
            rows -> {
              List<MediaUnits.Unit> u = units(rows);
              return u.isEmpty() ? MediaUnits.Unit.START : u.get(0);
            });
  }

  public Uni<List<HistoryRow>> history(SqlClient client, UUID entryId) {
    return client
        .preparedQuery(HISTORY)
        .execute(Tuple.of(entryId))
        .map(
            rows -> {
              List<HistoryRow> list = new ArrayList<>();
              for (Row r : rows) {
                list.add(
                    new HistoryRow(
                        r.getInteger(0),
                        r.getInteger(1),
                        r.getInteger(2),
                        r.getOffsetDateTime(3).toInstant()));
              }
              return list;
            });
  }

  public Uni<Void> delete(SqlClient tx, UUID entryId) {
    return tx.preparedQuery(DELETE).execute(Tuple.of(entryId)).replaceWithVoid();
  }

  private static List<MediaUnits.Unit> units(RowSet<Row> rows) {
    List<MediaUnits.Unit> list = new ArrayList<>();
    for (Row r : rows) {
      list.add(new MediaUnits.Unit(r.getInteger(0), r.getInteger(1)));
    }
    list.sort(null);
    return list;
  }

  private static Optional<Entry> first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(map(it.next())) : Optional.empty();
  }

  /**
   * Maps a row whose first columns are {@link #COLUMNS}, in that order: read by position (by name,
   * each read searched the row's column names, ~15 % of the service's CPU on a list page, JFR).
   */
  public static Entry map(Row r) {
    Entry e = new Entry();
    e.id = r.getUUID(0);
    e.userId = r.getString(1);
    e.mediaId = r.getUUID(2);
    e.mediaType = MediaType.valueOf(r.getString(3));
    e.status = EntryStatus.valueOf(r.getString(4));
    e.progress =
        new Progress(
            r.getInteger(5),
            r.getInteger(6),
            r.getInteger(7),
            r.getInteger(8),
            r.getInteger(9),
            r.getBigDecimal(10),
            r.getBigDecimal(11));
    e.repeatCount = r.getInteger(12);
    e.repeating = r.getBoolean(13);
    e.lastRepeatedAt = r.getLocalDate(14);
    e.startedAt = r.getLocalDate(15);
    e.completedAt = r.getLocalDate(16);
    e.rating = r.getInteger(17);
    e.reviewText = r.getString(18);
    e.reviewSpoiler = r.getBoolean(19);
    e.reviewVisibility = Visibility.valueOf(r.getString(20));
    OffsetDateTime reviewed = r.getOffsetDateTime(21);
    e.reviewedAt = reviewed == null ? null : reviewed.toInstant();
    e.notes = r.getString(22);
    e.privateEntry = r.getBoolean(23);
    e.version = r.getLong(24);
    e.createdAt = r.getOffsetDateTime(25).toInstant();
    e.updatedAt = r.getOffsetDateTime(26).toInstant();
    return e;
  }

  /** The {@link #UPSERT} parameters of an entry. */
  static Tuple tuple(Entry e) {
    Progress p = e.progress;
    return Tuple.tuple()
        .addUUID(e.id)
        .addString(e.userId)
        .addUUID(e.mediaId)
        .addString(e.mediaType.name())
        .addString(e.status.name())
        .addInteger(p.season())
        .addInteger(p.episode())
        .addInteger(p.chapter())
        .addInteger(p.volume())
        .addInteger(p.page())
        .addBigDecimal(p.percent())
        .addBigDecimal(p.hoursPlayed())
        .addInteger(e.repeatCount)
        .addBoolean(e.repeating)
        .addLocalDate(e.lastRepeatedAt)
        .addLocalDate(e.startedAt)
        .addLocalDate(e.completedAt)
        .addValue(e.rating == null ? null : e.rating.shortValue())
        .addString(e.reviewText)
        .addBoolean(e.reviewSpoiler)
        .addString(e.reviewVisibility.name())
        .addOffsetDateTime(e.reviewedAt == null ? null : e.reviewedAt.atOffset(ZoneOffset.UTC))
        .addString(e.notes)
        .addBoolean(e.privateEntry)
        .addLong(e.version)
        .addOffsetDateTime(e.createdAt.atOffset(ZoneOffset.UTC))
        .addOffsetDateTime(e.updatedAt.atOffset(ZoneOffset.UTC));
  }
}
