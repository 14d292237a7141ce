package dev.kiroku.progress.domain;

/**
 * Who may read a review. {@link #FOLLOWERS}: progress-service does not know followers yet, so it is
 * shown to its author only.
 */
public enum Visibility {
  PUBLIC,
  FOLLOWERS,
  PRIVATE
}
