package dev.kiroku.catalog.provider.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.faulttolerance.api.RateLimitException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The decisions of {@link ProviderGuard} that need no HTTP (the HTTP paths: ProviderAdaptersTest).
 */
class ProviderGuardTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2015-10-21T07:28:00Z"), ZoneOffset.UTC);

  @Test
  void retryAfterInSecondsOrAsHttpDate() {
    assertEquals(Duration.ofSeconds(120), ProviderGuard.parseRetryAfter("120", CLOCK));
    assertEquals(
        Duration.ofSeconds(30),
        ProviderGuard.parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", CLOCK));
    assertEquals(
        Duration.ZERO, ProviderGuard.parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", CLOCK));
    assertNull(ProviderGuard.parseRetryAfter("soon", CLOCK));
    assertNull(ProviderGuard.parseRetryAfter(null, CLOCK));
  }

  @Test
  void whatIsRetriedAndWhatOpensTheCircuit() {
    Duration max = Duration.ofSeconds(30);
    assertTrue(ProviderGuard.retryable(new ProviderHttpException(503, null, null), max));
    assertTrue(
        ProviderGuard.retryable(new ProviderHttpException(429, Duration.ofSeconds(2), null), max));
    assertFalse(
        ProviderGuard.retryable(new ProviderHttpException(429, Duration.ofMinutes(5), null), max));
    assertFalse(ProviderGuard.retryable(new ProviderHttpException(404, null, null), max));
    assertFalse(ProviderGuard.retryable(new ProviderHttpException(401, null, null), max));
    assertTrue(ProviderGuard.retryable(new RateLimitException(), max));
    assertTrue(ProviderGuard.retryable(new IOException("reset"), max));

    assertTrue(ProviderGuard.providerFault(new ProviderHttpException(500, null, null)));
    assertFalse(ProviderGuard.providerFault(new ProviderHttpException(404, null, null)));
    assertFalse(ProviderGuard.providerFault(new RateLimitException()));
  }

  @Test
  void backoffDoublesUnlessTheProviderSaysWhen() {
    ProviderGuard.RetryAfterBackoff backoff = new ProviderGuard.RetryAfterBackoff();
    backoff.init(500);
    assertEquals(500, backoff.nextDelayInMillis(new ProviderHttpException(503, null, null)));
    assertEquals(1000, backoff.nextDelayInMillis(new ProviderHttpException(503, null, null)));
    assertEquals(
        3000,
        backoff.nextDelayInMillis(new ProviderHttpException(429, Duration.ofSeconds(3), null)));
    assertEquals(4000, backoff.nextDelayInMillis(new IOException("reset")));
  }

  @Test
  void scores() {
    assertEquals(88, Scores.scale(8.75, 10, false));
    assertNull(Scores.scale(0.0, 10, true));
    assertEquals(0, Scores.scale(0.0, 10, false));
    assertEquals(100, Scores.logPopularity(10_000_000, 4_000_000));
    assertEquals(0, Scores.logPopularity(0, 4_000_000));
    assertNull(Scores.logPopularity(null, 4_000_000));
  }
}
