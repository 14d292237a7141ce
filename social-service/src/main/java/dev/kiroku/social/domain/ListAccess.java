package dev.kiroku.social.domain;

import java.util.EnumSet;
import java.util.Set;

/** Which of a user's lists a viewer sees: list visibility on top of {@link ProfileAccess}. */
public final class ListAccess {

  private ListAccess() {}

  /**
   * The list visibilities {@code viewerId} sees of {@code owner}'s lists: all to the owner; none to
   * a viewer the owner blocked or who does not see the profile's details ({@link
   * ProfileAccess#seesDetails}); else {@code PUBLIC} lists, and {@code FOLLOWERS} lists to an
   * accepted follower. {@code PRIVATE} lists only to their owner.
   */
  public static Set<Visibility> visible(Profile owner, String viewerId, Relationship relation) {
    if (owner.userId().equals(viewerId)) {
      return EnumSet.allOf(Visibility.class);
    }
    if (relation.blockedByOwner() || !ProfileAccess.seesDetails(owner, viewerId, relation)) {
      return EnumSet.noneOf(Visibility.class);
    }
    return relation.following()
        ? EnumSet.of(Visibility.PUBLIC, Visibility.FOLLOWERS)
        : EnumSet.of(Visibility.PUBLIC);
  }
}
