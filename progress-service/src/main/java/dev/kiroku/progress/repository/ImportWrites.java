package dev.kiroku.progress.repository;

import dev.kiroku.progress.domain.Entry;
import dev.kiroku.progress.domain.imports.ExistingEntry;
import dev.kiroku.progress.domain.imports.HistoryInsert;
import dev.kiroku.progress.domain.imports.HistoryTrim;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The batched SQL of list imports: one statement per kind of write for a whole batch of rows
 * (entries, history inserts, history trims, import state), in the caller's transaction.
 */
@ApplicationScoped
public class ImportWrites {

  private final EntryListKeys listKeys;

  @Inject
  ImportWrites(EntryListKeys listKeys) {
    this.listKeys = listKeys;
  }

  static final String SELECT_FOR_IMPORT =
      "SELECT "
          + EntryRepository.COLUMNS
          + ", (SELECT s.version FROM import_entry_state s WHERE s.entry_id = e.id)"
          + " AS import_version FROM library_entry e WHERE e.user_id = $1 AND e.media_id = ANY($2)";

  static final String INSERT_HISTORY =
      "INSERT INTO episode_history (entry_id, repeat, season, number, watched_at)"
          + " SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[],"
          + " $5::timestamptz[]) ON CONFLICT DO NOTHING";

  static final String TRIM_HISTORY =
      "DELETE FROM episode_history WHERE entry_id = $1 AND repeat = $2 AND season > 0"
          + " AND (season, number) > ($3, $4)";

  static final String UPSERT_STATE =
      "INSERT INTO import_entry_state (entry_id, job_id, version)"
          + " SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[])"
          + " ON CONFLICT (entry_id) DO UPDATE SET job_id = EXCLUDED.job_id,"
          + " version = EXCLUDED.version";

  /**
   * The user's entries for these media items, by media id.
   *
   * @param lock true to lock them ({@code FOR UPDATE}) until the transaction ends
   */
  public Uni<Map<UUID, ExistingEntry>> existing(
      SqlClient tx, String userId, List<UUID> mediaIds, boolean lock) {
    if (mediaIds.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return tx.preparedQuery(SELECT_FOR_IMPORT + (lock ? " FOR UPDATE OF e" : ""))
        .execute(Tuple.of(userId, mediaIds.toArray(UUID[]::new)))
        .map(
            rows -> {
              Map<UUID, ExistingEntry> found = new HashMap<>();
              for (Row row : rows) {
                Entry e = EntryRepository.map(row);
                found.put(e.mediaId, new ExistingEntry(e, row.getLong("import_version")));
              }
              return found;
            });
  }

  /**
   * Writes entries (created or replaced, their version already raised), history changes, the import
   * state of every written entry and the lists' order rows and counts ({@link EntryListKeys}), one
   * statement each.
   *
   * @param before the stored state of each of {@code entries} (same index; null when created)
   */
  public Uni<Void> write(
      SqlClient tx,
      UUID jobId,
      List<Entry> entries,
      List<Entry> before,
      List<HistoryTrim> trims,
      List<HistoryInsert> inserts) {
    if (entries.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> upserts = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      upserts.add(EntryRepository.tuple(e));
    }
    Uni<Void> chain =
        tx.preparedQuery(EntryRepository.UPSERT).executeBatch(upserts).replaceWithVoid();
    if (!trims.isEmpty()) {
      List<Tuple> t = new ArrayList<>(trims.size());
      for (HistoryTrim trim : trims) {
        t.add(
            Tuple.of(trim.entryId(), trim.repeat(), trim.after().season(), trim.after().number()));
      }
      chain = chain.chain(() -> tx.preparedQuery(TRIM_HISTORY).executeBatch(t).replaceWithVoid());
    }
    if (!inserts.isEmpty()) {
      int n = inserts.size();
      UUID[] ids = new UUID[n];
      Integer[] repeats = new Integer[n];
      Integer[] seasons = new Integer[n];
      Integer[] numbers = new Integer[n];
      OffsetDateTime[] times = new OffsetDateTime[n];
      for (int i = 0; i < n; i++) {
        HistoryInsert h = inserts.get(i);
        ids[i] = h.entryId();
        repeats[i] = h.repeat();
        seasons[i] = h.season();
        numbers[i] = h.number();
        times[i] = h.watchedAt().atOffset(ZoneOffset.UTC);
      }
      chain =
          chain.chain(
              () ->
                  tx.preparedQuery(INSERT_HISTORY)
                      .execute(Tuple.of(ids, repeats, seasons, numbers, times))
                      .replaceWithVoid());
    }
    UUID[] entryIds = new UUID[entries.size()];
    UUID[] jobs = new UUID[entries.size()];
    Long[] versions = new Long[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      entryIds[i] = entries.get(i).id;
      jobs[i] = jobId;
      versions[i] = entries.get(i).version;
    }
    List<EntryListKeys.Written> written = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      written.add(new EntryListKeys.Written(before.get(i), entries.get(i)));
    }
    return chain
        .chain(
            () ->
                tx.preparedQuery(UPSERT_STATE)
                    .execute(Tuple.of(entryIds, jobs, versions))
                    .replaceWithVoid())
        .chain(() -> listKeys.written(tx, written));
  }
}
