package dev.kiroku.gateway.ratelimit;

import io.vertx.core.http.HttpServerResponse;

/**
 * The IETF rate-limit fields (draft-ietf-httpapi-ratelimit-headers, structured-field form):
 *
 * <pre>
 * RateLimit-Policy: "writes";q=120;w=60     quota q requests per window w seconds
 * RateLimit: "writes";r=119;t=1             r requests remaining; the whole quota is back in t s
 * Retry-After: 1                            on 429 and 503 only: seconds until a retry may pass
 * </pre>
 */
public final class RateLimitHeaders {

  /** The policy field. */
  public static final String POLICY = "RateLimit-Policy";

  /** The state field. */
  public static final String STATE = "RateLimit";

  /** Seconds to wait (RFC 9110). */
  public static final String RETRY_AFTER = "Retry-After";

  private RateLimitHeaders() {}

  /** Sets both fields for a checked budget. */
  public static void put(HttpServerResponse response, Budget budget, Decision decision) {
    response.headers().set(POLICY, policy(budget));
    response
        .headers()
        .set(STATE, state(budget, remaining(budget, decision), decision.resetSeconds()));
  }

  /**
   * What remains after a checked request: at most the quota less that request. The script's
   * rounding slack (half a millisecond) is worth more than a request when a request comes back more
   * often than every half millisecond (budgets of millions a minute).
   */
  static long remaining(Budget budget, Decision decision) {
    return Math.min(decision.remaining(), Math.max(0, budget.quota() - 1));
  }

  /**
   * Sets both fields for a budget that could not be checked (Redis down, the request let through):
   * the whole quota remains, as nothing is counted.
   */
  public static void putUnchecked(HttpServerResponse response, Budget budget) {
    response.headers().set(POLICY, policy(budget));
    response.headers().set(STATE, state(budget, budget.quota(), 0));
  }

  /** {@code "writes";q=120;w=60}. */
  static String policy(Budget budget) {
    return '"' + budget.policy() + "\";q=" + budget.quota() + ";w=" + budget.windowSeconds();
  }

  /** {@code "writes";r=119;t=1}. */
  static String state(Budget budget, long remaining, long resetSeconds) {
    return '"' + budget.policy() + "\";r=" + remaining + ";t=" + resetSeconds;
  }
}
