package dev.kiroku.social.repository;

import dev.kiroku.social.domain.Cursors;
import dev.kiroku.social.domain.Profile;
import dev.kiroku.social.domain.UserList;
import dev.kiroku.social.domain.Visibility;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** SQL for {@code user_list}: the lists themselves (their items: {@link ListItemRepository}). */
@ApplicationScoped
public class ListRepository {

  /** The columns {@link #list(Row, int)} reads, in order, of {@code user_list l}. */
  static final String COLUMNS =
      "l.id, l.owner_id, l.name, l.description, l.visibility, l.item_count, l.created_at,"
          + " l.updated_at";

  static final int COLUMN_COUNT = 8;

  static final String INSERT =
      "INSERT INTO user_list (id, owner_id, name, description, visibility, item_count, created_at,"
          + " updated_at) VALUES ($1, $2, $3, $4, $5, 0, $6, $6)";

  /** List {@code $1} of owner {@code $2} with the owner's profile, the list locked. */
  static final String OWNED_FOR_UPDATE =
      "SELECT "
          + COLUMNS
          + ", "
          + ProfileRepository.COLUMNS
          + " FROM user_list l JOIN profile p ON p.user_id = l.owner_id"
          + " WHERE l.id = $1 AND l.owner_id = $2 FOR UPDATE OF l";

  /** List {@code $1} of owner {@code $2} if its visibility is one of {@code $3}. */
  static final String VISIBLE =
      "SELECT "
          + COLUMNS
          + " FROM user_list l WHERE l.id = $1 AND l.owner_id = $2"
          + " AND l.visibility = ANY($3)";

  static final String UPDATE =
      "UPDATE user_list SET name = $2, description = $3, visibility = $4, updated_at = $5"
          + " WHERE id = $1";

  /** Items added ({@code $2} > 0) or removed, or moved ({@code $2} = 0), at {@code $3}. */
  static final String CHANGE_ITEMS =
      "UPDATE user_list SET item_count = item_count + $2, updated_at = $3 WHERE id = $1";

  static final String DELETE = "DELETE FROM user_list WHERE id = $1 AND owner_id = $2";

  /** The first page of owner {@code $1}'s lists of visibility {@code $2}, newest first. */
  static final String FIRST_PAGE =
      "SELECT "
          + COLUMNS
          + " FROM user_list l WHERE l.owner_id = $1 AND l.visibility = ANY($2)"
          + " ORDER BY l.created_at DESC, l.id DESC LIMIT $3";

  /** The page after list ({@code $3}, {@code $4}) (created at, id). */
  static final String NEXT_PAGE =
      "SELECT "
          + COLUMNS
          + " FROM user_list l WHERE l.owner_id = $1 AND l.visibility = ANY($2)"
          + " AND (l.created_at, l.id) < ($3, $4)"
          + " ORDER BY l.created_at DESC, l.id DESC LIMIT $5";

  /** Owner {@code $1}'s lists that hold media item {@code $2}, newest first. */
  static final String CONTAINING =
      "SELECT "
          + COLUMNS
          + " FROM user_list_item i JOIN user_list l ON l.id = i.list_id"
          + " WHERE i.owner_id = $1 AND i.media_id = $2 ORDER BY l.created_at DESC, l.id DESC";

  /** A list of its owner, with the owner's profile (for the events of a change). */
  public record Owned(UserList list, Profile owner) {}

  public Uni<Void> insert(SqlClient tx, UserList list) {
    return tx.preparedQuery(INSERT)
        .execute(
            Tuple.tuple()
                .addUUID(list.id())
                .addString(list.ownerId())
                .addString(list.name())
                .addString(list.description())
                .addString(list.visibility().name())
                .addOffsetDateTime(ProfileRepository.utc(list.createdAt())))
        .replaceWithVoid();
  }

  /** List {@code listId} if {@code ownerId} owns it, locked until the transaction ends. */
  public Uni<Optional<Owned>> lockOwned(SqlClient tx, UUID listId, String ownerId) {
    return tx.preparedQuery(OWNED_FOR_UPDATE)
        .execute(Tuple.of(listId, ownerId))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(
                        new Owned(
                            list(rows.iterator().next(), 0),
                            ProfileRepository.profile(rows.iterator().next(), COLUMN_COUNT))));
  }

  /** List {@code listId} of {@code ownerId} if its visibility is one of {@code visible}. */
  public Uni<Optional<UserList>> findVisible(
      SqlClient client, UUID listId, String ownerId, Set<Visibility> visible) {
    return client
        .preparedQuery(VISIBLE)
        .execute(Tuple.of(listId, ownerId, names(visible)))
        .map(ListRepository::first);
  }

  /** Writes the name, description, visibility and change time of {@code list}. */
  public Uni<Void> update(SqlClient tx, UserList list) {
    return tx.preparedQuery(UPDATE)
        .execute(
            Tuple.tuple()
                .addUUID(list.id())
                .addString(list.name())
                .addString(list.description())
                .addString(list.visibility().name())
                .addOffsetDateTime(ProfileRepository.utc(list.updatedAt())))
        .replaceWithVoid();
  }

  /** Adds {@code delta} (may be 0 or negative) to the item count and stamps the change time. */
  public Uni<Void> changeItems(SqlClient tx, UUID listId, int delta, Instant now) {
    return tx.preparedQuery(CHANGE_ITEMS)
        .execute(Tuple.of(listId, delta, ProfileRepository.utc(now)))
        .replaceWithVoid();
  }

  /** Deletes the list (its items go with it); the item is whether {@code ownerId} had it. */
  public Uni<Boolean> delete(SqlClient tx, UUID listId, String ownerId) {
    return tx.preparedQuery(DELETE)
        .execute(Tuple.of(listId, ownerId))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * Up to {@code limit} lists of {@code ownerId} whose visibility is one of {@code visible}, newest
   * first, after {@code after} (null: from the first).
   */
  public Uni<List<UserList>> page(
      SqlClient client, String ownerId, Set<Visibility> visible, Cursors.ListKey after, int limit) {
    Uni<RowSet<Row>> rows =
        after == null
            ? client.preparedQuery(FIRST_PAGE).execute(Tuple.of(ownerId, names(visible), limit))
            : client
                .preparedQuery(NEXT_PAGE)
                .execute(
                    Tuple.of(
                        ownerId,
                        names(visible),
                        ProfileRepository.utc(after.createdAt()),
                        after.id(),
                        limit));
    return rows.map(ListRepository::all);
  }

  /** The lists of {@code ownerId} that hold {@code mediaId}, newest first. */
  public Uni<List<UserList>> containing(SqlClient client, String ownerId, UUID mediaId) {
    return client
        .preparedQuery(CONTAINING)
        .execute(Tuple.of(ownerId, mediaId))
        .map(ListRepository::all);
  }

  private static String[] names(Set<Visibility> visible) {
    return visible.stream().map(Enum::name).toArray(String[]::new);
  }

  private static List<UserList> all(RowSet<Row> rows) {
    List<UserList> lists = new ArrayList<>(rows.size());
    for (Row r : rows) {
      lists.add(list(r, 0));
    }
    return lists;
  }

  private static Optional<UserList> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(list(rows.iterator().next(), 0));
  }

  /** A list from {@link #COLUMNS} starting at column {@code at}. */
  static UserList list(Row r, int at) {
    return new UserList(
        r.getUUID(at),
        r.getString(at + 1),
        r.getString(at + 2),
        r.getString(at + 3),
        Visibility.valueOf(r.getString(at + 4)),
        r.getInteger(at + 5),
        r.getOffsetDateTime(at + 6).toInstant(),
        r.getOffsetDateTime(at + 7).toInstant());
  }
}
