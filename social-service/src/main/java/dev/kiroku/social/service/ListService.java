package dev.kiroku.social.service;

import dev.kiroku.platform.outbox.Outbox;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.social.domain.Caller;
import dev.kiroku.social.domain.Cursors;
import dev.kiroku.social.domain.ListAccess;
import dev.kiroku.social.domain.ListChange;
import dev.kiroku.social.domain.ListContents;
import dev.kiroku.social.domain.ListItem;
import dev.kiroku.social.domain.ListRules;
import dev.kiroku.social.domain.Page;
import dev.kiroku.social.domain.Profile;
import dev.kiroku.social.domain.Relationship;
import dev.kiroku.social.domain.SocialErrorCode;
import dev.kiroku.social.domain.UserList;
import dev.kiroku.social.domain.Visibility;
import dev.kiroku.social.event.ListEvents;
import dev.kiroku.social.repository.ListItemRepository;
import dev.kiroku.social.repository.ListRepository;
import dev.kiroku.social.repository.ProfileRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * User lists: created, changed and deleted by their owner; read by their owner and by whoever their
 * visibility allows ({@link ListAccess}). Their items: {@link ListItemService}.
 */
@ApplicationScoped
public class ListService {

  private static final Set<Visibility> ALL = EnumSet.allOf(Visibility.class);

  private final Pool pool;
  private final ListRepository lists;
  private final ListItemRepository items;
  private final ProfileRepository profiles;
  private final Outbox outbox;
  private final ListEvents events;

  @Inject
  ListService(
      Pool pool,
      ListRepository lists,
      ListItemRepository items,
      ProfileRepository profiles,
      Outbox outbox,
      ListEvents events) {
    this.pool = pool;
    this.lists = lists;
    this.items = items;
    this.profiles = profiles;
    this.outbox = outbox;
    this.events = events;
  }

  /**
   * Creates a list of the caller, published as {@code ListCreated}.
   *
   * @param visibility null: {@code PUBLIC}
   * @throws ProblemException 400 {@code VALIDATION_FAILED} naming {@code name} or {@code
   *     description} ({@link ListRules#create})
   */
  public Uni<UserList> create(
      Caller caller, String name, String description, Visibility visibility) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    UserList list = ListRules.create(caller.userId(), name, description, visibility, now);
    return pool.withTransaction(
        tx ->
            profiles
                .find(tx, caller.userId())
                .flatMap(
                    owner -> {
                      Profile profile = owner.orElseThrow();
                      return lists
                          .insert(tx, list)
                          .chain(() -> outbox.append(tx, events.listCreated(profile, list)));
                    })
                .replaceWith(list));
  }

  /**
   * Changes the caller's list (name, description, visibility). No event: the contracts have no
   * list-changed event yet.
   *
   * @throws ProblemException 404 {@code LIST_NOT_FOUND} unless the caller owns the list; 400 {@code
   *     VALIDATION_FAILED} naming the field ({@link ListRules#apply})
   */
  public Uni<UserList> update(Caller caller, UUID listId, ListChange change) {
    return pool.withTransaction(
        tx ->
            lists
                .lockOwned(tx, listId, caller.userId())
                .flatMap(
                    owned -> {
                      UserList current = owned.orElseThrow(() -> notFound(listId)).list();
                      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                      UserList after = ListRules.apply(current, change, now);
                      if (ListRules.unchanged(current, after)) {
                        return Uni.createFrom().item(current);
                      }
                      return lists.update(tx, after).replaceWith(after);
                    }));
  }

  /**
   * Deletes the caller's list with its items. No event: the contracts have no list-deleted event
   * yet.
   *
   * @throws ProblemException 404 {@code LIST_NOT_FOUND} unless the caller owns the list
   */
  public Uni<Void> delete(Caller caller, UUID listId) {
    return lists
        .delete(pool, listId, caller.userId())
        .invoke(
            deleted -> {
              if (!deleted) {
                throw notFound(listId);
              }
            })
        .replaceWithVoid();
  }

  /**
   * The caller's list with a page of its items.
   *
   * @param cursor null: the first page; else a {@code nextCursor} of an earlier page
   * @param limit items per page
   * @throws ProblemException 404 {@code LIST_NOT_FOUND}; 400 {@code INVALID_CURSOR}
   */
  public Uni<ListContents> mine(Caller caller, UUID listId, String cursor, int limit) {
    return contents(caller.userId(), ALL, listId, cursor, limit);
  }

  /**
   * {@code owner}'s list as {@code viewerId} may see it, with a page of its items.
   *
   * @param relation how the viewer stands to the owner
   * @throws ProblemException 404 {@code LIST_NOT_FOUND} when there is no such list of the owner or
   *     the viewer may not see it; 400 {@code INVALID_CURSOR}
   */
  public Uni<ListContents> visible(
      Profile owner,
      String viewerId,
      Relationship relation,
      UUID listId,
      String cursor,
      int limit) {
    return contents(
        owner.userId(), ListAccess.visible(owner, viewerId, relation), listId, cursor, limit);
  }

  private Uni<ListContents> contents(
      String ownerId, Set<Visibility> visible, UUID listId, String cursor, int limit) {
    long after = cursor == null ? Long.MIN_VALUE : Cursors.itemRank(cursor);
    if (visible.isEmpty()) {
      return Uni.createFrom().failure(notFound(listId));
    }
    return lists
        .findVisible(pool, listId, ownerId, visible)
        .flatMap(
            found -> {
              UserList list = found.orElseThrow(() -> notFound(listId));
              return items
                  .page(pool, listId, after, limit + 1)
                  .map(page -> new ListContents(list, page(page, limit)));
            });
  }

  /**
   * A page of the caller's lists, newest first.
   *
   * @throws ProblemException 400 {@code INVALID_CURSOR}
   */
  public Uni<Page<UserList>> mine(Caller caller, String cursor, int limit) {
    return listsOf(caller.userId(), ALL, cursor, limit);
  }

  /**
   * A page of the lists of {@code owner} that {@code viewerId} may see, newest first: none when the
   * owner blocked the viewer or the viewer does not see the profile's details.
   *
   * @throws ProblemException 400 {@code INVALID_CURSOR}
   */
  public Uni<Page<UserList>> visible(
      Profile owner, String viewerId, Relationship relation, String cursor, int limit) {
    return listsOf(owner.userId(), ListAccess.visible(owner, viewerId, relation), cursor, limit);
  }

  private Uni<Page<UserList>> listsOf(
      String ownerId, Set<Visibility> visible, String cursor, int limit) {
    Cursors.ListKey after = cursor == null ? null : Cursors.listKey(cursor);
    if (visible.isEmpty()) {
      return Uni.createFrom().item(new Page<>(List.of(), null));
    }
    return lists
        .page(pool, ownerId, visible, after, limit + 1)
        .map(
            found -> {
              if (found.size() <= limit) {
                return new Page<>(found, null);
              }
              UserList last = found.get(limit - 1);
              return new Page<>(
                  found.subList(0, limit), Cursors.afterList(last.createdAt(), last.id()));
            });
  }

  /** The caller's lists that hold media item {@code mediaId}, newest first. */
  public Uni<List<UserList>> containing(Caller caller, UUID mediaId) {
    return lists.containing(pool, caller.userId(), mediaId);
  }

  private static Page<ListItem> page(List<ListItem> found, int limit) {
    if (found.size() <= limit) {
      return new Page<>(found, null);
    }
    return new Page<>(found.subList(0, limit), Cursors.afterItem(found.get(limit - 1).rank()));
  }

  static ProblemException notFound(UUID listId) {
    return new ProblemException(
        SocialErrorCode.LIST_NOT_FOUND, "No list " + listId + " of yours, or that you may see");
  }
}
