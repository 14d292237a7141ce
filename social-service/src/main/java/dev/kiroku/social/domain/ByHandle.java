package dev.kiroku.social.domain;

/**
 * The outcome of an operation on a user named by handle: done, or the handle was renamed less than
 * 30 days ago and the operation is to be asked again under the current one (a {@code 308}).
 */
public sealed interface ByHandle<T> {

  /** Done; {@code value} is its result (null for operations without one). */
  record Done<T>(T value) implements ByHandle<T> {}

  /** Not done: {@code handle} is the current handle of the user the old one named. */
  record Moved<T>(String handle) implements ByHandle<T> {}
}
