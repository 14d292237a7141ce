package dev.kiroku.platform.consumer;

import java.util.Objects;

/**
 * Thrown (or returned as a failed {@code Uni}) by an {@link EventHandler} whose effect depends on
 * another system that did not answer (an HTTP API down, its circuit breaker open): the failure says
 * nothing about the event, so it is retried with back-off, never parked, whatever its cause. Never
 * put user data in the message: it is logged.
 */
public class RetryLaterException extends RuntimeException {

  /**
   * @param reason what did not answer, e.g. {@code "Keycloak did not delete the account"}
   * @param cause the failure
   * @throws NullPointerException if {@code reason} is null
   */
  public RetryLaterException(String reason, Throwable cause) {
    super(Objects.requireNonNull(reason, "reason"), cause);
  }
}
