package dev.kiroku.contracts.social;

/** CloudEvents {@code type} and {@code source} values of {@code social.events.v1}. */
public final class SocialEvents {

  /** An account was deleted; payload {@link UserDeleted}. */
  public static final String USER_DELETED = "kiroku.social.user-deleted.v1";

  /** The CloudEvents {@code source} of social events. */
  public static final String SOURCE = "/social-service";

  private SocialEvents() {}
}
