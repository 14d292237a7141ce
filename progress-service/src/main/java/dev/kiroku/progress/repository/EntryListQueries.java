package dev.kiroku.progress.repository;

import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.progress.EntryStatus;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.progress.domain.Entry;
import dev.kiroku.progress.domain.EntryPage;
import dev.kiroku.progress.domain.EntrySort;
import dev.kiroku.progress.domain.ProgressErrorCode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
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
 * Reads of entry lists with keyset (cursor) pagination. Each query is served by an index on {@code
 * library_entry} ({@code (user_id, updated_at, id)}, {@code (user_id, status, updated_at, id)},
 * {@code (user_id, created_at, id)}, {@code (user_id, COALESCE(rating, -1), id)}).
 */
@ApplicationScoped
public class EntryListQueries {

  /** The sort key expression of each order (every order ends with the id). */
  static String key(EntrySort sort) {
    return switch (sort) {
      case UPDATED -> "updated_at";
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
   * @param includePrivate false for another user's list (private entries hidden)
   * @throws ProblemException 400 {@code INVALID_CURSOR}
   */
  public Uni<EntryPage> list(
      String userId,
      EntryStatus status,
      MediaType type,
      EntrySort sort,
      String cursor,
      int limit,
      boolean includePrivate) {
    StringBuilder where = new StringBuilder("user_id = $1");
    Tuple args = Tuple.of(userId);
    if (type != null) {
      args.addString(type.name());
      where.append(" AND media_type = $").append(args.size());
    }
    if (!includePrivate) {
      where.append(" AND NOT private");
    }
    String countSql =
        "SELECT status, count(*) FROM library_entry WHERE " + where + " GROUP BY status";
    Tuple countArgs = Tuple.from(toList(args));
    StringBuilder listWhere = new StringBuilder(where);
    if (status != null) {
      args.addString(status.name());
      listWhere.append(" AND status = $").append(args.size());
    }
    if (cursor != null) {
      String[] parts = decode(cursor, sort);
      UUID id = UUID.fromString(parts[2]);
      if (sort == EntrySort.RATING) {
        args.addInteger(Integer.parseInt(parts[1]));
      } else {
        args.addOffsetDateTime(
            Instant.ofEpochSecond(0, Long.parseLong(parts[1]) * 1000).atOffset(ZoneOffset.UTC));
      }
      args.addUUID(id);
      listWhere
          .append(" AND (")
          .append(key(sort))
          .append(", id) < ($")
          .append(args.size() - 1)
          .append(", $")
          .append(args.size())
          .append(")");
    }
    args.addInteger(limit + 1);
    String listSql =
        "SELECT "
            + EntryRepository.COLUMNS
            + " FROM library_entry WHERE "
            + listWhere
            + " ORDER BY "
            + key(sort)
            + " DESC, id DESC LIMIT $"
            + args.size();
    Uni<List<Entry>> items =
        pool.preparedQuery(listSql)
            .execute(args)
            .map(
                rows -> {
                  List<Entry> list = new ArrayList<>();
                  for (Row r : rows) {
                    list.add(EntryRepository.map(r));
                  }
                  return list;
                });
    Uni<Map<String, Long>> counts =
        pool.preparedQuery(countSql)
            .execute(countArgs)
            .map(
                rows -> {
                  Map<String, Long> map = new LinkedHashMap<>();
                  for (EntryStatus s : EntryStatus.values()) {
                    map.put(s.name(), 0L);
                  }
                  for (Row r : rows) {
                    map.put(r.getString(0), r.getLong(1));
                  }
                  return map;
                });
    return Uni.combine()
        .all()
        .unis(items, counts)
        .asTuple()
        .map(
            t -> {
              List<Entry> list = t.getItem1();
              String next = null;
              if (list.size() > limit) {
                list = list.subList(0, limit);
                next = encode(list.get(limit - 1), sort);
              }
              return new EntryPage(list, next, t.getItem2());
            });
  }

  /** The user's watching anime and TV entries, most recently updated first (at most 200). */
  public Uni<List<Entry>> watching(String userId) {
    return pool.preparedQuery(
            "SELECT "
                + EntryRepository.COLUMNS
                + " FROM library_entry WHERE user_id = $1 AND status = 'WATCHING'"
                + " AND media_type IN ('ANIME', 'TV') ORDER BY updated_at DESC, id DESC LIMIT 200")
        .execute(Tuple.of(userId))
        .map(
            rows -> {
              List<Entry> list = new ArrayList<>();
              for (Row r : rows) {
                list.add(EntryRepository.map(r));
              }
              return list;
            });
  }

  private static List<Object> toList(Tuple t) {
    List<Object> list = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      list.add(t.getValue(i));
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
