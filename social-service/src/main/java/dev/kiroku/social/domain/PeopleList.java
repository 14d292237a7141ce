package dev.kiroku.social.domain;

/**
 * The paged lists of people (followers, following, follow requests, blocks; not a user's media
 * lists): whose rows they read and what their cursors name.
 */
public enum PeopleList {
  /** Accepted followers of a user ({@code follow} by {@code followed_id}). */
  FOLLOWERS,
  /** Users a user follows ({@code follow} by {@code follower_id}). */
  FOLLOWING,
  /** Pending requests to follow the caller ({@code follow_request} by {@code target_id}). */
  FOLLOW_REQUESTS,
  /** Users the caller blocked ({@code block} by {@code blocker_id}). */
  BLOCKS
}
