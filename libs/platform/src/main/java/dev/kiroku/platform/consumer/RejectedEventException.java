package dev.kiroku.platform.consumer;

import java.util.Objects;

/**
 * Thrown (or returned as a failed {@code Uni}) by an {@link EventHandler} that refuses an event for
 * good, e.g. a snapshot without an id. The transaction rolls back and the record is parked on the
 * dead-letter topic with the message in its {@code dead-letter-reason} header; it is never retried.
 * Never put user data (user ids, names, free text) in the message: it is logged and kept in a
 * header.
 */
public class RejectedEventException extends RuntimeException {

  /**
   * @param reason why, e.g. {@code "MediaUpserted without id or type"}
   * @throws NullPointerException if {@code reason} is null
   */
  public RejectedEventException(String reason) {
    super(Objects.requireNonNull(reason, "reason"), null, false, false);
  }
}
