package dev.kiroku.platform.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The counters of one {@link InboxConsumer}; counts nothing when the service has no Micrometer
 * registry. Prometheus names: {@code kiroku_consumer_messages_total{consumer, type, outcome}} and
 * {@code kiroku_consumer_retries_total{consumer, type}}.
 */
final class ConsumerMetrics {

  static final String MESSAGES = "kiroku.consumer.messages";
  static final String RETRIES = "kiroku.consumer.retries";

  static final String PROCESSED = "processed";
  static final String DUPLICATE = "duplicate";
  static final String SKIPPED = "skipped";
  static final String DEAD_LETTERED = "dead_lettered";

  private final MeterRegistry registry;
  private final String consumer;
  private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

  /**
   * @param registry null: count nothing
   */
  ConsumerMetrics(MeterRegistry registry, String consumer) {
    this.registry = registry;
    this.consumer = consumer;
  }

  /** One message with {@code outcome} ({@link #PROCESSED}, ...). */
  void message(String type, String outcome) {
    if (registry != null) {
      counters
          .computeIfAbsent(
              outcome + '\n' + type,
              k ->
                  Counter.builder(MESSAGES)
                      .description("Messages an inbox consumer finished, by outcome")
                      .tag("consumer", consumer)
                      .tag("type", type)
                      .tag("outcome", outcome)
                      .register(registry))
          .increment();
    }
  }

  /** One failed attempt that will be retried. */
  void retry(String type) {
    if (registry != null) {
      counters
          .computeIfAbsent(
              "retry\n" + type,
              k ->
                  Counter.builder(RETRIES)
                      .description("Attempts of an inbox consumer that failed transiently")
                      .tag("consumer", consumer)
                      .tag("type", type)
                      .register(registry))
          .increment();
    }
  }
}
