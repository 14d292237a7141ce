package dev.kiroku.gateway.ratelimit;

/** Redis could not be asked about a budget: an error, or no answer within the timeout. */
public class RateLimitStoreException extends RuntimeException {

  /**
   * @param message what went wrong
   * @param cause the client's failure, or null for a timeout
   */
  public RateLimitStoreException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
