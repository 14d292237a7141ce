package dev.kiroku.social.domain;

/** What a follow of a user comes to ({@link FollowRules#decide}). */
public enum FollowDecision {
  /** Follow at once (a public profile). */
  FOLLOW,
  /** Ask the owner (a followers-only or private profile). */
  REQUEST,
  /** Nothing to do: the follow exists. */
  ALREADY_FOLLOWING,
  /** Nothing to do: the request is pending. */
  ALREADY_REQUESTED;

  /** The state the caller is in once this decision is carried out. */
  public FollowState state() {
    return this == FOLLOW || this == ALREADY_FOLLOWING
        ? FollowState.FOLLOWING
        : FollowState.REQUESTED;
  }
}
