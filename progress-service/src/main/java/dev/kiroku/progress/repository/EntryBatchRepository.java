package dev.kiroku.progress.repository;

import dev.kiroku.contracts.progress.Progress;
import dev.kiroku.progress.domain.Entry;
import dev.kiroku.progress.domain.MediaUnits;
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
import java.util.UUID;

/**
 * The batched statements of the entry write path (see {@code service.EntryBatchWriter}): every
 * statement takes arrays, one element per entry, so a batch of any size is one statement per kind
 * of write. Every one finds its rows through an index under its generic plan ({@code
 * GenericPlanTest}).
 */
@ApplicationScoped
public class EntryBatchRepository {

  /**
   * Locks the entries of (user, media) pairs, in id order (so concurrent batches never deadlock).
   */
  static final String LOCK_MANY =
      "SELECT "
          + EntryRepository.COLUMNS
          + " FROM library_entry l JOIN unnest($1::text[], $2::uuid[]) AS k(u, m)"
          + " ON l.user_id = k.u AND l.media_id = k.m ORDER BY l.id FOR UPDATE OF l";

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

  /**
   * Inserts new entries (arrays, one element per entry, in {@link EntryRepository#COLUMNS} order).
   */
  static final String INSERT_MANY =
      "INSERT INTO library_entry ("
          + EntryRepository.COLUMNS
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
                Entry e = EntryRepository.map(r);
                found.put(new Key(e.userId, e.mediaId), e);
              }
              return found;
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
}
