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

  static final String COLUMNS =
      "id, user_id, media_id, media_type, status, season, episode, chapter, volume, page, percent,"
          + " hours_played, repeat_count, repeating, last_repeated_at, started_at, completed_at,"
          + " rating, review_text, review_spoiler, review_visibility, reviewed_at, notes, private,"
          + " version, created_at, updated_at";

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

  /** Maps a row of {@link #COLUMNS}. */
  public static Entry map(Row r) {
    Entry e = new Entry();
    e.id = r.getUUID("id");
    e.userId = r.getString("user_id");
    e.mediaId = r.getUUID("media_id");
    e.mediaType = MediaType.valueOf(r.getString("media_type"));
    e.status = EntryStatus.valueOf(r.getString("status"));
    e.progress =
        new Progress(
            r.getInteger("season"),
            r.getInteger("episode"),
            r.getInteger("chapter"),
            r.getInteger("volume"),
            r.getInteger("page"),
            r.getBigDecimal("percent"),
            r.getBigDecimal("hours_played"));
    e.repeatCount = r.getInteger("repeat_count");
    e.repeating = r.getBoolean("repeating");
    e.lastRepeatedAt = r.getLocalDate("last_repeated_at");
    e.startedAt = r.getLocalDate("started_at");
    e.completedAt = r.getLocalDate("completed_at");
    e.rating = r.getInteger("rating");
    e.reviewText = r.getString("review_text");
    e.reviewSpoiler = r.getBoolean("review_spoiler");
    e.reviewVisibility = Visibility.valueOf(r.getString("review_visibility"));
    OffsetDateTime reviewed = r.getOffsetDateTime("reviewed_at");
    e.reviewedAt = reviewed == null ? null : reviewed.toInstant();
    e.notes = r.getString("notes");
    e.privateEntry = r.getBoolean("private");
    e.version = r.getLong("version");
    e.createdAt = r.getOffsetDateTime("created_at").toInstant();
    e.updatedAt = r.getOffsetDateTime("updated_at").toInstant();
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
