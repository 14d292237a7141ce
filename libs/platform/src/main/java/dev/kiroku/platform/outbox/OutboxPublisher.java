package dev.kiroku.platform.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One relay round: claims up to {@code batchSize} unpublished rows in {@code seq} order, sends them
 * to Kafka, and marks the acknowledged ones published (or, with {@code kiroku.outbox.retention=0},
 * deletes them), all in one database transaction. Used by {@link OutboxRelay}, which decides when
 * to run a round.
 *
 * <p>Several replicas may run rounds at once: rows are claimed with {@code FOR UPDATE SKIP LOCKED},
 * so each row is held by one replica at a time. To keep order per key, a claimed row is held back
 * (not sent) while an older unpublished row with the same key is outside this round, i.e. held by
 * another replica; it goes out in a later round, after that row.
 */
final class OutboxPublisher {

  /**
   * Claims rows and flags those that must wait for an older row of the same key held elsewhere.
   * {@code %d}: the batch size, written into the statement rather than bound, so that a generic
   * plan (a service with {@code plan_cache_mode=force_generic_plan}, such as progress-service)
   * expects that many rows and not a tenth of the table, as it does for {@code LIMIT $1}.
   */
  static final String CLAIM =
      """
      WITH claimed AS MATERIALIZED (
          SELECT seq, id, topic, event_key, type, source, subject, payload, occurred_at
          FROM outbox_event
          WHERE published_at IS NULL
          ORDER BY seq
          LIMIT %d
          FOR UPDATE SKIP LOCKED
      ), held_elsewhere AS (
          SELECT o.event_key, min(o.seq) AS first_seq
          FROM outbox_event o
          WHERE o.published_at IS NULL
            AND o.seq < (SELECT max(seq) FROM claimed)
            AND o.event_key IN (SELECT event_key FROM claimed)
            AND o.seq NOT IN (SELECT seq FROM claimed)
          GROUP BY o.event_key
      )
      SELECT c.seq, c.id, c.topic, c.event_key, c.type, c.source, c.subject,
             c.payload::text AS payload, c.occurred_at,
             coalesce(h.first_seq < c.seq, false) AS blocked
      FROM claimed c LEFT JOIN held_elsewhere h ON h.event_key = c.event_key
      ORDER BY c.seq
      """;

  static final String MARK_PUBLISHED =
      "UPDATE outbox_event SET published_at = now() WHERE seq = ANY($1)";

  /**
   * Retention 0: acknowledged rows are deleted in the round that sent them. A delete only stamps
   * the row; the update writes a new row version and three index entries (measured on the PUT
   * benchmark: 1.48 ms per round of ~85 rows for the update).
   */
  static final String DELETE_PUBLISHED = "DELETE FROM outbox_event WHERE seq = ANY($1)";

  /**
   * What a round did.
   *
   * @param claimed rows locked by this round
   * @param published rows the broker acknowledged and that are now marked published (or deleted)
   * @param blocked rows held back behind an older row of the same key held by another replica
   * @param failed rows the broker did not take; they stay unpublished and are retried
   * @param failure the first send failure, or {@code null}
   */
  record Result(int claimed, int published, int blocked, int failed, Throwable failure) {}

  private final Pool pool;
  private final Producer<byte[], byte[]> producer;
  private final Executor sendExecutor;
  private final int batchSize;
  private final String settle;
  private final String claim;
  private final Consumer<Duration> lag;

  /**
   * @param pool the service's reactive pool
   * @param producer an idempotent producer with {@code acks=all}
   * @param sendExecutor where {@code producer.send} is called: it may block (metadata, full
   *     buffer), so never an event loop
   * @param batchSize most rows per round, at least 1
   * @param keepPublished whether acknowledged rows stay (with {@code published_at} set) for the
   *     cleanup, or are deleted at once
   * @param lag told, for each event the broker acknowledged, the time from its {@code occurred_at}
   *     (set just before its transaction committed) to the acknowledgement; called on the
   *     producer's I/O thread, so it must be quick
   */
  OutboxPublisher(
      Pool pool,
      Producer<byte[], byte[]> producer,
      Executor sendExecutor,
      int batchSize,
      boolean keepPublished,
      Consumer<Duration> lag) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("kiroku.outbox.relay.batch-size must be at least 1");
    }
    this.pool = pool;
    this.producer = producer;
    this.sendExecutor = sendExecutor;
    this.batchSize = batchSize;
    this.claim = CLAIM.formatted(batchSize);
    this.settle = keepPublished ? MARK_PUBLISHED : DELETE_PUBLISHED;
    this.lag = lag;
  }

  int batchSize() {
    return batchSize;
  }

  /** Runs one round; fails only if the database fails (send failures are in the result). */
  Uni<Result> publishBatch() {
    return pool.withTransaction(this::publishBatch);
  }

  private Uni<Result> publishBatch(SqlConnection tx) {
    return tx.preparedQuery(claim)
        .execute()
        .flatMap(
            rows -> {
              List<ClaimedEvent> ready = new ArrayList<>(rows.size());
              int blocked = 0;
              for (Row row : rows) {
                if (row.getBoolean("blocked")) {
                  blocked++;
                } else {
                  ready.add(ClaimedEvent.from(row));
                }
              }
              int claimed = rows.size();
              int held = blocked;
              if (ready.isEmpty()) {
                return Uni.createFrom().item(new Result(claimed, 0, held, 0, null));
              }
              return send(ready)
                  .flatMap(
                      sent -> {
                        if (sent.acked.isEmpty()) {
                          return Uni.createFrom()
                              .item(new Result(claimed, 0, held, sent.failed, sent.failure));
                        }
                        return tx.preparedQuery(settle)
                            .execute(Tuple.tuple().addArrayOfLong(sent.acked.toArray(new Long[0])))
                            .map(
                                (RowSet<Row> updated) ->
                                    new Result(
                                        claimed,
                                        updated.rowCount(),
                                        held,
                                        sent.failed,
                                        sent.failure));
                      });
            });
  }

  /** Sends every event in order and completes once the broker answered for all of them. */
  private Uni<Sent> send(List<ClaimedEvent> events) {
    return Uni.createFrom()
        .<Sent>emitter(
            emitter -> {
              Sent sent = new Sent(events.size());
              for (ClaimedEvent event : events) {
                try {
                  producer.send(
                      event.toRecord(),
                      (metadata, exception) -> {
                        if (exception == null) {
                          lag.accept(Duration.between(event.occurred, Instant.now()));
                        }
                        sent.answer(event.seq, exception, emitter::complete);
                      });
                } catch (RuntimeException e) {
                  // Serialization, an illegal topic name, or max.block.ms exceeded.
                  sent.answer(event.seq, e, emitter::complete);
                }
              }
            })
        .runSubscriptionOn(sendExecutor);
  }

  /** Broker answers of one round; thread-safe (callbacks arrive on the producer's I/O thread). */
  private static final class Sent {
    private final AtomicInteger pending;
    private final List<Long> acked;
    private int failed;
    private Throwable failure;

    Sent(int count) {
      this.pending = new AtomicInteger(count);
      this.acked = new ArrayList<>(count);
    }

    void answer(long seq, Exception exception, java.util.function.Consumer<Sent> whenAll) {
      synchronized (this) {
        if (exception == null) {
          acked.add(seq);
        } else {
          failed++;
          if (failure == null) {
            failure = exception;
          }
        }
      }
      if (pending.decrementAndGet() == 0) {
        whenAll.accept(this);
      }
    }
  }

  /** A claimed row, ready to become a Kafka record. */
  private record ClaimedEvent(
      long seq,
      UUID id,
      String topic,
      String key,
      String type,
      String source,
      String subject,
      String payload,
      Instant occurred) {

    static ClaimedEvent from(Row row) {
      return new ClaimedEvent(
          row.getLong("seq"),
          row.getUUID("id"),
          row.getString("topic"),
          row.getString("event_key"),
          row.getString("type"),
          row.getString("source"),
          row.getString("subject"),
          row.getString("payload"),
          row.getOffsetDateTime("occurred_at").toInstant());
    }

    ProducerRecord<byte[], byte[]> toRecord() {
      RecordHeaders headers = new RecordHeaders();
      headers.add(CloudEventHeaders.SPEC_VERSION, utf8(CloudEventHeaders.SPEC_VERSION_1_0));
      headers.add(CloudEventHeaders.ID, utf8(id.toString()));
      headers.add(CloudEventHeaders.TYPE, utf8(type));
      headers.add(CloudEventHeaders.SOURCE, utf8(source));
      headers.add(CloudEventHeaders.TIME, utf8(occurred.toString()));
      if (subject != null) {
        headers.add(CloudEventHeaders.SUBJECT, utf8(subject));
      }
      headers.add(CloudEventHeaders.CONTENT_TYPE, utf8(CloudEventHeaders.APPLICATION_JSON));
      return new ProducerRecord<>(topic, null, utf8(key), utf8(payload), headers);
    }

    private static byte[] utf8(String value) {
      return value.getBytes(StandardCharsets.UTF_8);
    }
  }
}
