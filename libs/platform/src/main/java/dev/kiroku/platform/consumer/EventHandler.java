package dev.kiroku.platform.consumer;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Applies one event of one type: the consumer's whole job. Registered with {@link
 * InboxConsumer.Builder#on}.
 *
 * <p>Write only through {@code tx}: it is the connection of the transaction in which the inbox has
 * just recorded the event's id, so the write and the record commit or roll back together. The
 * handler is called at most once per event id that commits (never for a duplicate), but possibly
 * several times for the same event when an attempt fails transiently and is retried in a new
 * transaction; keep side effects outside the database out of it.
 *
 * <p>To refuse the event for good (the payload is readable but makes no sense, e.g. a required
 * field is missing), throw or fail with {@link RejectedEventException}: the transaction rolls back
 * and the record is parked on the dead-letter topic. Any other failure is retried when it is
 * transient ({@link TransientFailures}) and parked otherwise.
 *
 * @param <T> the payload type
 */
@FunctionalInterface
public interface EventHandler<T> {

  /**
   * @param tx the open transaction's connection; do not commit, roll back or close it
   * @param event the payload and its metadata
   * @return completes when the write is done; its item is ignored. Must not be null.
   */
  Uni<?> handle(SqlConnection tx, ConsumedEvent<T> event);
}
