package dev.kiroku.progress.repository;

import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.progress.EntryStatus;
import dev.kiroku.contracts.progress.Progress;
import dev.kiroku.progress.domain.Entry;
import dev.kiroku.progress.domain.MediaUnits;
import dev.kiroku.progress.domain.RatingScale;
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

/** SQL for {@code library_entry}, {@code episode_history} and {@code user_setting}. */
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

  /** The upsert plus history changes in one statement: unmark after a position, mark units. */
  static final String UPSERT_WITH_HISTORY =
      "WITH e AS ("
          + UPSERT
          + " RETURNING id),"
          + " d AS (DELETE FROM episode_history h WHERE h.entry_id = $1 AND h.repeat = $28"
          + " AND h.season > 0 AND $29::int IS NOT NULL AND (h.season, h.number) > ($29::int,"
          + " $30::int)),"
          + " i AS (INSERT INTO episode_history (entry_id, repeat, season, number, watched_at)"
          + " SELECT e.id, $28, u.s, u.n, $31 FROM e, unnest($32::int[], $33::int[]) AS u(s, n)"
          + " ON CONFLICT DO NOTHING)"
          + " SELECT 1";

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

  static final String SCALE = "SELECT rating_scale FROM user_setting WHERE user_id = $1";

  static final String SAVE_SCALE =
      "INSERT INTO user_setting (user_id, rating_scale) VALUES ($1, $2) ON CONFLICT (user_id)"
          + " DO UPDATE SET rating_scale = EXCLUDED.rating_scale, updated_at = now()";

  static final String DELETE = "DELETE FROM library_entry WHERE id = $1";

  // --- batched statements (group commit of PUTs, see EntryWriteBatcher)
  // ---------------------------------

  /**
   * Locks the entries of (user, media) pairs, in id order (so concurrent batches never deadlock).
   */
  static final String LOCK_MANY =
      "SELECT "
          + COLUMNS
          + " FROM library_entry l JOIN unnest($1::text[], $2::uuid[]) AS k(u, m)"
          + " ON l.user_id = k.u AND l.media_id = k.m ORDER BY l.id FOR UPDATE OF l";

  static final String SCALES =
      "SELECT user_id, rating_scale FROM user_setting WHERE user_id = ANY($1::text[])";

  /**
   * Updates entries whose stored version is still {@code prev} (arrays, one element per entry).
   * Every column is set, but unchanged values keep an update HOT-eligible.
   */
  static final String UPDATE_MANY =
      "UPDATE library_entry l SET status = u.status, season = u.season, episode = u.episode,"
          + " chapter = u.chapter, volume = u.volume, page = u.page,"
          + " percent = u.percent::numeric, hours_played = u.hours_played::numeric,"
          + " repeat_count = u.repeat_count, repeating = u.repeating,"
          + " last_repeated_at = u.last_repeated_at, started_at = u.started_at,"
          + " completed_at = u.completed_at, rating = u.rating, review_text = u.review_text,"
          + " review_spoiler = u.review_spoiler, review_visibility = u.review_visibility,"
          + " reviewed_at = u.reviewed_at, notes = u.notes, private = u.private,"
          + " version = u.version, updated_at = u.updated_at"
          + " FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::int[], $5::int[], $6::int[],"
          + " $7::int[], $8::int[], $9::text[], $10::text[], $11::int[], $12::bool[], $13::date[],"
          + " $14::date[], $15::date[], $16::int[], $17::text[], $18::bool[], $19::text[],"
          + " $20::timestamptz[], $21::text[], $22::bool[], $23::bigint[], $24::timestamptz[])"
          + " AS u(id, prev, status, season, episode, chapter, volume, page, percent, hours_played,"
          + " repeat_count, repeating, last_repeated_at, started_at, completed_at, rating,"
          + " review_text, review_spoiler, review_visibility, reviewed_at, notes, private, version,"
          + " updated_at)"
          + " WHERE l.id = u.id AND l.version = u.prev";

  /** Inserts new entries (arrays, one element per entry, in {@link #COLUMNS} order). */
  static final String INSERT_MANY =
      "INSERT INTO library_entry ("
          + COLUMNS
          + ") SELECT id, user_id, media_id, media_type, status, season, episode, chapter, volume,"
          + " page, percent::numeric, hours_played::numeric, repeat_count, repeating,"
          + " last_repeated_at, started_at, completed_at, rating, review_text, review_spoiler,"
          + " review_visibility, reviewed_at, notes, private, version, created_at, updated_at"
          + " FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::int[],"
          + " $7::int[], $8::int[], $9::int[], $10::int[], $11::text[], $12::text[], $13::int[],"
          + " $14::bool[], $15::date[], $16::date[], $17::date[], $18::int[], $19::text[],"
          + " $20::bool[], $21::text[], $22::timestamptz[], $23::text[], $24::bool[],"
          + " $25::bigint[], $26::timestamptz[], $27::timestamptz[])"
          + " AS u(id, user_id, media_id, media_type, status, season, episode, chapter, volume,"
          + " page, percent, hours_played, repeat_count, repeating, last_repeated_at, started_at,"
          + " completed_at, rating, review_text, review_spoiler, review_visibility, reviewed_at,"
          + " notes, private, version, created_at, updated_at)";

  /** Per element: unmarks run {@code rep} of the entry after position (s, n); specials stay. */
  static final String UNMARK_AFTER_MANY =
      "DELETE FROM episode_history h"
          + " USING unnest($1::uuid[], $2::int[], $3::int[], $4::int[]) AS u(entry_id, rep, s, n)"
          + " WHERE h.entry_id = u.entry_id AND h.repeat = u.rep AND h.season > 0"
          + " AND (h.season, h.number) > (u.s, u.n)";

  /** Per element: marks unit (s, n) of run {@code rep} of the entry watched at $5. */
  static final String MARK_MANY =
      "INSERT INTO episode_history (entry_id, repeat, season, number, watched_at)"
          + " SELECT u.entry_id, u.rep, u.s, u.n, $5"
          + " FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[]) AS u(entry_id, rep, s, n)"
          + " ON CONFLICT DO NOTHING";

  /** One history row. */
  public record HistoryRow(int repeat, int season, int number, Instant watchedAt) {}

  /** An entry's key: the owner and the media item. */
  public record Key(String userId, UUID mediaId) {}

  /**
   * Locks the stored entries of {@code keys} ({@code SELECT ... FOR UPDATE}, in id order).
   *
   * @param keys distinct (user, media) pairs
   * @return the entries found, by key; keys without an entry are absent
   */
  public Uni<java.util.Map<Key, Entry>> lockAll(SqlClient tx, java.util.Collection<Key> keys) {
    String[] users = new String[keys.size()];
    UUID[] media = new UUID[keys.size()];
    int i = 0;
    for (Key k : keys) {
      users[i] = k.userId();
      media[i++] = k.mediaId();
    }
    return tx.preparedQuery(LOCK_MANY)
        .execute(Tuple.tuple().addArrayOfString(users).addArrayOfUUID(media))
        .map(
            rows -> {
              java.util.Map<Key, Entry> found = new java.util.HashMap<>();
              for (Row r : rows) {
                Entry e = map(r);
                found.put(new Key(e.userId, e.mediaId), e);
              }
              return found;
            });
  }

  /** The rating scales of {@code userIds}; users without a setting are absent. */
  public Uni<java.util.Map<String, RatingScale>> scales(
      SqlClient client, java.util.Collection<String> userIds) {
    return client
        .preparedQuery(SCALES)
        .execute(Tuple.tuple().addArrayOfString(userIds.toArray(new String[0])))
        .map(
            rows -> {
              java.util.Map<String, RatingScale> scales = new java.util.HashMap<>();
              for (Row r : rows) {
                scales.put(r.getString(0), RatingScale.valueOf(r.getString(1)));
              }
              return scales;
            });
  }

  /**
   * Updates stored entries in one statement, each only if its stored version is still the one it
   * was read at.
   *
   * @param entries the new states; {@code previousVersions[i]} is the version {@code entries[i]}
   *     was read at
   * @return the number of rows updated (less than {@code entries.size()} when a version moved)
   */
  public Uni<Integer> updateAll(SqlClient tx, List<Entry> entries, List<Long> previousVersions) {
    int n = entries.size();
    UUID[] id = new UUID[n];
    Long[] prev = previousVersions.toArray(new Long[0]);
    Columns c = new Columns(entries);
    for (int i = 0; i < n; i++) {
      id[i] = entries.get(i).id;
    }
    Tuple t =
        c.addEntryColumns(Tuple.tuple().addArrayOfUUID(id).addArrayOfLong(prev))
            .addArrayOfOffsetDateTime(c.updatedAt);
    return tx.preparedQuery(UPDATE_MANY).execute(t).map(RowSet::rowCount);
  }

  /**
   * Inserts new entries in one statement; fails with SQLSTATE 23505 when another transaction
   * created one of them first.
   */
  public Uni<Void> insertAll(SqlClient tx, List<Entry> entries) {
    int n = entries.size();
    UUID[] id = new UUID[n];
    String[] user = new String[n];
    UUID[] media = new UUID[n];
    String[] type = new String[n];
    OffsetDateTime[] created = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      Entry e = entries.get(i);
      id[i] = e.id;
      user[i] = e.userId;
      media[i] = e.mediaId;
      type[i] = e.mediaType.name();
      created[i] = e.createdAt.atOffset(ZoneOffset.UTC);
    }
    Columns c = new Columns(entries);
    Tuple t =
        c.addEntryColumns(
                Tuple.tuple()
                    .addArrayOfUUID(id)
                    .addArrayOfString(user)
                    .addArrayOfUUID(media)
                    .addArrayOfString(type))
            .addArrayOfOffsetDateTime(created)
            .addArrayOfOffsetDateTime(c.updatedAt);
    return tx.preparedQuery(INSERT_MANY).execute(t).replaceWithVoid();
  }

  /**
   * History changes of several entries in one statement each: {@code unmark} (entry, run, position)
   * unmarks the run's regular units after the position; {@code mark} (entry, run, unit) marks units
   * watched at {@code watchedAt}. The unmarking runs first.
   */
  public Uni<Void> changeHistory(
      SqlClient tx, HistoryChanges unmark, HistoryChanges mark, Instant watchedAt) {
    Uni<Void> deleted =
        unmark.isEmpty()
            ? Uni.createFrom().voidItem()
            : tx.preparedQuery(UNMARK_AFTER_MANY).execute(unmark.tuple()).replaceWithVoid();
    Uni<Void> inserted =
        mark.isEmpty()
            ? Uni.createFrom().voidItem()
            : tx.preparedQuery(MARK_MANY)
                .execute(mark.tuple().addOffsetDateTime(watchedAt.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    return Uni.combine().all().unis(deleted, inserted).discardItems();
  }

  /** (entry, run, season, number) rows for {@link #changeHistory}. */
  public static final class HistoryChanges {
    private final List<UUID> entries = new ArrayList<>();
    private final List<Integer> runs = new ArrayList<>();
    private final List<Integer> seasons = new ArrayList<>();
    private final List<Integer> numbers = new ArrayList<>();

    public void add(UUID entryId, int run, MediaUnits.Unit unit) {
      entries.add(entryId);
      runs.add(run);
      seasons.add(unit.season());
      numbers.add(unit.number());
    }

    public boolean isEmpty() {
      return entries.isEmpty();
    }

    Tuple tuple() {
      return Tuple.tuple()
          .addArrayOfUUID(entries.toArray(new UUID[0]))
          .addArrayOfInteger(runs.toArray(new Integer[0]))
          .addArrayOfInteger(seasons.toArray(new Integer[0]))
          .addArrayOfInteger(numbers.toArray(new Integer[0]));
    }
  }

  /** The mutable columns of several entries as arrays (numerics as text, cast in SQL). */
  private static final class Columns {
    final String[] status;
    final Integer[] season;
    final Integer[] episode;
    final Integer[] chapter;
    final Integer[] volume;
    final Integer[] page;
    final String[] percent;
    final String[] hoursPlayed;
    final Integer[] repeatCount;
    final Boolean[] repeating;
    final java.time.LocalDate[] lastRepeatedAt;
    final java.time.LocalDate[] startedAt;
    final java.time.LocalDate[] completedAt;
    final Integer[] rating;
    final String[] reviewText;
    final Boolean[] reviewSpoiler;
    final String[] reviewVisibility;
    final OffsetDateTime[] reviewedAt;
    final String[] notes;
    final Boolean[] privateEntry;
    final Long[] version;
    final OffsetDateTime[] updatedAt;

    Columns(List<Entry> entries) {
      int n = entries.size();
      status = new String[n];
      season = new Integer[n];
      episode = new Integer[n];
      chapter = new Integer[n];
      volume = new Integer[n];
      page = new Integer[n];
      percent = new String[n];
      hoursPlayed = new String[n];
      repeatCount = new Integer[n];
      repeating = new Boolean[n];
      lastRepeatedAt = new java.time.LocalDate[n];
      startedAt = new java.time.LocalDate[n];
      completedAt = new java.time.LocalDate[n];
      rating = new Integer[n];
      reviewText = new String[n];
      reviewSpoiler = new Boolean[n];
      reviewVisibility = new String[n];
      reviewedAt = new OffsetDateTime[n];
      notes = new String[n];
      privateEntry = new Boolean[n];
      version = new Long[n];
      updatedAt = new OffsetDateTime[n];
      for (int i = 0; i < n; i++) {
        Entry e = entries.get(i);
        Progress p = e.progress;
        status[i] = e.status.name();
        season[i] = p.season();
        episode[i] = p.episode();
        chapter[i] = p.chapter();
        volume[i] = p.volume();
        page[i] = p.page();
        percent[i] = p.percent() == null ? null : p.percent().toPlainString();
        hoursPlayed[i] = p.hoursPlayed() == null ? null : p.hoursPlayed().toPlainString();
        repeatCount[i] = e.repeatCount;
        repeating[i] = e.repeating;
        lastRepeatedAt[i] = e.lastRepeatedAt;
        startedAt[i] = e.startedAt;
        completedAt[i] = e.completedAt;
        rating[i] = e.rating;
        reviewText[i] = e.reviewText;
        reviewSpoiler[i] = e.reviewSpoiler;
        reviewVisibility[i] = e.reviewVisibility.name();
        reviewedAt[i] = e.reviewedAt == null ? null : e.reviewedAt.atOffset(ZoneOffset.UTC);
        notes[i] = e.notes;
        privateEntry[i] = e.privateEntry;
        version[i] = e.version;
        updatedAt[i] = e.updatedAt.atOffset(ZoneOffset.UTC);
      }
    }

    /** Appends status … version to {@code t}, in the order both batch statements take them. */
    Tuple addEntryColumns(Tuple t) {
      return t.addArrayOfString(status)
          .addArrayOfInteger(season)
          .addArrayOfInteger(episode)
          .addArrayOfInteger(chapter)
          .addArrayOfInteger(volume)
          .addArrayOfInteger(page)
          .addArrayOfString(percent)
          .addArrayOfString(hoursPlayed)
          .addArrayOfInteger(repeatCount)
          .addArrayOfBoolean(repeating)
          .addArrayOfLocalDate(lastRepeatedAt)
          .addArrayOfLocalDate(startedAt)
          .addArrayOfLocalDate(completedAt)
          .addArrayOfInteger(rating)
          .addArrayOfString(reviewText)
          .addArrayOfBoolean(reviewSpoiler)
          .addArrayOfString(reviewVisibility)
          .addArrayOfOffsetDateTime(reviewedAt)
          .addArrayOfString(notes)
          .addArrayOfBoolean(privateEntry)
          .addArrayOfLong(version);
    }
  }

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

  public Uni<RatingScale> scale(SqlClient client, String userId) {
    return client
        .preparedQuery(SCALE)
        .execute(Tuple.of(userId))
        .map(
            rows ->
                rows.iterator().hasNext()
                    ? RatingScale.valueOf(rows.iterator().next().getString(0))
                    : RatingScale.DEFAULT);
  }

  public Uni<Void> saveScale(SqlClient client, String userId, RatingScale scale) {
    return client
        .preparedQuery(SAVE_SCALE)
        .execute(Tuple.of(userId, scale.name()))
        .replaceWithVoid();
  }

  /**
   * Writes the entry; with a history change also unmarks the current run's units after {@code
   * lowerTo} and marks {@code mark}, in the same statement.
   */
  public Uni<Void> write(
      SqlClient tx,
      Entry e,
      MediaUnits.Unit lowerTo,
      List<MediaUnits.Unit> mark,
      Instant watchedAt) {
    Tuple t = tuple(e);
    if (lowerTo == null && mark.isEmpty()) {
      return tx.preparedQuery(UPSERT).execute(t).replaceWithVoid();
    }
    Integer[] seasons = new Integer[mark.size()];
    Integer[] numbers = new Integer[mark.size()];
    for (int i = 0; i < mark.size(); i++) {
      seasons[i] = mark.get(i).season();
      numbers[i] = mark.get(i).number();
    }
    t.addInteger(e.currentRun())
        .addInteger(lowerTo == null ? null : lowerTo.season())
        .addInteger(lowerTo == null ? null : lowerTo.number())
        .addOffsetDateTime(watchedAt.atOffset(ZoneOffset.UTC))
        .addArrayOfInteger(seasons)
        .addArrayOfInteger(numbers);
    return tx.preparedQuery(UPSERT_WITH_HISTORY).execute(t).replaceWithVoid();
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
