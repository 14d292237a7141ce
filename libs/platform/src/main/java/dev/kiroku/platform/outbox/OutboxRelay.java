package dev.kiroku.platform.outbox;

import dev.kiroku.platform.cleanup.ChunkedDelete;
import dev.kiroku.platform.cleanup.PeriodicCleanup;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Publishes the rows {@link Outbox} appended to Kafka, oldest first, and sets their {@code
 * published_at} once the broker acknowledged them (at-least-once; order kept per key). Deletes
 * published rows older than {@code kiroku.outbox.retention}; with a retention of 0 it deletes each
 * row in the round that published it, and runs no cleanup.
 *
 * <p>When it runs: at start; as soon as a transaction in which this process's {@link Outbox}
 * appended commits; when PostgreSQL notifies channel {@value #CHANNEL} (see {@code
 * kiroku.outbox.notify}); every {@code kiroku.outbox.relay.poll-interval} as a safety net; and
 * again at once while full batches keep coming. One round runs at a time per replica, so memory
 * stays at one batch; several replicas can run side by side (see {@link OutboxPublisher}). Rounds
 * never block an event loop: {@code KafkaProducer.send} runs on the relay's own thread.
 *
 * <p>If a round fails (database or broker down), the rows stay unpublished and the next poll
 * retries them; a warning is logged once per outage.
 *
 * <p>Metric (when the service has Micrometer): {@code kiroku_outbox_publish_lag_seconds}, a timer
 * with a percentile histogram of the time from each event's {@code occurred_at} (set just before
 * its transaction commits) to the broker's acknowledgement ({@code acks=all}): how far the relay
 * trails the commits.
 */
@ApplicationScoped
@IfBuildProperty(name = "kiroku.outbox.enabled", stringValue = "true")
public class OutboxRelay {

  /**
   * The PostgreSQL channel the relay LISTENs on; {@link Outbox} notifies it when {@code
   * kiroku.outbox.notify=true}.
   */
  public static final String CHANNEL = "kiroku_outbox";

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  /** Pause before retrying rows held back behind another replica's rows. */
  private static final long BLOCKED_RETRY_MS = 20;

  /** Rows deleted per cleanup statement, so no statement holds many locks for long. */
  static final int CLEANUP_CHUNK = 10_000;

  static final String DELETE_PUBLISHED_BEFORE =
      "DELETE FROM outbox_event WHERE seq IN (SELECT seq FROM outbox_event"
          + " WHERE published_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)";

  private static final ChunkedDelete PUBLISHED_BEFORE =
      new ChunkedDelete(DELETE_PUBLISHED_BEFORE, CLEANUP_CHUNK);

  private final Pool pool;
  private final Vertx vertx;
  private final OutboxConfig config;
  private final Consumer<Duration> lag;

  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean pending = new AtomicBoolean();
  private final AtomicBoolean listenScheduled = new AtomicBoolean();
  private final AtomicLong publishedCount = new AtomicLong();
  private volatile boolean active;
  private volatile boolean failing;
  private volatile long backoffUntilNanos;
  private volatile SqlConnection listener;

  private ExecutorService relayThread;
  private KafkaProducer<byte[], byte[]> producer;
  private OutboxPublisher publisher;
  private long pollTimer = -1;
  private PeriodicCleanup cleanupTimer;

  @Inject
  OutboxRelay(Pool pool, Vertx vertx, OutboxConfig config, Instance<MeterRegistry> metrics) {
    this.pool = pool;
    this.vertx = vertx;
    this.config = config;
    this.lag = metrics.isResolvable() ? lagTimer(metrics.get())::record : d -> {};
  }

  private static Timer lagTimer(MeterRegistry metrics) {
    return Timer.builder("kiroku.outbox.publish.lag")
        .description("Time from an outbox event's occurred_at to the broker's acknowledgement")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(1))
        .register(metrics);
  }

  void start(@Observes StartupEvent event) {
    if (!config.relay().enabled()) {
      LOG.info("Outbox relay off on this replica (kiroku.outbox.relay.enabled=false)");
      return;
    }
    relayThread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "kiroku-outbox-relay");
              t.setDaemon(true);
              return t;
            });
    producer =
        new KafkaProducer<>(
            producerProperties(ConfigProvider.getConfig(), config.producer()),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    boolean keepPublished = !config.retention().isZero();
    publisher =
        new OutboxPublisher(
            pool, producer, relayThread, config.relay().batchSize(), keepPublished, lag);
    active = true;
    long pollMs = Math.max(1, config.relay().pollInterval().toMillis());
    pollTimer = vertx.setPeriodic(pollMs, id -> wake(true));
    if (keepPublished) {
      cleanupTimer =
          PeriodicCleanup.start(
              vertx,
              config.cleanupInterval(),
              this::cleanup,
              LOG,
              "Outbox cleanup",
              "published events");
    }
    if (config.relay().listen()) {
      listen();
    }
    wake(true);
  }

  void stop(@Observes ShutdownEvent event) {
    if (!active) {
      return;
    }
    active = false;
    vertx.cancelTimer(pollTimer);
    if (cleanupTimer != null) {
      cleanupTimer.stop();
    }
    SqlConnection connection = listener;
    listener = null;
    if (connection != null) {
      try {
        connection
            .query("UNLISTEN *")
            .execute()
            .onTermination()
            .call(connection::close)
            .await()
            .atMost(Duration.ofSeconds(2));
      } catch (RuntimeException e) {
        LOG.debugf(e, "Closing the outbox listener connection failed");
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (running.get() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    producer.close(Duration.ofSeconds(5));
    relayThread.shutdown();
  }

  /**
   * Asks for a round soon; returns at once, on any thread. {@link Outbox}, notifications and timers
   * call it; services need not.
   */
  public void wake() {
    wake(false);
  }

  /** Whether this replica currently LISTENs for commit notifications. */
  public boolean listening() {
    return listener != null;
  }

  /** Events this replica has published since start. */
  public long publishedCount() {
    return publishedCount.get();
  }

  /**
   * Deletes published rows older than {@code kiroku.outbox.retention}. Runs every {@code
   * kiroku.outbox.cleanup-interval} on its own; unpublished rows are never deleted.
   *
   * @return the number of rows deleted
   */
  public Uni<Long> cleanup() {
    return deletePublishedBefore(Instant.now().minus(config.retention()));
  }

  /**
   * Deletes rows published before {@code cutoff}, in statements of at most {@value #CLEANUP_CHUNK}
   * rows (rows another replica is deleting are skipped).
   *
   * @return the number of rows deleted
   */
  public Uni<Long> deletePublishedBefore(Instant cutoff) {
    return deletePublishedBefore(pool, cutoff);
  }

  static Uni<Long> deletePublishedBefore(Pool pool, Instant cutoff) {
    return PUBLISHED_BEFORE.deleteBefore(pool, cutoff);
  }

  private void wake(boolean poll) {
    pending.set(true);
    if (!active || (!poll && System.nanoTime() < backoffUntilNanos)) {
      return; // after a failure, notifications wait for the next poll
    }
    if (running.compareAndSet(false, true)) {
      try {
        relayThread.execute(this::round);
      } catch (RejectedExecutionException e) {
        running.set(false); // shutting down
      }
    }
  }

  private void round() {
    pending.set(false);
    long started = System.nanoTime();
    publisher
        .publishBatch()
        .subscribe()
        .with(result -> afterRound(result, started), this::afterFailure);
  }

  private void afterRound(OutboxPublisher.Result result, long started) {
    publishedCount.addAndGet(result.published());
    if (LOG.isTraceEnabled()) {
      LOG.tracef(
          "Outbox round: %d claimed, %d published, %d held back, %d failed in %d ms",
          result.claimed(),
          result.published(),
          result.blocked(),
          result.failed(),
          (System.nanoTime() - started) / 1_000_000);
    }
    if (result.failed() > 0) {
      fail(
          result.failure(),
          result.failed() + " of " + result.claimed() + " events were not accepted by Kafka");
      return;
    }
    if (failing) {
      failing = false;
      LOG.info("Outbox relay publishes again");
    }
    boolean fullBatch = result.published() > 0 && result.claimed() >= publisher.batchSize();
    if (active && (fullBatch || pending.get())) {
      try {
        relayThread.execute(this::round);
        return;
      } catch (RejectedExecutionException e) {
        // shutting down
      }
    }
    if (active && result.blocked() > 0) {
      vertx.setTimer(BLOCKED_RETRY_MS, id -> wake(false));
    }
    running.set(false);
    if (pending.get()) {
      wake(false); // a notification arrived while this round finished
    }
  }

  private void afterFailure(Throwable failure) {
    fail(failure, "the database failed");
  }

  private void fail(Throwable failure, String what) {
    backoffUntilNanos = System.nanoTime() + config.relay().pollInterval().toNanos() / 2;
    if (!failing) {
      failing = true;
      LOG.warnf(
          failure,
          "Outbox relay round failed (%s); unpublished events stay in outbox_event and are"
              + " retried every %s",
          what,
          config.relay().pollInterval());
    } else {
      LOG.debugf(failure, "Outbox relay round failed again (%s)", what);
    }
    running.set(false);
  }

  private void listen() {
    listenScheduled.set(false);
    if (!active) {
      return;
    }
    pool.getConnection()
        .subscribe()
        .with(
            connection -> {
              PgConnection pg = PgConnection.cast(connection);
              pg.notificationHandler(notification -> wake(false));
              pg.closeHandler(
                  () -> {
                    if (listener == connection) {
                      listener = null;
                      LOG.warn("Outbox listener connection closed; listening again soon");
                      scheduleListen();
                    }
                  });
              connection
                  .query("LISTEN " + CHANNEL)
                  .execute()
                  .subscribe()
                  .with(
                      ok -> {
                        listener = connection;
                        if (!active) {
                          listener = null;
                          connection.closeAndForget();
                          return;
                        }
                        wake(false); // whatever committed before LISTEN took effect
                      },
                      failure -> {
                        LOG.warnf(failure, "LISTEN %s failed; retrying", CHANNEL);
                        connection.closeAndForget();
                        scheduleListen();
                      });
            },
            failure -> {
              LOG.warnf(failure, "No connection to LISTEN on %s; retrying", CHANNEL);
              scheduleListen();
            });
  }

  private void scheduleListen() {
    if (active && listenScheduled.compareAndSet(false, true)) {
      vertx.setTimer(Math.max(1, config.relay().pollInterval().toMillis()), id -> listen());
    }
  }

  /**
   * The relay's producer settings: the service's {@code kafka.*} properties that are producer
   * settings, then {@code kiroku.outbox.producer.*}, then the fixed guarantees.
   */
  static Map<String, Object> producerProperties(Config config, Map<String, String> overrides) {
    Set<String> known = ProducerConfig.configNames();
    Map<String, Object> props = new HashMap<>();
    for (String name : config.getPropertyNames()) {
      if (name.startsWith("kafka.") && known.contains(name.substring(6))) {
        config
            .getOptionalValue(name, String.class)
            .ifPresent(value -> props.put(name.substring(6), value));
      }
    }
    config
        .getOptionalValue("kafka.bootstrap.servers", String.class)
        .ifPresent(value -> props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, value));
    props.put(
        ProducerConfig.CLIENT_ID_CONFIG,
        config.getOptionalValue("quarkus.application.name", String.class).orElse("kiroku")
            + "-outbox");
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.putAll(overrides);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    if (!props.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
      throw new IllegalStateException(
          "kiroku.outbox.enabled=true needs kafka.bootstrap.servers (or"
              + " kiroku.outbox.producer.\"bootstrap.servers\") for the outbox relay");
    }
    return props;
  }
}
