package dev.kiroku.social.domain;

/**
 * How a viewer stands to a profile's owner. All false for a viewer looking at their own profile.
 *
 * @param following the viewer follows the owner (an accepted follow)
 * @param followedBy the owner follows the viewer
 * @param requested the viewer's follow request is pending
 * @param blockedByOwner the owner blocked the viewer
 * @param blocking the viewer blocked the owner
 */
public record Relationship(
    boolean following,
    boolean followedBy,
    boolean requested,
    boolean blockedByOwner,
    boolean blocking) {

  /** No relation at all (oneself, or strangers). */
  public static final Relationship NONE = new Relationship(false, false, false, false, false);

  /** Whether one of the two blocked the other. */
  public boolean blocked() {
    return blockedByOwner || blocking;
  }
}
