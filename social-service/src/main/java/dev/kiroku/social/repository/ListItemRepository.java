package dev.kiroku.social.repository;

import dev.kiroku.social.domain.ListItem;
import dev.kiroku.social.domain.ListOrder;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL for {@code user_list_item}: a list's items in rank order ({@link ListOrder}). Every write
 * runs while the list's row is locked ({@link ListRepository#lockOwned}), so ranks and counts of
 * one list change one transaction at a time.
 */
@ApplicationScoped
public class ListItemRepository {

  /**
   * A page of list {@code $1}: the items ranked after {@code $2}, with their catalog data, in rank
   * order (a range scan of {@code user_list_item_order}, then the projection's primary key per
   * item).
   */
  static final String PAGE =
      "SELECT i.position, i.added_at, "
          + MediaProjectionRepository.COLUMNS
          + " FROM user_list_item i JOIN media_projection m ON m.media_id = i.media_id"
          + " WHERE i.list_id = $1 AND i.position > $2 ORDER BY i.position LIMIT $3";

  static final String RANK =
      "SELECT position FROM user_list_item WHERE list_id = $1 AND media_id = $2";

  static final String LAST_RANK = "SELECT max(position) FROM user_list_item WHERE list_id = $1";

  /**
   * The ranks of the items at indexes {@code $3} ... {@code $3 + $4 - 1} of list {@code $1},
   * leaving out media item {@code $2} (the one being moved).
   */
  static final String RANKS_AT =
      "SELECT position FROM user_list_item WHERE list_id = $1 AND media_id <> $2"
          + " ORDER BY position OFFSET $3 LIMIT $4";

  /** Ranks 1 × GAP, 2 × GAP, ... in the present order (unique order checked at commit). */
  static final String RENUMBER =
      "UPDATE user_list_item i SET position = r.n * "
          + ListOrder.GAP
          + " FROM (SELECT media_id, row_number() OVER (ORDER BY position) AS n"
          + " FROM user_list_item WHERE list_id = $1) r"
          + " WHERE i.list_id = $1 AND i.media_id = r.media_id";

  static final String INSERT =
      "INSERT INTO user_list_item (list_id, media_id, owner_id, position, added_at)"
          + " VALUES ($1, $2, $3, $4, $5)";

  static final String MOVE =
      "UPDATE user_list_item SET position = $3 WHERE list_id = $1 AND media_id = $2";

  static final String DELETE = "DELETE FROM user_list_item WHERE list_id = $1 AND media_id = $2";

  /** Stands for "no item left out" in {@link #RANKS_AT}. */
  private static final UUID NONE = new UUID(0, 0);

  /** Up to {@code limit} items of {@code listId} ranked after {@code afterRank}, in order. */
  public Uni<List<ListItem>> page(SqlClient client, UUID listId, long afterRank, int limit) {
    return client
        .preparedQuery(PAGE)
        .execute(Tuple.of(listId, afterRank, limit))
        .map(
            rows -> {
              List<ListItem> items = new ArrayList<>(rows.size());
              for (Row r : rows) {
                items.add(
                    new ListItem(
                        MediaProjectionRepository.item(r, 2),
                        r.getLong(0),
                        r.getOffsetDateTime(1).toInstant()));
              }
              return items;
            });
  }

  /** The rank of {@code mediaId} in the list, or empty when it is not in it. */
  public Uni<Optional<Long>> rank(SqlClient client, UUID listId, UUID mediaId) {
    return client
        .preparedQuery(RANK)
        .execute(Tuple.of(listId, mediaId))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(rows.iterator().next().getLong(0)));
  }

  /**
   * The rank for an item placed at {@code index} (0 = first) among the list's other items ({@code
   * moving}: the item being moved, left out; null when adding), renumbering the list first when its
   * neighbours there have no free rank between them.
   *
   * @param others the number of other items; {@code index} is at most that
   */
  public Uni<Long> rankAt(SqlClient tx, UUID listId, UUID moving, int index, int others) {
    if (moving == null && index == others) {
      return tx.preparedQuery(LAST_RANK) // append: the index's last entry
          .execute(Tuple.of(listId))
          .flatMap(
              rows -> {
                Long last = rows.iterator().next().getLong(0);
                Long rank = ListOrder.between(last, null);
                return rank != null
                    ? Uni.createFrom().item(rank)
                    : renumber(tx, listId).chain(() -> neighbours(tx, listId, moving, index));
              });
    }
    return neighbours(tx, listId, moving, index)
        .flatMap(
            rank ->
                rank != null
                    ? Uni.createFrom().item(rank)
                    : renumber(tx, listId).chain(() -> neighbours(tx, listId, moving, index)));
  }

  /** The free rank between the items at {@code index - 1} and {@code index}, or null. */
  private Uni<Long> neighbours(SqlClient tx, UUID listId, UUID moving, int index) {
    int offset = Math.max(index - 1, 0);
    int count = index == 0 ? 1 : 2;
    return tx.preparedQuery(RANKS_AT)
        .execute(Tuple.of(listId, moving == null ? NONE : moving, offset, count))
        .map(
            rows -> {
              List<Long> ranks = new ArrayList<>(2);
              for (Row r : rows) {
                ranks.add(r.getLong(0));
              }
              Long before = index == 0 || ranks.isEmpty() ? null : ranks.get(0);
              Long after =
                  index == 0
                      ? (ranks.isEmpty() ? null : ranks.get(0))
                      : (ranks.size() > 1 ? ranks.get(1) : null);
              return ListOrder.between(before, after);
            });
  }

  /** Spreads the list's ranks {@link ListOrder#GAP} apart again (one statement). */
  Uni<Void> renumber(SqlClient tx, UUID listId) {
    return tx.preparedQuery(RENUMBER).execute(Tuple.of(listId)).replaceWithVoid();
  }

  public Uni<Void> insert(
      SqlClient tx, UUID listId, UUID mediaId, String ownerId, long rank, Instant now) {
    return tx.preparedQuery(INSERT)
        .execute(
            Tuple.tuple()
                .addUUID(listId)
                .addUUID(mediaId)
                .addString(ownerId)
                .addLong(rank)
                .addOffsetDateTime(ProfileRepository.utc(now)))
        .replaceWithVoid();
  }

  public Uni<Void> move(SqlClient tx, UUID listId, UUID mediaId, long rank) {
    return tx.preparedQuery(MOVE).execute(Tuple.of(listId, mediaId, rank)).replaceWithVoid();
  }

  /** Removes the item; the item is whether the list had it. */
  public Uni<Boolean> delete(SqlClient tx, UUID listId, UUID mediaId) {
    return tx.preparedQuery(DELETE)
        .execute(Tuple.of(listId, mediaId))
        .map(rows -> rows.rowCount() == 1);
  }
}
