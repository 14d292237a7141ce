package dev.kiroku.gateway.ratelimit;

/**
 * The answer of one budget check.
 *
 * @param allowed whether the request may go on (it was counted) or is over budget (not counted)
 * @param remaining requests left in the budget after this one, 0 when refused
 * @param resetMs milliseconds until the whole quota is available again
 * @param retryAfterMs when refused, milliseconds until one request is allowed again; else 0
 */
public record Decision(boolean allowed, long remaining, long resetMs, long retryAfterMs) {

  /**
   * {@link #resetMs()} in whole seconds, rounded up ({@code t} of the {@code RateLimit} header).
   */
  public long resetSeconds() {
    return ceilSeconds(resetMs);
  }

  /** {@link #retryAfterMs()} in whole seconds, rounded up, at least 1 ({@code Retry-After}). */
  public long retryAfterSeconds() {
    return Math.max(1, ceilSeconds(retryAfterMs));
  }

  private static long ceilSeconds(long ms) {
    return ms <= 0 ? 0 : (ms + 999) / 1000;
  }
}
