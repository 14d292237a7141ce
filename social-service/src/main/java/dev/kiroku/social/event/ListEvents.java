package dev.kiroku.social.event;

import dev.kiroku.contracts.social.FavoriteAdded;
import dev.kiroku.contracts.social.ListCreated;
import dev.kiroku.contracts.social.ListItemAdded;
import dev.kiroku.contracts.social.ListItemRemoved;
import dev.kiroku.contracts.social.MediaRef;
import dev.kiroku.contracts.social.SocialEvents;
import dev.kiroku.platform.outbox.OutboxEvent;
import dev.kiroku.social.domain.MediaItem;
import dev.kiroku.social.domain.Profile;
import dev.kiroku.social.domain.UserList;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;

/**
 * Maps list and favorite changes to outbox events on {@code social.events.v1} (key = the owner's
 * id; subject = the list id, or the user id for favorites), with the media items as the catalog
 * projection shows them.
 */
@ApplicationScoped
public class ListEvents {

  private final SocialEventFactory factory;

  @Inject
  ListEvents(SocialEventFactory factory) {
    this.factory = factory;
  }

  /** The media item as events show it. */
  static MediaRef media(MediaItem item) {
    return new MediaRef(item.id(), item.type(), item.title(), item.imageUrl());
  }

  /** {@code ListCreated}: a new list of {@code owner}. */
  public OutboxEvent listCreated(Profile owner, UserList list) {
    return factory.event(
        owner.userId(),
        SocialEvents.LIST_CREATED,
        list.id().toString(),
        new ListCreated(
            list.id(),
            SocialEventFactory.ref(owner),
            list.name(),
            list.description(),
            list.visibility().name(),
            list.createdAt()),
        list.createdAt());
  }

  /** {@code ListItemAdded}: {@code item} joined {@code list} at {@code index} (0 = first). */
  public OutboxEvent listItemAdded(
      Profile owner, UserList list, MediaItem item, int index, Instant now) {
    return factory.event(
        owner.userId(),
        SocialEvents.LIST_ITEM_ADDED,
        list.id().toString(),
        new ListItemAdded(
            list.id(),
            SocialEventFactory.ref(owner),
            list.name(),
            list.visibility().name(),
            media(item),
            index,
            now),
        now);
  }

  /** {@code ListItemRemoved}: media item {@code mediaId} left {@code list}. */
  public OutboxEvent listItemRemoved(UserList list, UUID mediaId, Instant now) {
    return factory.event(
        list.ownerId(),
        SocialEvents.LIST_ITEM_REMOVED,
        list.id().toString(),
        new ListItemRemoved(list.id(), list.ownerId(), mediaId, now),
        now);
  }

  /** {@code FavoriteAdded}: {@code item} joined {@code user}'s favorites at {@code position}. */
  public OutboxEvent favoriteAdded(Profile user, MediaItem item, int position, Instant now) {
    return factory.event(
        user.userId(),
        SocialEvents.FAVORITE_ADDED,
        user.userId(),
        new FavoriteAdded(SocialEventFactory.ref(user), media(item), position, now),
        now);
  }
}
