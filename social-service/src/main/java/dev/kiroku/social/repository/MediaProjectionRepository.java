package dev.kiroku.social.repository;

import dev.kiroku.contracts.catalog.MediaRemoved;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.social.domain.MediaItem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SQL for {@code media_projection}, social-service's narrow copy of {@code catalog.media.v1}: id,
 * type, title ({@code titles.canonical}), image ({@code images.poster}), removed flag.
 */
@ApplicationScoped
public class MediaProjectionRepository {

  /**
   * A snapshot, unless a newer one ({@code last_refreshed_at}) is stored; clears {@code removed}.
   */
  static final String UPSERT =
      "INSERT INTO media_projection AS m (media_id, media_type, title, image_url, removed,"
          + " last_refreshed_at, updated_at) VALUES ($1, $2, $3, $4, false, $5, now())"
          + " ON CONFLICT (media_id) DO UPDATE SET media_type = EXCLUDED.media_type,"
          + " title = EXCLUDED.title, image_url = EXCLUDED.image_url, removed = false,"
          + " last_refreshed_at = EXCLUDED.last_refreshed_at, updated_at = now()"
          + " WHERE m.last_refreshed_at IS NULL OR EXCLUDED.last_refreshed_at IS NULL"
          + " OR EXCLUDED.last_refreshed_at >= m.last_refreshed_at";

  /** Flags a removed item (lists keep showing it); an id never seen has no row to flag. */
  static final String REMOVE =
      "UPDATE media_projection SET removed = true, updated_at = now() WHERE media_id = $1";

  static final String SELECT_MANY =
      "SELECT media_id, media_type, title, image_url, removed FROM media_projection"
          + " WHERE media_id = ANY($1)";

  /** The columns {@link #item(Row, int)} reads, in order, of {@code media_projection m}. */
  static final String COLUMNS = "m.media_id, m.media_type, m.title, m.image_url, m.removed";

  /**
   * Stores {@code snapshot} unless a newer one is there.
   *
   * @return true when the row was written
   */
  public Uni<Boolean> store(SqlClient tx, MediaSnapshot snapshot) {
    return tx.preparedQuery(UPSERT)
        .execute(
            Tuple.of(
                snapshot.id(),
                snapshot.type().name(),
                snapshot.titles().canonical(),
                snapshot.images() == null ? null : snapshot.images().poster(),
                snapshot.lastRefreshedAt() == null
                    ? null
                    : snapshot.lastRefreshedAt().atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Flags the removed item; the item is whether the projection had it. */
  public Uni<Boolean> remove(SqlClient tx, MediaRemoved removed) {
    return tx.preparedQuery(REMOVE)
        .execute(Tuple.of(removed.id()))
        .map(rows -> rows.rowCount() == 1);
  }

  /** The items of {@code ids} the projection has (removed ones included), by id. */
  public Uni<Map<UUID, MediaItem>> findAll(SqlClient client, List<UUID> ids) {
    if (ids.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return client
        .preparedQuery(SELECT_MANY)
        .execute(Tuple.of(ids.toArray(UUID[]::new)))
        .map(
            rows -> {
              Map<UUID, MediaItem> found = new HashMap<>();
              for (Row r : rows) {
                MediaItem item = item(r, 0);
                found.put(item.id(), item);
              }
              return found;
            });
  }

  /** The item of {@link #COLUMNS} starting at column {@code at}. */
  static MediaItem item(Row r, int at) {
    return new MediaItem(
        r.getUUID(at),
        MediaType.valueOf(r.getString(at + 1)),
        r.getString(at + 2),
        r.getString(at + 3),
        r.getBoolean(at + 4));
  }
}
