package dev.kiroku.social.domain;

/** Who sees what of a profile: the rule of profile visibility and blocks. */
public final class ProfileAccess {

  private ProfileAccess() {}

  /**
   * Whether {@code viewerId} sees {@code profile}'s details (display name, bio, avatar, counts,
   * favorites, lists' existence) rather than its handle only: its owner always; nobody the owner
   * blocked; everyone for {@code PUBLIC}; accepted followers for {@code FOLLOWERS}; no one else for
   * {@code PRIVATE}.
   */
  public static boolean seesDetails(Profile profile, String viewerId, Relationship relation) {
    if (profile.userId().equals(viewerId)) {
      return true;
    }
    if (relation.blockedByOwner()) {
      return false;
    }
    return switch (profile.visibility()) {
      case PUBLIC -> true;
      case FOLLOWERS -> relation.following();
      case PRIVATE -> false;
    };
  }
}
