package dev.kiroku.platform.consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.kiroku.platform.inbox.Inbox;
import dev.kiroku.platform.outbox.CloudEventHeaders;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * Processes the records of one Kafka subscription: one {@link EventHandler} per CloudEvents type,
 * each run in a database transaction together with the inbox record of the event's id. Built once
 * per consumer class by {@link InboxConsumers#named}; a service's consumer is then its handlers and
 * one line of {@code @Incoming} method:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class CatalogMediaConsumer {
 *
 *   private final InboxConsumer consumer;
 *
 *   CatalogMediaConsumer(InboxConsumers consumers, MediaProjection projection) {
 *     consumer =
 *         consumers
 *             .named("progress-service.catalog-media")
 *             .on(CatalogEvents.MEDIA_UPSERTED, MediaSnapshot.class,
 *                 (tx, event) -> projection.store(tx, event.payload()))
 *             .build();
 *   }
 *
 *   @Incoming("catalog-media")
 *   public Uni<Void> consume(ConsumerRecord<String, String> record) {
 *     return consumer.process(record);
 *   }
 * }
 * }</pre>
 *
 * <p>What {@link #process} does with a record:
 *
 * <table>
 *   <caption>outcomes</caption>
 *   <tr><th>record</th><th>result</th><th>{@code outcome} tag</th></tr>
 *   <tr><td>{@code ce_type} not registered (or absent)</td><td>completes; nothing written</td>
 *       <td>{@code skipped}</td></tr>
 *   <tr><td>event id already in the inbox</td><td>completes; handler not called</td>
 *       <td>{@code duplicate}</td></tr>
 *   <tr><td>handler succeeded</td><td>completes once the inbox record and the write committed</td>
 *       <td>{@code processed}</td></tr>
 *   <tr><td>no value, value not JSON of the registered type, handler threw {@link
 *       RejectedEventException}, or a permanent failure</td><td>fails with {@link
 *       DeadLetterException} (rolled back): the connector parks the record on the dead-letter
 *       topic and goes on</td><td>{@code dead_lettered}</td></tr>
 *   <tr><td>a transient failure ({@link TransientFailures})</td><td>retried in a new transaction
 *       after 200 ms, 400 ms, ... up to {@code kiroku.consumer.retry.max-backoff} (30 s) between
 *       attempts, for as long as it stays transient; never dead-lettered</td>
 *       <td>(each retry: {@code kiroku_consumer_retries_total})</td></tr>
 * </table>
 *
 * <p>Thread-safe and immutable; it keeps no per-record state.
 */
public final class InboxConsumer {

  private static final Logger LOG = Logger.getLogger(InboxConsumer.class);

  /** The {@code type} tag of records without a {@code ce_type} header. */
  static final String NO_TYPE = "(none)";

  /** A transient failure is logged as a warning at the first attempt and every this many. */
  private static final long WARN_EVERY = 20;

  /** Waits are drawn up to 20 % below the nominal one (and never above the cap). */
  private static final double JITTER = 0.2;

  /** Longest reason put in the dead-letter-reason header. */
  private static final int MAX_REASON = 500;

  private final String name;
  private final Map<String, Route<?>> routes;
  private final Pool pool;
  private final Inbox inbox;
  private final ConsumerMetrics metrics;
  private final Duration initialBackoff;
  private final Duration maxBackoff;

  private InboxConsumer(Builder builder) {
    this.name = builder.name;
    this.routes = Map.copyOf(builder.routes);
    this.pool = builder.pool;
    this.inbox = builder.inbox;
    this.metrics = builder.metrics;
    this.initialBackoff = builder.initialBackoff;
    this.maxBackoff = builder.maxBackoff;
  }

  /**
   * The de-duplication scope in {@code inbox_event.consumer}, e.g. {@code
   * feed-service.progress-events}.
   */
  public String name() {
    return name;
  }

  /** The {@code ce_type}s this consumer handles; records of other types are skipped. */
  public Set<String> types() {
    return routes.keySet();
  }

  /**
   * Processes one record: reads its CloudEvents headers, skips types without a handler, reads the
   * JSON value as the handler's payload type, and runs the handler in one transaction with {@link
   * Inbox#markProcessed}. Call it from the service's {@code @Incoming} method and return its {@code
   * Uni}, so the record is acknowledged when it completes and nacked (dead-lettered) when it fails.
   *
   * @param record a record with String key and value (UTF-8, {@code StringDeserializer}); headers
   *     as the outbox writes them ({@code ce_id}, {@code ce_type}, {@code ce_source}, {@code
   *     ce_time}, {@code ce_subject})
   * @return completes (item {@code null}) when the record is done with: processed and committed, a
   *     duplicate, or skipped. Fails with {@link DeadLetterException} when the record must be
   *     parked (reason in its message, the original failure as its cause). Transient failures never
   *     reach it: they are retried with back-off until they stop, so the {@code Uni} may take
   *     minutes while the database is away. When the retries cannot go on because the process is
   *     shutting down it never completes: the record stays unacknowledged and comes again after the
   *     restart.
   * @throws NullPointerException if {@code record} is null
   */
  public Uni<Void> process(ConsumerRecord<String, String> record) {
    Objects.requireNonNull(record, "record");
    String type = header(record, CloudEventHeaders.TYPE);
    Route<?> route = type == null ? null : routes.get(type);
    if (route == null) {
      metrics.message(type == null ? NO_TYPE : type, ConsumerMetrics.SKIPPED);
      if (LOG.isDebugEnabled()) {
        LOG.debugf("%s: skipped %s at %s", name, type == null ? NO_TYPE : type, position(record));
      }
      return Uni.createFrom().voidItem();
    }
    return handle(record, type, route);
  }

  private <T> Uni<Void> handle(ConsumerRecord<String, String> record, String type, Route<T> route) {
    ConsumedEvent<T> event;
    try {
      event = route.read(name, record, type);
    } catch (DeadLetterException e) {
      return deadLetter(record, type, e);
    }
    AtomicLong failedAttempts = new AtomicLong();
    return pool.withTransaction(tx -> apply(tx, route.handler, event))
        .onFailure(TransientFailures::isTransient)
        .invoke(failure -> retrying(event, failure, failedAttempts.incrementAndGet()))
        .onFailure(TransientFailures::isTransient)
        .retry()
        .withBackOff(initialBackoff, maxBackoff)
        .withJitter(JITTER)
        .indefinitely()
        .onItemOrFailure()
        .transformToUni(
            (first, failure) -> {
              if (failure == null) {
                metrics.message(
                    type, first ? ConsumerMetrics.PROCESSED : ConsumerMetrics.DUPLICATE);
                if (failedAttempts.get() > 0) {
                  LOG.infof(
                      "%s: %s event %s at %s went through after %d failed attempts",
                      name, type, event.id(), position(record), failedAttempts.get());
                }
                return Uni.createFrom().voidItem();
              }
              if (TransientFailures.isTransient(failure)) {
                // only the retry itself can end like this, e.g. its executor shut down
                LOG.infof(
                    "%s: %s event %s at %s left unacknowledged (%s); it comes again after a"
                        + " restart",
                    name, type, event.id(), position(record), failure);
                return Uni.createFrom().nothing();
              }
              return deadLetter(record, type, permanent(type, failure));
            });
  }

  /** Records the id and, the first time, applies the handler; the item says which. */
  private <T> Uni<Boolean> apply(
      SqlConnection tx, EventHandler<T> handler, ConsumedEvent<T> event) {
    return inbox
        .markProcessed(tx, name, event.id())
        .chain(
            first -> {
              if (!first) {
                return Uni.createFrom().item(Boolean.FALSE);
              }
              Uni<?> write;
              try {
                write = handler.handle(tx, event);
              } catch (RuntimeException e) {
                return Uni.createFrom().failure(e);
              }
              if (write == null) {
                return Uni.createFrom()
                    .failure(new NullPointerException("the handler returned a null Uni"));
              }
              return write.replaceWith(Boolean.TRUE);
            });
  }

  private void retrying(ConsumedEvent<?> event, Throwable failure, long attempt) {
    metrics.retry(event.type());
    if (attempt == 1 || attempt % WARN_EVERY == 0) {
      LOG.warnf(
          "%s: %s event %s at %s-%d@%d failed transiently (attempt %d: %s); retrying with"
              + " back-off up to %s, the events behind it wait",
          name,
          event.type(),
          event.id(),
          event.topic(),
          event.partition(),
          event.offset(),
          attempt,
          failure,
          maxBackoff);
    } else {
      LOG.debugf(failure, "%s: event %s failed again (attempt %d)", name, event.id(), attempt);
    }
  }

  private DeadLetterException permanent(String type, Throwable failure) {
    if (failure instanceof RejectedEventException) {
      return new DeadLetterException(
          reason(name + ": " + type + " rejected by the handler: " + failure.getMessage()),
          failure);
    }
    return new DeadLetterException(
        reason(name + ": " + type + " failed permanently: " + failure), failure);
  }

  private Uni<Void> deadLetter(
      ConsumerRecord<String, String> record, String type, DeadLetterException reason) {
    metrics.message(type, ConsumerMetrics.DEAD_LETTERED);
    Throwable cause = reason.getCause();
    boolean expected =
        cause == null
            || cause instanceof RejectedEventException
            || cause instanceof JsonProcessingException;
    LOG.warnf(
        expected ? null : cause,
        "%s: parking the record at %s (ce_id %s) on the dead-letter topic: %s",
        name,
        position(record),
        header(record, CloudEventHeaders.ID),
        reason.getMessage());
    return Uni.createFrom().failure(reason);
  }

  private static String reason(String text) {
    return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 3) + "...";
  }

  private static String position(ConsumerRecord<?, ?> record) {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }

  /** The UTF-8 value of the last header {@code name}, or null. */
  static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** One registered type: how to read its payload and whom to call. */
  private record Route<T>(Class<T> payloadType, ObjectReader reader, EventHandler<T> handler) {

    /** The event, or a {@link DeadLetterException} naming {@code consumer} when unreadable. */
    ConsumedEvent<T> read(String consumer, ConsumerRecord<String, String> record, String type) {
      String value = record.value();
      if (value == null) {
        throw new DeadLetterException(
            reason(
                consumer
                    + ": "
                    + type
                    + " without a value (payload expected: "
                    + payloadType.getSimpleName()
                    + ")"),
            null);
      }
      T payload;
      try {
        payload = reader.readValue(value);
      } catch (JsonProcessingException e) {
        throw new DeadLetterException(
            reason(
                consumer
                    + ": unreadable "
                    + type
                    + " payload (not a "
                    + payloadType.getSimpleName()
                    + "): "
                    + e.getOriginalMessage()),
            e);
      } catch (RuntimeException e) {
        throw new DeadLetterException(
            reason(
                consumer
                    + ": unreadable "
                    + type
                    + " payload (not a "
                    + payloadType.getSimpleName()
                    + "): "
                    + e),
            e);
      }
      if (payload == null) {
        throw new DeadLetterException(
            reason(consumer + ": " + type + " payload is JSON null"), null);
      }
      String id = header(record, CloudEventHeaders.ID);
      return new ConsumedEvent<>(
          id != null && !id.isBlank() ? id : position(record),
          type,
          header(record, CloudEventHeaders.SOURCE),
          header(record, CloudEventHeaders.SUBJECT),
          time(header(record, CloudEventHeaders.TIME)),
          record.key(),
          payload,
          record.topic(),
          record.partition(),
          record.offset());
    }

    private static Instant time(String value) {
      if (value == null) {
        return null;
      }
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }

  /**
   * Registers one handler per CloudEvents type, then {@link #build()}s the consumer. Obtained from
   * {@link InboxConsumers#named}; not thread-safe (build in a constructor).
   */
  public static final class Builder {

    private final String name;
    private final Pool pool;
    private final Inbox inbox;
    private final ObjectMapper json;
    private final ConsumerMetrics metrics;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Consumer<String> onBuild;
    private final Map<String, Route<?>> routes = new LinkedHashMap<>();
    private boolean built;

    Builder(
        String name,
        Pool pool,
        Inbox inbox,
        ObjectMapper json,
        ConsumerMetrics metrics,
        Duration initialBackoff,
        Duration maxBackoff,
        Consumer<String> onBuild) {
      this.name = name;
      this.pool = pool;
      this.inbox = inbox;
      this.json = json;
      this.metrics = metrics;
      this.initialBackoff = initialBackoff;
      this.maxBackoff = maxBackoff;
      this.onBuild = onBuild;
    }

    /**
     * Handles events of {@code type}: their JSON value is read as {@code payloadType} with the
     * service's Jackson {@code ObjectMapper} (unknown fields are ignored, so additive payload
     * changes pass) and given to {@code handler}.
     *
     * @param type the exact {@code ce_type}, e.g. {@code kiroku.social.user-deleted.v1}
     * @param payloadType a record or class Jackson can read, e.g. {@code UserDeleted.class}
     * @param handler applies the event in the inbox's transaction (see {@link EventHandler})
     * @param <T> the payload type
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code type} is blank or already registered
     * @throws IllegalStateException if {@link #build()} was called
     */
    public <T> Builder on(String type, Class<T> payloadType, EventHandler<T> handler) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(payloadType, "payloadType");
      Objects.requireNonNull(handler, "handler");
      if (built) {
        throw new IllegalStateException(name + " is already built");
      }
      if (type.isBlank()) {
        throw new IllegalArgumentException("type must not be blank");
      }
      if (routes.containsKey(type)) {
        throw new IllegalArgumentException(name + " already handles " + type);
      }
      routes.put(type, new Route<>(payloadType, json.readerFor(payloadType), handler));
      return this;
    }

    /**
     * @return the consumer, ready for {@link InboxConsumer#process}
     * @throws IllegalStateException if no type was registered, or this builder or another consumer
     *     of the same name (in this application) was already built: two consumers sharing a name
     *     would take each other's events for duplicates
     */
    public InboxConsumer build() {
      if (built) {
        throw new IllegalStateException(name + " is already built");
      }
      if (routes.isEmpty()) {
        throw new IllegalStateException(name + " handles no event type: call on(...) first");
      }
      onBuild.accept(name);
      built = true;
      return new InboxConsumer(this);
    }
  }
}
