package dev.kiroku.progress.repository;

import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.progress.EntryStatus;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.progress.domain.Entry;
import dev.kiroku.progress.domain.EntryPage;
import dev.kiroku.progress.domain.EntrySort;
import dev.kiroku.progress.domain.ProgressErrorCode;
import dev.kiroku.progress.domain.RatingScale;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads of entry lists with keyset (cursor) pagination, each through an index:
 *
 * <ul>
 *   <li>{@code sort=updated} (the default) and /up-next: the narrow {@code library_entry_order}
 *       rows ({@link EntryListKeys}) in the order of {@code (user_id, updated_at, entry_id)} or,
 *       with a status filter, {@code (user_id, status, updated_at, entry_id)}, joined to {@code
 *       library_entry} by id: a page reads its own rows, not the whole library;
 *   <li>{@code sort=created}: {@code library_entry (user_id, created_at, id)};
 *   <li>{@code sort=rating}: the user's entries (index {@code (user_id, status)} or the unique
 *       {@code (user_id, media_id)}) sorted in memory, top-N: the rating changes with most PUTs,
 *       and an index holding it would make them non-HOT;
 *   <li>counts per status: {@code library_count}, a handful of rows per user.
 * </ul>
 */
@ApplicationScoped
public class EntryListQueries {

  /**
   * sort=updated: the order rows of {@code $1}, joined to their entries (filters, the cursor and
   * {@code ORDER BY o.updated_at DESC, o.entry_id DESC LIMIT} follow).
   */
  static final String UPDATED_LIST =
      " FROM library_entry_order o JOIN library_entry e ON e.id = o.entry_id"
          + " WHERE o.user_id = $1";

  /** sort=created and sort=rating: the entries of {@code $1} (filters and order follow). */
  static final String ENTRY_LIST = " FROM library_entry WHERE user_id = $1";

  /** Entries per status of {@code $1} (filters and {@code GROUP BY status} follow). */
  static final String COUNTS = "SELECT status, sum(entries) FROM library_count WHERE user_id = $1";

  /** /up-next: the user's watching anime and TV, most recently updated first (at most 200). */
  static final String WATCHING =
      "SELECT "
          + EntryRepository.E_COLUMNS
          + UPDATED_LIST
          + " AND o.status = 'WATCHING' AND o.media_type IN ('ANIME', 'TV')"
          + " ORDER BY o.updated_at DESC, o.entry_id DESC LIMIT 200";

  /** The sort key expression of each order (every order ends with the entry id). */
  static String key(EntrySort sort) {
    return switch (sort) {
      case UPDATED -> "o.updated_at";
      case CREATED -> "created_at";
      case RATING -> "COALESCE(rating, -1)";
    };
  }

  private final Pool pool;

  @Inject
  EntryListQueries(Pool pool) {
    this.pool = pool;
  }

  /**
   * The list statement for these filters: one statement per page. Each row is an entry ({@link
   * EntryRepository#COLUMNS}) followed by the counts per status over the type filter and visibility
   * ({@code "WATCHING:3,COMPLETED:12"}; computed once per statement, an InitPlan) and the reader's
   * rating scale (null: the default). Parameters: {@code $1} user, then the type, the status, the
   * cursor's key and id, and the limit, each only when used, in that order, then the reader.
   */
  static String listSql(
      EntrySort sort, boolean byType, boolean hidePrivate, boolean byStatus, boolean after) {
    boolean updated = sort == EntrySort.UPDATED;
    String p = updated ? "o." : "";
    int reader = 1 + (byType ? 1 : 0) + (byStatus ? 1 : 0) + (after ? 2 : 0) + 2;
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(updated ? EntryRepository.E_COLUMNS : EntryRepository.COLUMNS)
            .append(", (SELECT string_agg(c.status || ':' || c.n, ',') FROM (")
            .append(countSql(byType, hidePrivate).replace("sum(entries)", "sum(entries) AS n"))
            .append(") c) AS counts, (")
            .append(SettingsRepository.SCALE.replace("$1", "$" + reader))
            .append(") AS reader_scale")
            .append(updated ? UPDATED_LIST : ENTRY_LIST);
    int n = 1;
    if (byType) {
      sql.append(" AND ").append(p).append("media_type = $").append(++n);
    }
    if (hidePrivate) {
      sql.append(" AND NOT ").append(p).append("private");
    }
    if (byStatus) {
      sql.append(" AND ").append(p).append("status = $").append(++n);
    }
    String id = updated ? "o.entry_id" : "id";
    if (after) {
      sql.append(" AND (")
          .append(key(sort))
          .append(", ")
          .append(id)
          .append(") < ($")
          .append(++n)
          .append(", $")
          .append(++n)
          .append(")");
    }
    return sql.append(" ORDER BY ")
        .append(key(sort))
        .append(" DESC, ")
        .append(id)
        .append(" DESC LIMIT $")
        .append(++n)
        .toString();
  }

  /** The counts statement: {@code $1} user, {@code $2} the type when filtered. */
  static String countSql(boolean byType, boolean hidePrivate) {
    return COUNTS
        + (byType ? " AND media_type = $2" : "")
        + (hidePrivate ? " AND NOT private" : "")
        + " GROUP BY status";
  }

  /**
   * One page, the counts per status and the reader's rating scale, in one statement (a page that
   * finds no entry, past the last one or with a status no entry has, asks for the counts in a
   * second one).
   *
   * @param readerId who reads the list (their rating scale comes with it)
   * @param includePrivate false for another user's list (private entries hidden, also from the
   *     counts)
   * @throws ProblemException 400 {@code INVALID_CURSOR}
   */
  public Uni<EntryPage> list(
      String userId,
      String readerId,
      EntryStatus status,
      MediaType type,
      EntrySort sort,
      String cursor,
      int limit,
      boolean includePrivate) {
    Tuple args = Tuple.of(userId);
    if (type != null) {
      args.addString(type.name());
    }
    if (status != null) {
      args.addString(status.name());
    }
    if (cursor != null) {
      String[] parts = decode(cursor, sort);
      if (sort == EntrySort.RATING) {
        args.addInteger(Integer.parseInt(parts[1]));
      } else {
        args.addOffsetDateTime(
            Instant.ofEpochSecond(0, Long.parseLong(parts[1]) * 1000).atOffset(ZoneOffset.UTC));
      }
      args.addUUID(UUID.fromString(parts[2]));
    }
    args.addInteger(limit + 1).addString(readerId);
    return pool.preparedQuery(
            listSql(sort, type != null, !includePrivate, status != null, cursor != null))
        .execute(args)
        .flatMap(
            rows -> {
              List<Entry> list = entries(rows);
              String next = null;
              if (list.size() > limit) {
                list = list.subList(0, limit);
                next = encode(list.get(limit - 1), sort);
              }
              if (rows.size() == 0) {
                return counts(userId, type, includePrivate)
                    .map(counts -> new EntryPage(List.of(), null, counts, RatingScale.DEFAULT));
              }
              Row first = rows.iterator().next();
              String scale = first.getString(EntryRepository.COLUMN_COUNT + 1);
              return Uni.createFrom()
                  .item(
                      new EntryPage(
                          list,
                          next,
                          counts(first.getString(EntryRepository.COLUMN_COUNT)),
                          scale == null ? RatingScale.DEFAULT : RatingScale.valueOf(scale)));
            });
  }

  /** Counts per status in their own statement (the list found no entry to carry them). */
  private Uni<Map<String, Long>> counts(String userId, MediaType type, boolean includePrivate) {
    Tuple args = Tuple.of(userId);
    if (type != null) {
      args.addString(type.name());
    }
    return pool.preparedQuery(countSql(type != null, !includePrivate))
        .execute(args)
        .map(
            rows -> {
              Map<String, Long> map = zeroCounts();
              for (Row r : rows) {
                map.put(r.getString(0), r.getLong(1));
              }
              return map;
            });
  }

  /** Counts as the list statement carries them: {@code "WATCHING:3,COMPLETED:12"} (or null). */
  static Map<String, Long> counts(String carried) {
    Map<String, Long> map = zeroCounts();
    if (carried != null) {
      for (String pair : carried.split(",")) {
        int colon = pair.indexOf(':');
        map.put(pair.substring(0, colon), Long.parseLong(pair.substring(colon + 1)));
      }
    }
    return map;
  }

  private static Map<String, Long> zeroCounts() {
    Map<String, Long> map = new LinkedHashMap<>();
    for (EntryStatus s : EntryStatus.values()) {
      map.put(s.name(), 0L);
    }
    return map;
  }

  /** The user's watching anime and TV entries, most recently updated first (at most 200). */
  public Uni<List<Entry>> watching(String userId) {
    return pool.preparedQuery(WATCHING).execute(Tuple.of(userId)).map(EntryListQueries::entries);
  }

  private static List<Entry> entries(RowSet<Row> rows) {
    List<Entry> list = new ArrayList<>(rows.size());
    for (Row r : rows) {
      list.add(EntryRepository.map(r));
    }
    return list;
  }

  static String encode(Entry e, EntrySort sort) {
    String key =
        switch (sort) {
          case UPDATED -> String.valueOf(micros(e.updatedAt));
          case CREATED -> String.valueOf(micros(e.createdAt));
          case RATING -> String.valueOf(e.rating == null ? -1 : e.rating);
        };
    String raw = sort.name() + "|" + key + "|" + e.id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static long micros(Instant i) {
    return i.getEpochSecond() * 1_000_000 + i.getNano() / 1000;
  }

  static String[] decode(String cursor, EntrySort sort) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = raw.split("\\|");
      if (parts.length != 3 || !parts[0].equals(sort.name())) {
        throw new IllegalArgumentException("wrong sort");
      }
      Long.parseLong(parts[1]);
      UUID.fromString(parts[2]);
      return parts;
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
          ProgressErrorCode.INVALID_CURSOR,
          "cursor is not a cursor of this list (sort " + sort.name().toLowerCase() + ")");
    }
  }
}
