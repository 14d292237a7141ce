package dev.kiroku.social.repository;

import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.social.domain.MediaItem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** SQL for {@code favorite}: a user's ordered favorites per media type. */
@ApplicationScoped
public class FavoriteRepository {

  /** User {@code $1}'s favorites of every type with their catalog data, by type then position. */
  static final String ALL =
      "SELECT "
          + MediaProjectionRepository.COLUMNS
          + " FROM favorite f JOIN media_projection m ON m.media_id = f.media_id"
          + " WHERE f.user_id = $1 ORDER BY f.media_type, f.position";

  /** User {@code $1}'s favorites of type {@code $2}, in order. */
  static final String OF_TYPE =
      "SELECT "
          + MediaProjectionRepository.COLUMNS
          + " FROM favorite f JOIN media_projection m ON m.media_id = f.media_id"
          + " WHERE f.user_id = $1 AND f.media_type = $2 ORDER BY f.position";

  static final String ADDED_AT =
      "SELECT media_id, added_at FROM favorite WHERE user_id = $1 AND media_type = $2";

  static final String DELETE_TYPE = "DELETE FROM favorite WHERE user_id = $1 AND media_type = $2";

  /** The favorites of type {@code $2} in the order of {@code $3}, with their times {@code $4}. */
  static final String INSERT_ALL =
      "INSERT INTO favorite (user_id, media_type, position, media_id, added_at)"
          + " SELECT $1, $2, (u.n - 1)::smallint, u.id, u.at"
          + " FROM unnest($3::uuid[], $4::timestamptz[]) WITH ORDINALITY AS u(id, at, n)";

  /** Every favorite of {@code userId}, by media type (only types that have some) in order. */
  public Uni<Map<MediaType, List<MediaItem>>> all(SqlClient client, String userId) {
    return client.preparedQuery(ALL).execute(Tuple.of(userId)).map(rows -> byType(rows, 0));
  }

  /**
   * The items of {@link MediaProjectionRepository#COLUMNS} from column {@code at} of {@code rows},
   * by media type in row order; rows whose media id there is null (no favorite) are skipped.
   */
  static Map<MediaType, List<MediaItem>> byType(Iterable<Row> rows, int at) {
    Map<MediaType, List<MediaItem>> byType = new EnumMap<>(MediaType.class);
    for (Row r : rows) {
      if (r.getValue(at) != null) {
        MediaItem item = MediaProjectionRepository.item(r, at);
        byType.computeIfAbsent(item.type(), t -> new ArrayList<>()).add(item);
      }
    }
    return byType;
  }

  /** The favorites of {@code userId} of {@code type}, in order. */
  public Uni<List<MediaItem>> ofType(SqlClient client, String userId, MediaType type) {
    return client
        .preparedQuery(OF_TYPE)
        .execute(Tuple.of(userId, type.name()))
        .map(
            rows -> {
              List<MediaItem> items = new ArrayList<>(rows.size());
              for (Row r : rows) {
                items.add(MediaProjectionRepository.item(r, 0));
              }
              return items;
            });
  }

  /** When each current favorite of {@code type} was added, by media id. */
  public Uni<Map<UUID, Instant>> addedAt(SqlClient tx, String userId, MediaType type) {
    return tx.preparedQuery(ADDED_AT)
        .execute(Tuple.of(userId, type.name()))
        .map(
            rows -> {
              Map<UUID, Instant> added = new LinkedHashMap<>();
              for (Row r : rows) {
                added.put(r.getUUID(0), r.getOffsetDateTime(1).toInstant());
              }
              return added;
            });
  }

  /**
   * Replaces the favorites of {@code type} by {@code mediaIds} in that order (two statements).
   *
   * @param addedAt when each was added (kept for those that stay), same order
   */
  public Uni<Void> replace(
      SqlClient tx, String userId, MediaType type, List<UUID> mediaIds, List<Instant> addedAt) {
    Uni<Void> deleted =
        tx.preparedQuery(DELETE_TYPE).execute(Tuple.of(userId, type.name())).replaceWithVoid();
    if (mediaIds.isEmpty()) {
      return deleted;
    }
    OffsetDateTime[] times =
        addedAt.stream().map(ProfileRepository::utc).toArray(OffsetDateTime[]::new);
    return deleted.chain(
        () ->
            tx.preparedQuery(INSERT_ALL)
                .execute(Tuple.of(userId, type.name(), mediaIds.toArray(UUID[]::new), times))
                .replaceWithVoid());
  }
}
