package dev.kiroku.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The relay as a service runs it: LISTEN/NOTIFY-driven, against real PostgreSQL and Kafka. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
class OutboxRelayTest {

  @Inject Pool pool;
  @Inject Outbox outbox;
  @Inject OutboxRelay relay;
  @Inject OutboxConfig config;
  @Inject ObjectMapper json;

  @Test
  void committedEventReachesKafkaAsBinaryCloudEventWithoutWaitingForThePoll() throws Exception {
    String topic = "test.committed." + UUID.randomUUID();
    TestKafka.createTopic(topic, 1);
    UUID mediaId = UUID.randomUUID();
    OutboxEvent event =
        new OutboxEvent(
            UUID.randomUUID(),
            topic,
            mediaId.toString(),
            "kiroku.catalog.media-upserted.v1",
            "/catalog-service",
            "media/" + mediaId,
            "{\"title\":\"Mushishi\",\"episodes\":26,\"tags\":[\"iyashikei\"]}",
            Instant.parse("2026-01-31T12:00:00.123456789Z"));

    long committedAt = System.nanoTime();
    pool.withTransaction(tx -> outbox.append(tx, event)).await().atMost(Duration.ofSeconds(5));
    List<ConsumerRecord<String, String>> records =
        TestKafka.consume(topic, Duration.ofSeconds(10), r -> !r.isEmpty());
    long elapsedMs = (System.nanoTime() - committedAt) / 1_000_000;

    // The poll interval is 60 s in tests: only the wake-up at commit gets it out this fast.
    assertThat(elapsedMs).isLessThan(5_000);
    assertThat(records).hasSize(1);
    ConsumerRecord<String, String> record = records.get(0);
    assertThat(record.key()).isEqualTo(mediaId.toString());
    assertThat(json.readTree(record.value())).isEqualTo(json.readTree(event.payload()));
    assertThat(record.value()).isEqualTo(event.payload()); // byte for byte, not re-serialized
    Map<String, String> headers = new HashMap<>();
    record.headers().forEach(h -> headers.put(h.key(), new String(h.value())));
    assertThat(headers)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "ce_specversion", "1.0",
                "ce_id", event.id().toString(),
                "ce_type", "kiroku.catalog.media-upserted.v1",
                "ce_source", "/catalog-service",
                "ce_subject", "media/" + mediaId,
                "ce_time", "2026-01-31T12:00:00.123456Z",
                "content-type", "application/json"));

    Row row =
        pool.preparedQuery("SELECT published_at FROM outbox_event WHERE id = $1")
            .execute(Tuple.of(event.id()))
            .await()
            .atMost(Duration.ofSeconds(5))
            .iterator()
            .next();
    assertThat(row.getOffsetDateTime("published_at")).isNotNull();
  }

  @Test
  void notificationFromAnotherProcessWakesTheRelay() {
    String topic = "test.notified." + UUID.randomUUID();
    TestKafka.createTopic(topic, 1);
    UUID id = UUID.randomUUID();

    // As another process would: a plain insert (no Outbox, so no in-process wake-up) and NOTIFY.
    pool.withTransaction(
            tx ->
                tx.preparedQuery(
                        "INSERT INTO outbox_event (id, topic, event_key, type, source, payload)"
                            + " VALUES ($1, $2, 'k', 'kiroku.test.v1', '/elsewhere', '{}')")
                    .execute(Tuple.of(id, topic))
                    .chain(() -> tx.query("NOTIFY " + OutboxRelay.CHANNEL).execute()))
        .await()
        .atMost(Duration.ofSeconds(5));

    assertThat(relay.listening()).isTrue();
    List<ConsumerRecord<String, String>> records =
        TestKafka.consume(topic, Duration.ofSeconds(10), r -> !r.isEmpty());
    assertThat(TestKafka.ids(records)).containsExactly(id.toString());
  }

  @Test
  void eventWithoutSubjectHasNoSubjectHeader() {
    String topic = "test.nosubject." + UUID.randomUUID();
    TestKafka.createTopic(topic, 1);
    OutboxEvent event =
        OutboxEvent.of(topic, "user-1", "kiroku.social.followed.v1", "/social-service", null, "{}");
    pool.withTransaction(tx -> outbox.append(tx, event)).await().atMost(Duration.ofSeconds(5));

    List<ConsumerRecord<String, String>> records =
        TestKafka.consume(topic, Duration.ofSeconds(10), r -> !r.isEmpty());

    assertThat(records).hasSize(1);
    assertThat(TestKafka.header(records.get(0), CloudEventHeaders.ID))
        .isEqualTo(event.id().toString());
    assertThat(TestKafka.header(records.get(0), CloudEventHeaders.SUBJECT)).isNull();
  }

  @Test
  void eventOfRolledBackTransactionNeverReachesKafka() {
    String topic = "test.rollback." + UUID.randomUUID();
    TestKafka.createTopic(topic, 1);
    OutboxEvent rolledBack = event(topic, "user-1", 1);
    OutboxEvent committed = event(topic, "user-1", 2);

    assertThatThrownBy(
            () ->
                pool.withTransaction(
                        tx ->
                            outbox
                                .append(tx, rolledBack)
                                .chain(
                                    () ->
                                        Uni.createFrom()
                                            .failure(new IllegalStateException("domain rule"))))
                    .await()
                    .atMost(Duration.ofSeconds(5)))
        .hasMessageContaining("domain rule");
    pool.withTransaction(tx -> outbox.append(tx, committed)).await().atMost(Duration.ofSeconds(5));

    // The committed event comes after the rolled-back one: once it is there, the other would be.
    List<ConsumerRecord<String, String>> records =
        TestKafka.consume(
            topic,
            Duration.ofSeconds(10),
            r -> TestKafka.ids(r).contains(committed.id().toString()));

    assertThat(TestKafka.ids(records)).containsExactly(committed.id().toString());
    assertThat(countRows(rolledBack.id())).isZero();
  }

  @Test
  void orderHoldsPerKeyFor500EventsOverFiveKeys() {
    String topic = "test.order." + UUID.randomUUID();
    TestKafka.createTopic(topic, 3);
    List<String> keys = List.of("user-a", "user-b", "user-c", "user-d", "user-e");
    Map<String, Integer> next = new HashMap<>();
    // 100 transactions of 5 events, keys interleaved, committed one after the other while the
    // relay publishes: batches cut across transactions and keys.
    for (int tx = 0; tx < 100; tx++) {
      List<OutboxEvent> events = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        String key = keys.get((tx + i * 2) % keys.size());
        events.add(event(topic, key, next.merge(key, 1, Integer::sum)));
      }
      pool.withTransaction(c -> outbox.append(c, events)).await().atMost(Duration.ofSeconds(5));
    }

    List<ConsumerRecord<String, String>> records =
        TestKafka.consume(topic, Duration.ofSeconds(30), r -> r.size() >= 500);

    assertThat(records).hasSize(500);
    Map<String, List<Integer>> seenPerKey = new HashMap<>();
    for (ConsumerRecord<String, String> record : records) {
      seenPerKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(number(record.value()));
    }
    assertThat(seenPerKey).containsOnlyKeys(keys);
    for (String key : keys) {
      List<Integer> expected = new ArrayList<>();
      for (int n = 1; n <= next.get(key); n++) {
        expected.add(n);
      }
      assertThat(seenPerKey.get(key)).as("order of key %s", key).isEqualTo(expected);
    }
    long unpublished =
        pool.preparedQuery(
                "SELECT count(*) FROM outbox_event WHERE topic = $1 AND published_at IS NULL")
            .execute(Tuple.of(topic))
            .await()
            .atMost(Duration.ofSeconds(5))
            .iterator()
            .next()
            .getLong(0);
    assertThat(unpublished).isZero();
  }

  @Test
  void producerOverridesAreReadWithDottedKeys() {
    assertThat(config.producer()).containsEntry("linger.ms", "1");
    assertThat(config.relay().batchSize()).isEqualTo(500);
    assertThat(config.retention()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void appendingTheSameIdTwiceFailsTheTransaction() {
    String topic = "test.duplicate." + UUID.randomUUID();
    OutboxEvent event = event(topic, "user-1", 1);

    assertThatThrownBy(
            () ->
                pool.withTransaction(tx -> outbox.append(tx, List.of(event, event)))
                    .await()
                    .atMost(Duration.ofSeconds(5)))
        .hasMessageContaining("23505");
    assertThat(countRows(event.id())).isZero();
  }

  private long countRows(UUID id) {
    return pool.preparedQuery("SELECT count(*) FROM outbox_event WHERE id = $1")
        .execute(Tuple.of(id))
        .await()
        .atMost(Duration.ofSeconds(5))
        .iterator()
        .next()
        .getLong(0);
  }

  static OutboxEvent event(String topic, String key, int n) {
    return OutboxEvent.of(
        topic,
        key,
        "kiroku.progress.entry-updated.v1",
        "/progress-service",
        null,
        "{\"userId\":\"" + key + "\",\"n\":" + n + "}");
  }

  static int number(String payload) {
    int at = payload.indexOf("\"n\":") + 4;
    return Integer.parseInt(payload.substring(at, payload.indexOf('}', at)));
  }
}
