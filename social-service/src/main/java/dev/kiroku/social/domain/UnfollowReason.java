package dev.kiroku.social.domain;

/** Why a follow ended ({@code Unfollowed.reason} on {@code social.events.v1}). */
public enum UnfollowReason {
  /** The follower unfollowed. */
  UNFOLLOWED,
  /** The followed user removed the follower. */
  REMOVED,
  /** One of the two blocked the other. */
  BLOCKED
}
