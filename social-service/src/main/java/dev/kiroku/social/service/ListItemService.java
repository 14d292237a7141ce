package dev.kiroku.social.service;

import dev.kiroku.platform.outbox.Outbox;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.social.domain.Caller;
import dev.kiroku.social.domain.ListItem;
import dev.kiroku.social.domain.ListRules;
import dev.kiroku.social.domain.MediaItem;
import dev.kiroku.social.domain.MediaRules;
import dev.kiroku.social.domain.PlacedItem;
import dev.kiroku.social.domain.SocialErrorCode;
import dev.kiroku.social.domain.UserList;
import dev.kiroku.social.event.ListEvents;
import dev.kiroku.social.repository.ListItemRepository;
import dev.kiroku.social.repository.ListRepository;
import dev.kiroku.social.repository.MediaProjectionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The items of the caller's lists: add, remove, move. Each change locks the list's row first, so
 * changes of one list run one at a time, and writes one item row (a renumbering of the list only
 * when an insert point has no free rank left, see {@code ListOrder}).
 */
@ApplicationScoped
public class ListItemService {

  private final Pool pool;
  private final ListRepository lists;
  private final ListItemRepository items;
  private final MediaProjectionRepository media;
  private final Outbox outbox;
  private final ListEvents events;

  @Inject
  ListItemService(
      Pool pool,
      ListRepository lists,
      ListItemRepository items,
      MediaProjectionRepository media,
      Outbox outbox,
      ListEvents events) {
    this.pool = pool;
    this.lists = lists;
    this.items = items;
    this.media = media;
    this.outbox = outbox;
    this.events = events;
  }

  /**
   * Adds media item {@code mediaId} to the caller's list at {@code position} (0 = first; null: at
   * the end), published as {@code ListItemAdded}.
   *
   * @throws ProblemException 404 {@code LIST_NOT_FOUND} unless the caller owns the list; 422 {@code
   *     LIMIT_REACHED} when it has 10,000 items; 400 {@code VALIDATION_FAILED} naming {@code
   *     position} beyond the end; 422 {@code UNKNOWN_MEDIA} naming {@code mediaId}; 409 {@code
   *     LIST_ITEM_EXISTS}
   */
  public Uni<PlacedItem> add(Caller caller, UUID listId, UUID mediaId, Integer position) {
    return pool.withTransaction(
        tx ->
            lists
                .lockOwned(tx, listId, caller.userId())
                .flatMap(
                    found -> {
                      ListRepository.Owned owned =
                          found.orElseThrow(() -> ListService.notFound(listId));
                      UserList list = owned.list();
                      ListRules.checkRoom(list.itemCount());
                      int index = position == null ? list.itemCount() : position;
                      checkIndex(index, list.itemCount());
                      return known(tx, mediaId)
                          .call(
                              item ->
                                  items
                                      .rank(tx, listId, mediaId)
                                      .invoke(
                                          rank -> {
                                            if (rank.isPresent()) {
                                              throw new ProblemException(
                                                  SocialErrorCode.LIST_ITEM_EXISTS,
                                                  "The list already holds " + mediaId);
                                            }
                                          }))
                          .flatMap(
                              item -> {
                                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                                return items
                                    .rankAt(tx, listId, null, index, list.itemCount())
                                    .call(
                                        rank ->
                                            items.insert(
                                                tx, listId, mediaId, list.ownerId(), rank, now))
                                    .call(() -> lists.changeItems(tx, listId, 1, now))
                                    .call(
                                        () ->
                                            outbox.append(
                                                tx,
                                                events.listItemAdded(
                                                    owned.owner(), list, item, index, now)))
                                    .map(
                                        rank ->
                                            new PlacedItem(new ListItem(item, rank, now), index));
                              });
                    }));
  }

  /**
   * Moves media item {@code mediaId} of the caller's list to {@code position} (0 = first). No
   * event: the contracts have no item-moved event.
   *
   * @throws ProblemException 404 {@code LIST_NOT_FOUND} or {@code LIST_ITEM_NOT_FOUND}; 400 {@code
   *     VALIDATION_FAILED} naming {@code position} beyond the last item
   */
  public Uni<PlacedItem> move(Caller caller, UUID listId, UUID mediaId, int position) {
    return pool.withTransaction(
        tx ->
            lists
                .lockOwned(tx, listId, caller.userId())
                .flatMap(
                    found -> {
                      UserList list = found.orElseThrow(() -> ListService.notFound(listId)).list();
                      return items
                          .rank(tx, listId, mediaId)
                          .flatMap(
                              current -> {
                                if (current.isEmpty()) {
                                  throw itemNotFound(mediaId);
                                }
                                checkIndex(position, list.itemCount() - 1);
                                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                                return items
                                    .rankAt(tx, listId, mediaId, position, list.itemCount() - 1)
                                    .call(rank -> items.move(tx, listId, mediaId, rank))
                                    .call(() -> lists.changeItems(tx, listId, 0, now))
                                    .flatMap(
                                        rank ->
                                            media
                                                .findAll(tx, List.of(mediaId))
                                                .map(
                                                    m ->
                                                        new PlacedItem(
                                                            new ListItem(m.get(mediaId), rank, now),
                                                            position)));
                              });
                    }));
  }

  /**
   * Removes media item {@code mediaId} from the caller's list, published as {@code
   * ListItemRemoved}.
   *
   * @throws ProblemException 404 {@code LIST_NOT_FOUND} or {@code LIST_ITEM_NOT_FOUND}
   */
  public Uni<Void> remove(Caller caller, UUID listId, UUID mediaId) {
    return pool.withTransaction(
        tx ->
            lists
                .lockOwned(tx, listId, caller.userId())
                .flatMap(
                    found -> {
                      UserList list = found.orElseThrow(() -> ListService.notFound(listId)).list();
                      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                      return items
                          .delete(tx, listId, mediaId)
                          .flatMap(
                              deleted -> {
                                if (!deleted) {
                                  throw itemNotFound(mediaId);
                                }
                                return lists
                                    .changeItems(tx, listId, -1, now)
                                    .chain(
                                        () ->
                                            outbox.append(
                                                tx, events.listItemRemoved(list, mediaId, now)));
                              });
                    }));
  }

  private Uni<MediaItem> known(SqlClient tx, UUID mediaId) {
    return media
        .findAll(tx, List.of(mediaId))
        .map(found -> MediaRules.known("mediaId", mediaId, found.get(mediaId)));
  }

  private static void checkIndex(int index, int max) {
    if (index < 0 || index > max) {
      throw ProblemException.invalidField(
          "position", "must be from 0 to " + Math.max(max, 0) + " (0 = first)");
    }
  }

  private static ProblemException itemNotFound(UUID mediaId) {
    return new ProblemException(
        SocialErrorCode.LIST_ITEM_NOT_FOUND, "The list does not hold " + mediaId);
  }
}
