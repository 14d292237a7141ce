package dev.kiroku.platform.inbox;

import dev.kiroku.platform.cleanup.ChunkedDelete;
import dev.kiroku.platform.cleanup.PeriodicCleanup;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Idempotent consumers: records which events a consumer has processed ({@code inbox_event}), in the
 * same transaction as the consumer's own write, so a redelivered or replayed event changes nothing.
 *
 * <pre>{@code
 * pool.withTransaction(tx -> inbox.markProcessed(tx, "feed-service.progress-events", ceId)
 *     .chain(first -> first ? feed.apply(tx, event) : Uni.createFrom().voidItem()));
 * }</pre>
 *
 * <p>Old ids are deleted after {@code kiroku.inbox.retention}. Exists only when the service is
 * built with {@code kiroku.inbox.enabled=true}.
 */
@ApplicationScoped
@IfBuildProperty(name = "kiroku.inbox.enabled", stringValue = "true")
public class Inbox {

  private static final Logger LOG = Logger.getLogger(Inbox.class);

  /** Rows deleted per cleanup statement. */
  static final int CLEANUP_CHUNK = 10_000;

  static final String INSERT =
      "INSERT INTO inbox_event (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";

  static final String DELETE_BEFORE =
      "DELETE FROM inbox_event WHERE (consumer, event_id) IN (SELECT consumer, event_id"
          + " FROM inbox_event WHERE processed_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)";

  private static final ChunkedDelete PROCESSED_BEFORE =
      new ChunkedDelete(DELETE_BEFORE, CLEANUP_CHUNK);

  private final Pool pool;
  private final Vertx vertx;
  private final InboxConfig config;
  private PeriodicCleanup cleanupTimer;

  @Inject
  Inbox(Pool pool, Vertx vertx, InboxConfig config) {
    this.pool = pool;
    this.vertx = vertx;
    this.config = config;
  }

  void start(@Observes StartupEvent event) {
    cleanupTimer =
        PeriodicCleanup.start(
            vertx, config.cleanupInterval(), this::cleanup, LOG, "Inbox cleanup", "event ids");
  }

  void stop(@Observes ShutdownEvent event) {
    if (cleanupTimer != null) {
      cleanupTimer.stop();
    }
  }

  /**
   * Records that {@code consumer} processed {@code eventId}.
   *
   * @param tx the connection of the caller's open transaction, the one that applies the event's
   *     effect; if it rolls back, the record goes with it and a redelivery is processed again
   * @param consumer who processed it, stable across releases, e.g. {@code
   *     feed-service.progress-events}; each consumer de-duplicates on its own
   * @param eventId the CloudEvents id ({@code ce_id} header)
   * @return {@code true} the first time, {@code false} for a duplicate (then skip the effect). A
   *     concurrent transaction recording the same id makes this wait for it to end. Fails with
   *     {@code io.vertx.pgclient.PgException} if the insert fails.
   * @throws NullPointerException if an argument is null
   */
  public Uni<Boolean> markProcessed(SqlClient tx, String consumer, String eventId) {
    Objects.requireNonNull(tx, "tx");
    Objects.requireNonNull(consumer, "consumer");
    Objects.requireNonNull(eventId, "eventId");
    return tx.preparedQuery(INSERT)
        .execute(Tuple.of(consumer, eventId))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * Deletes ids processed more than {@code kiroku.inbox.retention} ago. Runs every {@code
   * kiroku.inbox.cleanup-interval} on its own.
   *
   * @return the number of ids deleted
   */
  public Uni<Long> cleanup() {
    return deleteProcessedBefore(Instant.now().minus(config.retention()));
  }

  /**
   * Deletes ids processed before {@code cutoff}, for every consumer, in statements of at most
   * {@value #CLEANUP_CHUNK} rows.
   *
   * @return the number of ids deleted
   */
  public Uni<Long> deleteProcessedBefore(Instant cutoff) {
    return PROCESSED_BEFORE.deleteBefore(pool, cutoff);
  }
}
