package dev.kiroku.catalog.provider.support;

import java.time.Duration;
import java.util.List;

/**
 * The resilience policy of one provider; see {@code catalog-service/docs/providers.md} for the
 * values applied to each provider and where their published limits come from.
 *
 * @param timeout time allowed for one HTTP attempt
 * @param maxRetries retries after the first attempt (on 5xx, 429, transport errors, timeouts and
 *     local rate-limit rejections)
 * @param initialBackoff first retry delay; doubles on every retry (exponential backoff) unless the
 *     provider sent {@code Retry-After}
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a 429/503 asking for longer fails
 *     at once instead of holding the caller
 * @param circuitRequestVolume rolling window of attempts the circuit breaker judges
 * @param circuitFailureRatio failure ratio (0-1) in that window that opens the circuit
 * @param circuitDelay how long the circuit stays open before a trial call
 * @param rateLimits local rate limits, all enforced (e.g. Jikan: 3 per 1 s and 60 per 60 s)
 * @param maxConcurrent most requests in flight at once (IGDB: 8 open requests); 0 = no bound.
 *     Further calls wait in a queue of four times that size, beyond which they fail
 */
public record ProviderPolicy(
    Duration timeout,
    int maxRetries,
    Duration initialBackoff,
    Duration maxRetryAfter,
    int circuitRequestVolume,
    double circuitFailureRatio,
    Duration circuitDelay,
    List<RateLimitRule> rateLimits,
    int maxConcurrent) {

  /**
   * At most {@code limit} calls in any rolling {@code window}.
   *
   * @param limit calls allowed per window
   * @param window the window length
   */
  public record RateLimitRule(int limit, Duration window) {}

  /** Defaults shared by the providers: 10 s timeout, 3 retries from 500 ms, circuit 10/50%/30 s. */
  public static ProviderPolicy standard(RateLimitRule... rateLimits) {
    return new ProviderPolicy(
        Duration.ofSeconds(10),
        3,
        Duration.ofMillis(500),
        Duration.ofSeconds(30),
        10,
        0.5,
        Duration.ofSeconds(30),
        List.of(rateLimits),
        0);
  }

  /** This policy with at most {@code requests} in flight at once. */
  public ProviderPolicy withMaxConcurrent(int requests) {
    return new ProviderPolicy(
        timeout,
        maxRetries,
        initialBackoff,
        maxRetryAfter,
        circuitRequestVolume,
        circuitFailureRatio,
        circuitDelay,
        rateLimits,
        requests);
  }

  /** This policy with other rate limits. */
  public ProviderPolicy withRateLimits(RateLimitRule... rules) {
    return new ProviderPolicy(
        timeout,
        maxRetries,
        initialBackoff,
        maxRetryAfter,
        circuitRequestVolume,
        circuitFailureRatio,
        circuitDelay,
        List.of(rules),
        maxConcurrent);
  }

  /** This policy with another retry count and first backoff. */
  public ProviderPolicy withRetries(int retries, Duration backoff) {
    return new ProviderPolicy(
        timeout,
        retries,
        backoff,
        maxRetryAfter,
        circuitRequestVolume,
        circuitFailureRatio,
        circuitDelay,
        rateLimits,
        maxConcurrent);
  }

  /** This policy with another circuit breaker. */
  public ProviderPolicy withCircuit(int requestVolume, double failureRatio, Duration delay) {
    return new ProviderPolicy(
        timeout,
        maxRetries,
        initialBackoff,
        maxRetryAfter,
        requestVolume,
        failureRatio,
        delay,
        rateLimits,
        maxConcurrent);
  }

  /** This policy with another per-attempt timeout. */
  public ProviderPolicy withTimeout(Duration perAttempt) {
    return new ProviderPolicy(
        perAttempt,
        maxRetries,
        initialBackoff,
        maxRetryAfter,
        circuitRequestVolume,
        circuitFailureRatio,
        circuitDelay,
        rateLimits,
        maxConcurrent);
  }
}
