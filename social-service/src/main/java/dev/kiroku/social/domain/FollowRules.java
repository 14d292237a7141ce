package dev.kiroku.social.domain;

import dev.kiroku.platform.problem.ProblemException;

/** The rules of follows and blocks between two users: pure, decided on the locked rows. */
public final class FollowRules {

  private FollowRules() {}

  /**
   * What {@code actorId} following {@code target} comes to: a follow for a {@code PUBLIC} profile,
   * a request for a {@code FOLLOWERS} or {@code PRIVATE} one, nothing when either already exists.
   * An accepted follow stays when the profile's visibility changes.
   *
   * @param relation how the actor stands to the target
   * @throws ProblemException 422 {@code SELF_RELATION} for oneself; 403 {@code BLOCKED} when either
   *     blocked the other (without saying who)
   */
  public static FollowDecision decide(String actorId, Profile target, Relationship relation) {
    requireOther(actorId, target.userId());
    if (relation.blocked()) {
      throw blocked();
    }
    if (relation.following()) {
      return FollowDecision.ALREADY_FOLLOWING;
    }
    if (target.visibility() == Visibility.PUBLIC) {
      return FollowDecision.FOLLOW;
    }
    return relation.requested() ? FollowDecision.ALREADY_REQUESTED : FollowDecision.REQUEST;
  }

  /**
   * @throws ProblemException 422 {@code SELF_RELATION} when the two ids are the same user
   */
  public static void requireOther(String actorId, String otherId) {
    if (actorId.equals(otherId)) {
      throw new ProblemException(
          SocialErrorCode.SELF_RELATION, "You cannot follow, unfollow or block yourself");
    }
  }

  /** 403 {@code BLOCKED}: one of the two blocked the other (not told which). */
  public static ProblemException blocked() {
    return new ProblemException(
        SocialErrorCode.BLOCKED, "You cannot follow this user: one of you blocked the other");
  }
}
