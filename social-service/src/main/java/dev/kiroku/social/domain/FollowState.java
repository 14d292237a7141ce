package dev.kiroku.social.domain;

/** Where a follow stands after {@code POST /users/{handle}/follow}. */
public enum FollowState {
  /** The caller follows the user (now, or already did). */
  FOLLOWING,
  /** The caller's request to follow a followers-only or private profile awaits its owner. */
  REQUESTED
}
