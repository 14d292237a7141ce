package dev.kiroku.progress.repository;

import dev.kiroku.progress.domain.Entry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the lists read instead of every row of a library ({@code V11__list_order_and_counts.sql}):
 * {@code library_entry_order}, one narrow row per entry with the keys lists filter and sort on
 * (indexed by {@code (user_id, updated_at, entry_id)} and {@code (user_id, status, updated_at,
 * entry_id)}), and {@code library_count}, entries per (user, media type, status, private flag).
 *
 * <p>Every path that writes {@code library_entry} calls {@link #written} in the same transaction,
 * after its entry statements (the order row references the entry): the PUT and PATCH batch,
 * episodes and advance, DELETE and list imports. Deleting an entry deletes its order row by
 * cascade; {@code UserDeleted} deletes the user's count rows ({@link UserDataRepository}). {@code
 * library_entry} itself keeps only indexes on columns a progress or rating change leaves alone, so
 * those updates stay HOT.
 *
 * <p>Count deltas are applied in one statement sorted by key, as the last write of a transaction:
 * two transactions then never wait for each other's count rows in a cycle.
 */
@ApplicationScoped
public class EntryListKeys {

  /** One entry write: {@code before} null when created, {@code after} null when deleted. */
  public record Written(Entry before, Entry after) {}

  /**
   * Inserts the order rows of created entries (arrays, one element per entry); replaces one that is
   * already there.
   */
  static final String UPSERT_ORDER =
      "INSERT INTO library_entry_order (entry_id, user_id, media_type, status, private, updated_at)"
          + " SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bool[],"
          + " $6::timestamptz[])"
          + " ON CONFLICT (entry_id) DO UPDATE SET status = EXCLUDED.status,"
          + " private = EXCLUDED.private, updated_at = EXCLUDED.updated_at";

  /**
   * Updates the order rows of updated entries (arrays, one element per entry): a plain update, not
   * the upsert, which locks each row first (one more WAL record per row on the PUT path).
   */
  static final String UPDATE_ORDER =
      "UPDATE library_entry_order o SET status = u.status, private = u.private,"
          + " updated_at = u.updated_at"
          + " FROM unnest($1::uuid[], $2::text[], $3::bool[], $4::timestamptz[])"
          + " AS u(entry_id, status, private, updated_at)"
          + " WHERE o.entry_id = u.entry_id";

  /**
   * Adds deltas to the counts (arrays sorted by key, one element per key; a key is locked in that
   * order).
   */
  static final String ADD_COUNTS =
      "INSERT INTO library_count AS c (user_id, media_type, status, private, entries)"
          + " SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bool[], $5::int[])"
          + " ON CONFLICT (user_id, media_type, status, private)"
          + " DO UPDATE SET entries = c.entries + EXCLUDED.entries";

  /** {@code UserDeleted}: the user's count rows (their order rows go with their entries). */
  static final String DELETE_USER_COUNTS = "DELETE FROM library_count WHERE user_id = $1";

  /**
   * Brings the order rows and counts in line with {@code writes}, in the caller's transaction:
   * created entries' order rows inserted, updated entries' order rows updated, count deltas added,
   * each one statement (only when there is something to write), sent at once (pipelined) in that
   * order.
   */
  public Uni<Void> written(SqlClient tx, Collection<Written> writes) {
    List<Entry> created = new ArrayList<>();
    List<Entry> updated = new ArrayList<>(writes.size());
    Map<CountKey, Integer> deltas = new TreeMap<>();
    for (Written w : writes) {
      if (w.before() != null) {
        deltas.merge(CountKey.of(w.before()), -1, Integer::sum);
      }
      if (w.after() != null) {
        deltas.merge(CountKey.of(w.after()), 1, Integer::sum);
        (w.before() == null ? created : updated).add(w.after());
      }
    }
    deltas.values().removeIf(d -> d == 0);
    Uni<Void> inserts = created.isEmpty() ? Uni.createFrom().voidItem() : upsertOrder(tx, created);
    Uni<Void> updates = updated.isEmpty() ? Uni.createFrom().voidItem() : updateOrder(tx, updated);
    Uni<Void> counts = deltas.isEmpty() ? Uni.createFrom().voidItem() : addCounts(tx, deltas);
    return Uni.combine().all().unis(inserts, updates, counts).discardItems();
  }

  /** Shorthand for one write. */
  public Uni<Void> written(SqlClient tx, Entry before, Entry after) {
    return written(tx, List.of(new Written(before, after)));
  }

  private static Uni<Void> upsertOrder(SqlClient tx, List<Entry> entries) {
    int n = entries.size();
    UUID[] id = new UUID[n];
    String[] user = new String[n];
    String[] type = new String[n];
    String[] status = new String[n];
    Boolean[] privateEntry = new Boolean[n];
    OffsetDateTime[] updated = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      Entry e = entries.get(i);
      id[i] = e.id;
      user[i] = e.userId;
      type[i] = e.mediaType.name();
      status[i] = e.status.name();
      privateEntry[i] = e.privateEntry;
      updated[i] = e.updatedAt.atOffset(ZoneOffset.UTC);
    }
    return tx.preparedQuery(UPSERT_ORDER)
        .execute(
            Tuple.tuple()
                .addArrayOfUUID(id)
                .addArrayOfString(user)
                .addArrayOfString(type)
                .addArrayOfString(status)
                .addArrayOfBoolean(privateEntry)
                .addArrayOfOffsetDateTime(updated))
        .replaceWithVoid();
  }

  private static Uni<Void> updateOrder(SqlClient tx, List<Entry> entries) {
    int n = entries.size();
    UUID[] id = new UUID[n];
    String[] status = new String[n];
    Boolean[] privateEntry = new Boolean[n];
    OffsetDateTime[] updated = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      Entry e = entries.get(i);
      id[i] = e.id;
      status[i] = e.status.name();
      privateEntry[i] = e.privateEntry;
      updated[i] = e.updatedAt.atOffset(ZoneOffset.UTC);
    }
    return tx.preparedQuery(UPDATE_ORDER)
        .execute(
            Tuple.tuple()
                .addArrayOfUUID(id)
                .addArrayOfString(status)
                .addArrayOfBoolean(privateEntry)
                .addArrayOfOffsetDateTime(updated))
        .replaceWithVoid();
  }

  private static Uni<Void> addCounts(SqlClient tx, Map<CountKey, Integer> deltas) {
    int n = deltas.size();
    String[] user = new String[n];
    String[] type = new String[n];
    String[] status = new String[n];
    Boolean[] privateEntry = new Boolean[n];
    Integer[] delta = new Integer[n];
    int i = 0;
    for (var d : deltas.entrySet()) { // TreeMap: sorted by key
      user[i] = d.getKey().userId();
      type[i] = d.getKey().mediaType();
      status[i] = d.getKey().status();
      privateEntry[i] = d.getKey().privateEntry();
      delta[i++] = d.getValue();
    }
    return tx.preparedQuery(ADD_COUNTS)
        .execute(
            Tuple.tuple()
                .addArrayOfString(user)
                .addArrayOfString(type)
                .addArrayOfString(status)
                .addArrayOfBoolean(privateEntry)
                .addArrayOfInteger(delta))
        .replaceWithVoid();
  }

  /** A row of {@code library_count}; ordered as the primary key (text compared as in Java). */
  record CountKey(String userId, String mediaType, String status, boolean privateEntry)
      implements Comparable<CountKey> {

    static CountKey of(Entry e) {
      return new CountKey(e.userId, e.mediaType.name(), e.status.name(), e.privateEntry);
    }

    @Override
    public int compareTo(CountKey o) {
      int c = userId.compareTo(o.userId);
      if (c == 0) {
        c = mediaType.compareTo(o.mediaType);
      }
      if (c == 0) {
        c = status.compareTo(o.status);
      }
      return c != 0 ? c : Boolean.compare(privateEntry, o.privateEntry);
    }
  }
}
