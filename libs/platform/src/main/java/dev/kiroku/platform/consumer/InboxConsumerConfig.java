package dev.kiroku.platform.consumer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code kiroku.consumer.*}: how {@link InboxConsumer}s retry transient failures. Durations take
 * {@code 200ms}, {@code 30s}, {@code 5m} or ISO-8601 ({@code PT30S}).
 */
@ConfigMapping(prefix = "kiroku.consumer")
public interface InboxConsumerConfig {

  /** {@code kiroku.consumer.retry.*} */
  Retry retry();

  /**
   * Exponential back-off between attempts at one event while its failure is transient. There is no
   * limit on the number of attempts: the consumer waits (and holds back the events behind it) until
   * the database is back.
   */
  interface Retry {

    /** Wait before the first retry; each next wait doubles. Above zero. */
    @WithDefault("200ms")
    Duration initialBackoff();

    /**
     * The cap: no wait is longer (waits at the cap are drawn between 80 % and 100 % of it). At
     * least {@link #initialBackoff()}.
     */
    @WithDefault("30s")
    Duration maxBackoff();
  }
}
