package dev.kiroku.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Says that budgets could not be checked: the counter {@code
 * kiroku.gateway.ratelimit.redis.failures} (Prometheus {@code
 * kiroku_gateway_ratelimit_redis_failures_total}) tagged {@code class} (the route class) and {@code
 * outcome} ({@code allowed}: let through unchecked; {@code rejected}: a write refused with 503),
 * and one WARN line per interval at most, with the count since the last line.
 */
final class RedisFailures {

  private static final Logger LOG = Logger.getLogger(RedisFailures.class);

  private final MeterRegistry registry;
  private final long intervalNanos;
  private final boolean failClosedWrites;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final AtomicLong sinceLastLine = new AtomicLong();
  private final AtomicLong nextLineAt;

  /**
   * @param registry where the counter lives
   * @param logInterval shortest time between two log lines
   * @param failClosedWrites whether writes are refused meanwhile (for the log line)
   */
  RedisFailures(MeterRegistry registry, Duration logInterval, boolean failClosedWrites) {
    this.registry = registry;
    this.failClosedWrites = failClosedWrites;
    this.intervalNanos = Math.max(0, logInterval.toNanos());
    this.nextLineAt = new AtomicLong(System.nanoTime());
  }

  /**
   * Counts one check that failed.
   *
   * @param rateClass the route class, e.g. {@code reads}
   * @param rejected whether the request was refused (fail closed) rather than let through
   * @param cause why Redis could not be asked
   */
  void record(String rateClass, boolean rejected, Throwable cause) {
    String outcome = rejected ? "rejected" : "allowed";
    counters
        .computeIfAbsent(
            rateClass + '/' + outcome,
            ignored ->
                Counter.builder("kiroku.gateway.ratelimit.redis.failures")
                    .description(
                        "Requests whose rate-limit budget could not be checked in Redis, by"
                            + " outcome: allowed (let through) or rejected (503)")
                    .tag("class", rateClass)
                    .tag("outcome", outcome)
                    .register(registry))
        .increment();
    long failures = sinceLastLine.incrementAndGet();
    long now = System.nanoTime();
    long due = nextLineAt.get();
    if (now - due >= 0 && nextLineAt.compareAndSet(due, now + intervalNanos)) {
      sinceLastLine.addAndGet(-failures);
      LOG.warnf(
          "Rate limits not checked: Redis failed %d time(s) since the last report (last: %s);"
              + " reads are let through, writes %s",
          failures,
          cause.getMessage(),
          failClosedWrites ? "are refused with 503" : "are let through");
    }
  }
}
