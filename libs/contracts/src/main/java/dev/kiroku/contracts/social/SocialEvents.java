package dev.kiroku.contracts.social;

/**
 * CloudEvents {@code type} and {@code source} values of {@code social.events.v1}. The Kafka key of
 * every event is the user id (OIDC {@code sub}) of the user who acted: the follower for {@link
 * #FOLLOWED}, the followed user for {@link #FOLLOW_ACCEPTED}, the owner for lists and favorites.
 */
public final class SocialEvents {

  /**
   * A profile was created or changed (handle, display name, avatar, visibility); {@link
   * ProfileUpdated}.
   */
  public static final String PROFILE_UPDATED = "kiroku.social.profile-updated.v1";

  /** A user follows another (at once, or when a request was accepted); {@link Followed}. */
  public static final String FOLLOWED = "kiroku.social.followed.v1";

  /** A follow ended (unfollowed, follower removed, or a block); {@link Unfollowed}. */
  public static final String UNFOLLOWED = "kiroku.social.unfollowed.v1";

  /** A user asked to follow a followers-only or private profile; {@link FollowRequested}. */
  public static final String FOLLOW_REQUESTED = "kiroku.social.follow-requested.v1";

  /** A follow request was accepted (a {@link #FOLLOWED} follows it); {@link FollowAccepted}. */
  public static final String FOLLOW_ACCEPTED = "kiroku.social.follow-accepted.v1";

  /** A user blocked another; {@link Blocked}. */
  public static final String BLOCKED = "kiroku.social.blocked.v1";

  /** A user lifted a block; {@link Unblocked}. */
  public static final String UNBLOCKED = "kiroku.social.unblocked.v1";

  /** A user list was created; {@link ListCreated}. */
  public static final String LIST_CREATED = "kiroku.social.list-created.v1";

  /** A media item was added to a user list; {@link ListItemAdded}. */
  public static final String LIST_ITEM_ADDED = "kiroku.social.list-item-added.v1";

  /** A media item was removed from a user list; {@link ListItemRemoved}. */
  public static final String LIST_ITEM_REMOVED = "kiroku.social.list-item-removed.v1";

  /** A media item joined the user's favorites of its type; {@link FavoriteAdded}. */
  public static final String FAVORITE_ADDED = "kiroku.social.favorite-added.v1";

  /** An account was deleted; payload {@link UserDeleted}. */
  public static final String USER_DELETED = "kiroku.social.user-deleted.v1";

  /** The CloudEvents {@code source} of social events. */
  public static final String SOURCE = "/social-service";

  private SocialEvents() {}
}
