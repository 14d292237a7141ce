package dev.kiroku.platform.outbox;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes events to the transactional outbox ({@code outbox_event}) on the caller's connection, so
 * an event is stored if and only if the caller's transaction commits. The {@link OutboxRelay}
 * publishes it afterwards; nothing here talks to Kafka.
 *
 * <pre>{@code
 * pool.withTransaction(tx -> repository.update(tx, entry)
 *     .chain(() -> outbox.append(tx, EntryEvents.updated(entry))));
 * }</pre>
 *
 * <p>When the caller's transaction commits, this replica's relay is woken at once (in-process, no
 * database round trip). With {@code kiroku.outbox.notify=true} the insert also sends a PostgreSQL
 * NOTIFY so relays in other processes wake too.
 *
 * <p>Exists only when the service is built with {@code kiroku.outbox.enabled=true}.
 */
@ApplicationScoped
@IfBuildProperty(name = "kiroku.outbox.enabled", stringValue = "true")
public class Outbox {

  static final String INSERT =
      "INSERT INTO outbox_event"
          + " (id, topic, event_key, type, source, subject, payload, occurred_at)"
          + " VALUES ($1, $2, $3, $4, $5, $6, $7::text::json, $8)";

  /** The insert plus a NOTIFY on {@link OutboxRelay#CHANNEL}, delivered only at commit. */
  static final String INSERT_AND_NOTIFY =
      "WITH appended AS ("
          + INSERT
          + " RETURNING 1) SELECT pg_notify('"
          + OutboxRelay.CHANNEL
          + "', '') FROM appended";

  /**
   * Several events in one statement: one row per array element, inserted (and given their {@code
   * seq}) in array order.
   */
  static final String INSERT_MANY =
      "INSERT INTO outbox_event"
          + " (id, topic, event_key, type, source, subject, payload, occurred_at)"
          + " SELECT id, topic, event_key, type, source, subject, payload::json, occurred_at"
          + " FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],"
          + " $7::text[], $8::timestamptz[])"
          + " AS e(id, topic, event_key, type, source, subject, payload, occurred_at)";

  static final String INSERT_MANY_AND_NOTIFY =
      "WITH appended AS ("
          + INSERT_MANY
          + " RETURNING 1) SELECT pg_notify('"
          + OutboxRelay.CHANNEL
          + "', '') FROM appended LIMIT 1";

  private final OutboxRelay relay;
  private final String insert;
  private final String insertMany;

  @Inject
  Outbox(OutboxRelay relay, OutboxConfig config) {
    this(relay, config.notifyOnAppend());
  }

  /**
   * @param relay woken after each committed append; {@code null} for none
   * @param notify whether the insert also sends a PostgreSQL NOTIFY
   */
  Outbox(OutboxRelay relay, boolean notify) {
    this.relay = relay;
    this.insert = notify ? INSERT_AND_NOTIFY : INSERT;
    this.insertMany = notify ? INSERT_MANY_AND_NOTIFY : INSERT_MANY;
  }

  /**
   * Inserts one event.
   *
   * @param tx the connection of the caller's open transaction (from {@code Pool.withTransaction});
   *     a pool or a connection without a transaction stores the event at once, on its own, which
   *     defeats the outbox
   * @param event the event
   * @return completes when the row is inserted; fails with {@code io.vertx.pgclient.PgException} if
   *     the insert fails, e.g. SQLSTATE {@code 23505} for an id that was already appended or {@code
   *     22P02} for a payload that is not JSON. The caller's transaction then rolls back.
   */
  public Uni<Void> append(SqlClient tx, OutboxEvent event) {
    Objects.requireNonNull(tx, "tx");
    return tx.preparedQuery(insert)
        .execute(tuple(event))
        .invoke(() -> wakeAfterCommit(tx))
        .replaceWithVoid();
  }

  /**
   * Inserts several events in one statement (one round trip), in list order (which is their
   * publication order per key).
   *
   * @param tx the connection of the caller's open transaction
   * @param events the events; an empty list does nothing
   * @return as {@link #append(SqlClient, OutboxEvent)}
   */
  public Uni<Void> append(SqlClient tx, List<OutboxEvent> events) {
    Objects.requireNonNull(tx, "tx");
    if (events.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    if (events.size() == 1) {
      return append(tx, events.get(0));
    }
    int n = events.size();
    UUID[] ids = new UUID[n];
    String[] topics = new String[n];
    String[] keys = new String[n];
    String[] types = new String[n];
    String[] sources = new String[n];
    String[] subjects = new String[n];
    String[] payloads = new String[n];
    OffsetDateTime[] times = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      OutboxEvent e = events.get(i);
      ids[i] = e.id();
      topics[i] = e.topic();
      keys[i] = e.key();
      types[i] = e.type();
      sources[i] = e.source();
      subjects[i] = e.subject();
      payloads[i] = e.payload();
      times[i] = e.occurredAt().atOffset(ZoneOffset.UTC);
    }
    Tuple arrays =
        Tuple.tuple()
            .addArrayOfUUID(ids)
            .addArrayOfString(topics)
            .addArrayOfString(keys)
            .addArrayOfString(types)
            .addArrayOfString(sources)
            .addArrayOfString(subjects)
            .addArrayOfString(payloads)
            .addArrayOfOffsetDateTime(times);
    return tx.preparedQuery(insertMany)
        .execute(arrays)
        .invoke(() -> wakeAfterCommit(tx))
        .replaceWithVoid();
  }

  private void wakeAfterCommit(SqlClient client) {
    if (relay == null) {
      return;
    }
    Transaction transaction =
        client instanceof SqlConnection connection ? connection.transaction() : null;
    if (transaction == null) {
      relay.wake(); // no transaction: the row is already committed
      return;
    }
    transaction.completion().subscribe().with(committed -> relay.wake(), rolledBack -> {});
  }

  private static Tuple tuple(OutboxEvent e) {
    return Tuple.tuple()
        .addUUID(e.id())
        .addString(e.topic())
        .addString(e.key())
        .addString(e.type())
        .addString(e.source())
        .addString(e.subject())
        .addString(e.payload())
        .addOffsetDateTime(e.occurredAt().atOffset(ZoneOffset.UTC));
  }
}
