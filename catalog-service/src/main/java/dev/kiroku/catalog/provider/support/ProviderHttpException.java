package dev.kiroku.catalog.provider.support;

import java.time.Duration;

/**
 * A provider answered with an HTTP error status. Raised inside {@link ProviderGuard} so retries and
 * the circuit breaker can judge it; 4xx other than 429 reach the adapter (404 becomes an empty
 * result, IGDB's 401 a token refresh), everything else becomes {@link
 * dev.kiroku.catalog.provider.ProviderUnavailableException}.
 */
public class ProviderHttpException extends RuntimeException {

  private final int status;
  private final Duration retryAfter;

  /**
   * @param status the HTTP status
   * @param retryAfter the provider's {@code Retry-After}, null when absent or unreadable
   * @param bodyExcerpt the start of the error body (at most 300 characters), may be null
   */
  public ProviderHttpException(int status, Duration retryAfter, String bodyExcerpt) {
    super(
        "HTTP "
            + status
            + (bodyExcerpt == null || bodyExcerpt.isBlank() ? "" : ": " + bodyExcerpt));
    this.status = status;
    this.retryAfter = retryAfter;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The provider's {@code Retry-After}, null when absent. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Whether the provider asks to come back later: 5xx or 429. */
  public boolean retryable() {
    return status >= 500 || status == 429;
  }
}
