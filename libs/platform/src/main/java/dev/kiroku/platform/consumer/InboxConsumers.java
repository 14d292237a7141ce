package dev.kiroku.platform.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.inbox.Inbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes {@link InboxConsumer}s: inject it into a service's consumer class and build that class's
 * consumer in its constructor (example on {@link InboxConsumer}). Exists only when the service is
 * built with {@code kiroku.inbox.enabled=true}, like {@link Inbox}; counts with the service's
 * Micrometer registry when it has one.
 */
@ApplicationScoped
@IfBuildProperty(name = "kiroku.inbox.enabled", stringValue = "true")
public class InboxConsumers {

  private final Pool pool;
  private final Inbox inbox;
  private final ObjectMapper json;
  private final MeterRegistry registry;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Set<String> built = ConcurrentHashMap.newKeySet();

  @Inject
  InboxConsumers(
      Pool pool,
      Inbox inbox,
      ObjectMapper json,
      InboxConsumerConfig config,
      Instance<MeterRegistry> metrics) {
    this.pool = pool;
    this.inbox = inbox;
    this.json = json;
    this.registry = metrics.isResolvable() ? metrics.get() : null;
    this.initialBackoff = config.retry().initialBackoff();
    this.maxBackoff = config.retry().maxBackoff();
    if (initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new IllegalStateException(
          "kiroku.consumer.retry.initial-backoff must be above zero: " + initialBackoff);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalStateException(
          "kiroku.consumer.retry.max-backoff must be at least initial-backoff: " + maxBackoff);
    }
  }

  /**
   * Starts a consumer.
   *
   * @param consumer its de-duplication scope, stored in {@code inbox_event.consumer}: one per
   *     service and subscription, stable across releases (renaming it makes a replay process every
   *     event again), e.g. {@code progress-service.catalog-media}; also the {@code consumer} tag of
   *     its metrics
   * @return a builder: register handlers with {@link InboxConsumer.Builder#on}, then {@link
   *     InboxConsumer.Builder#build}
   * @throws NullPointerException if {@code consumer} is null
   * @throws IllegalArgumentException if {@code consumer} is blank
   */
  public InboxConsumer.Builder named(String consumer) {
    Objects.requireNonNull(consumer, "consumer");
    if (consumer.isBlank()) {
      throw new IllegalArgumentException("consumer must not be blank");
    }
    return new InboxConsumer.Builder(
        consumer,
        pool,
        inbox,
        json,
        new ConsumerMetrics(registry, consumer),
        initialBackoff,
        maxBackoff,
        name -> {
          if (!built.add(name)) {
            throw new IllegalStateException(
                "Two inbox consumers are named " + name + "; each needs its own name");
          }
        });
  }
}
