package dev.kiroku.platform.consumer;

import static dev.kiroku.platform.consumer.TestEventsConsumer.DLQ;
import static dev.kiroku.platform.consumer.TestEventsConsumer.EFFECT;
import static dev.kiroku.platform.consumer.TestEventsConsumer.NAME;
import static dev.kiroku.platform.consumer.TestEventsConsumer.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.consumer.TestEventsConsumer.TestEffect;
import dev.kiroku.platform.outbox.CloudEventHeaders;
import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.PostgresTestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The inbox consumer base end to end: records sent to a real (in-JVM) Kafka broker, consumed by
 * SmallRye's Kafka connector through {@link TestEventsConsumer} (channel {@code consumer-test},
 * {@code failure-strategy=dead-letter-queue}), written to the real PostgreSQL test database.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
class InboxConsumerTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ConsumerTestKafka kafka;

  @Inject Pool pool;
  @Inject MeterRegistry metrics;
  @Inject InboxConsumers consumers;

  @BeforeAll
  static void topics() {
    ConsumerTestKafka.ensureTopic(TOPIC);
    ConsumerTestKafka.ensureTopic(DLQ);
    kafka = new ConsumerTestKafka();
  }

  @AfterAll
  static void closeProducer() {
    kafka.close();
  }

  @Test
  void aRedeliveredEventIdChangesNothing() {
    createTable();
    String target = target();
    String id = UUID.randomUUID().toString();
    double duplicatesBefore = count("duplicate", EFFECT);

    kafka.send(TOPIC, "user-1", id, EFFECT, effect(target, 0, null, false));
    kafka.send(TOPIC, "user-1", id, EFFECT, effect(target, 0, null, false)); // redelivered
    awaitProcessedAfter();

    assertThat(applied(target)).isEqualTo(1);
    assertThat(inboxRows(id)).isEqualTo(1);
    assertThat(count("duplicate", EFFECT) - duplicatesBefore).isEqualTo(1);
  }

  @Test
  void theHandlerGetsThePayloadAndTheEventMetadata() {
    createTable();
    String target = target();
    String id = UUID.randomUUID().toString();

    kafka.send(TOPIC, "user-42", id, EFFECT, effect(target, 0, null, false));
    await().atMost(WAIT).until(() -> applied(target) == 1);

    Row row =
        pool.preparedQuery(
                "SELECT event_id, subject, occurred_at, kafka_key FROM consumer_test_effect"
                    + " WHERE target = $1")
            .execute(Tuple.of(target))
            .onFailure()
            .retry()
            .atMost(3)
            .await()
            .atMost(WAIT)
            .iterator()
            .next();
    assertThat(row.getString("event_id")).isEqualTo(id);
    assertThat(row.getString("subject")).isEqualTo("subject-" + id);
    assertThat(row.getOffsetDateTime("occurred_at").toInstant())
        .isEqualTo(Instant.parse("2026-01-31T12:00:00.123456Z"));
    assertThat(row.getString("kafka_key")).isEqualTo("user-42");
  }

  @Test
  void anUnknownTypeIsSkippedAndCounted() {
    createTable();
    String unknownType = "kiroku.test.unknown-" + UUID.randomUUID() + ".v1";
    String unknownId = UUID.randomUUID().toString();

    kafka.send(TOPIC, "user-1", unknownId, unknownType, "{\"anything\": true}");
    kafka.send(TOPIC, "user-1", null, null, "no CloudEvents headers at all");
    awaitProcessedAfter();

    assertThat(count("skipped", unknownType)).isEqualTo(1);
    assertThat(count("skipped", InboxConsumer.NO_TYPE)).isGreaterThanOrEqualTo(1);
    assertThat(inboxRows(unknownId)).isZero();
    assertThat(TestEventsConsumer.ATTEMPTS).doesNotContainKey(unknownId);
  }

  @Test
  void anUnreadablePayloadIsParkedOnTheDeadLetterTopicAndTheNextIsProcessed() {
    createTable();
    String id = UUID.randomUUID().toString();
    double parkedBefore = count("dead_lettered", EFFECT);

    kafka.send(TOPIC, "user-7", id, EFFECT, "{not json");
    String next = awaitProcessedAfter();

    ConsumerRecord<String, String> parked = awaitParked(id);
    assertThat(ConsumerTestKafka.header(parked, "dead-letter-reason"))
        .startsWith(NAME + ": unreadable " + EFFECT + " payload (not a TestEffect)");
    assertThat(ConsumerTestKafka.header(parked, "dead-letter-exception-class-name"))
        .isEqualTo(DeadLetterException.class.getName());
    assertThat(ConsumerTestKafka.header(parked, "dead-letter-topic")).isEqualTo(TOPIC);
    assertThat(ConsumerTestKafka.header(parked, "dead-letter-offset")).isNotBlank();
    assertThat(ConsumerTestKafka.header(parked, CloudEventHeaders.TYPE)).isEqualTo(EFFECT);
    assertThat(parked.value()).isEqualTo("{not json");
    assertThat(parked.key()).isEqualTo("user-7");
    assertThat(applied(next)).isEqualTo(1);
    assertThat(inboxRows(id)).isZero();
    assertThat(count("dead_lettered", EFFECT) - parkedBefore).isEqualTo(1);
  }

  @Test
  void aRejectedPayloadIsParkedAndItsWriteRollsBackWithTheInboxRecord() {
    createTable();
    String target = target();
    String id = UUID.randomUUID().toString();

    kafka.send(TOPIC, "user-8", id, EFFECT, effect(target, 0, null, true));
    String next = awaitProcessedAfter();

    ConsumerRecord<String, String> parked = awaitParked(id);
    assertThat(ConsumerTestKafka.header(parked, "dead-letter-reason"))
        .isEqualTo(
            NAME + ": " + EFFECT + " rejected by the handler: test payload asks to be rejected");
    assertThat(TestEventsConsumer.ATTEMPTS.get(id)).hasValue(1); // never retried
    assertThat(applied(target)).isZero(); // the handler had written: rolled back
    assertThat(inboxRows(id)).isZero(); // and so was the inbox record
    assertThat(applied(next)).isEqualTo(1);
  }

  @Test
  void aPermanentDatabaseFailureIsParkedWithItsSqlState() {
    createTable();
    String target = target();
    String id = UUID.randomUUID().toString();

    // 23514 check_violation: the event's data breaks a rule; retrying cannot help
    kafka.send(TOPIC, "user-9", id, EFFECT, effect(target, 99, "23514", false));
    awaitProcessedAfter();

    ConsumerRecord<String, String> parked = awaitParked(id);
    assertThat(ConsumerTestKafka.header(parked, "dead-letter-reason"))
        .startsWith(NAME + ": " + EFFECT + " failed permanently: ")
        .contains("23514");
    assertThat(ConsumerTestKafka.header(parked, "dead-letter-cause")).contains("simulated failure");
    assertThat(TestEventsConsumer.ATTEMPTS.get(id)).hasValue(1);
    assertThat(applied(target)).isZero();
    assertThat(inboxRows(id)).isZero();
  }

  /**
   * 40001 serialization failure, 40P01 deadlock, 53300 too many connections, 08006 connection
   * failure, 57014 query cancelled, raised by the database in the handler's transaction after its
   * write. (57P01 admin shutdown cannot be raised like this: PostgreSQL sends it only as the FATAL
   * end of a connection, and the client takes it as such; see the next test.)
   */
  @ParameterizedTest
  @ValueSource(strings = {"40001", "40P01", "53300", "08006", "57014"})
  void aTransientFailureIsRetriedUntilItSucceedsAndNeverParked(String sqlState) {
    createTable();
    String target = target();
    String id = UUID.randomUUID().toString();
    double retriesBefore = retries(EFFECT);

    kafka.send(TOPIC, "user-3", id, EFFECT, effect(target, 2, sqlState, false));
    awaitProcessedAfter();

    assertThat(TestEventsConsumer.ATTEMPTS.get(id)).hasValue(3);
    // two attempts wrote and rolled back with their inbox record; the third committed both
    assertThat(applied(target)).isEqualTo(1);
    assertThat(inboxRows(id)).isEqualTo(1);
    assertThat(retries(EFFECT) - retriesBefore).isEqualTo(2);
    assertNotParked(id);
  }

  /** {@code pg_terminate_backend}: 57P01 FATAL, then the socket closes mid-transaction. */
  @Test
  void aConnectionKilledByTheDatabaseIsRetriedOnANewConnection() {
    createTable();
    String target = target();
    String id = UUID.randomUUID().toString();

    kafka.send(TOPIC, "user-4", id, EFFECT, effect(target, 1, "terminate", false));
    awaitProcessedAfter();

    assertThat(TestEventsConsumer.ATTEMPTS.get(id)).hasValue(2);
    assertThat(applied(target)).isEqualTo(1);
    assertThat(inboxRows(id)).isEqualTo(1);
    assertNotParked(id);
  }

  @Test
  void theBuilderRefusesMistakes() {
    assertThatThrownBy(
            () -> consumers.named(NAME).on(EFFECT, TestEffect.class, (tx, e) -> null).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Two inbox consumers are named " + NAME);
    String name = "platform-test.builder-" + UUID.randomUUID();
    assertThatThrownBy(() -> consumers.named(name).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("handles no event type");
    assertThatThrownBy(
            () ->
                consumers
                    .named(name)
                    .on(EFFECT, TestEffect.class, (tx, e) -> Uni.createFrom().voidItem())
                    .on(EFFECT, TestEffect.class, (tx, e) -> Uni.createFrom().voidItem()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already handles " + EFFECT);
    assertThatThrownBy(() -> consumers.named(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------------------------- helpers

  private static final AtomicInteger TARGETS = new AtomicInteger();

  private static String target() {
    return "target-" + TARGETS.incrementAndGet() + "-" + UUID.randomUUID();
  }

  private static String effect(String target, int failAttempts, String failWith, boolean reject) {
    try {
      return JSON.writeValueAsString(new TestEffect(target, failAttempts, failWith, reject));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends a plain event for a new target and waits until it is applied: the channel handles one
   * record at a time, in order, so every record sent before it has been dealt with.
   *
   * @return the new target
   */
  private String awaitProcessedAfter() {
    String target = target();
    kafka.send(
        TOPIC, "user-0", UUID.randomUUID().toString(), EFFECT, effect(target, 0, null, false));
    await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> applied(target) >= 1);
    return target;
  }

  private static ConsumerRecord<String, String> awaitParked(String id) {
    List<ConsumerRecord<String, String>> parked =
        ConsumerTestKafka.readUntil(
            DLQ, WAIT, records -> records.stream().anyMatch(r -> hasId(r, id)));
    return parked.stream()
        .filter(r -> hasId(r, id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no record with ce_id " + id + " on " + DLQ));
  }

  /** Parks a sentinel after {@code id}'s record and checks that only the sentinel arrives. */
  private void assertNotParked(String id) {
    String sentinel = UUID.randomUUID().toString();
    kafka.send(TOPIC, "user-0", sentinel, EFFECT, "sentinel: not JSON");
    List<ConsumerRecord<String, String>> parked =
        ConsumerTestKafka.readUntil(
            DLQ, WAIT, records -> records.stream().anyMatch(r -> hasId(r, sentinel)));
    assertThat(parked).anyMatch(r -> hasId(r, sentinel));
    assertThat(parked).noneMatch(r -> hasId(r, id));
  }

  private static boolean hasId(ConsumerRecord<String, String> record, String id) {
    return id.equals(ConsumerTestKafka.header(record, CloudEventHeaders.ID));
  }

  private void createTable() {
    pool.query(
            "CREATE TABLE IF NOT EXISTS consumer_test_effect (target text PRIMARY KEY,"
                + " applied int NOT NULL, event_id text, subject text, occurred_at timestamptz,"
                + " kafka_key text)")
        .execute()
        .onFailure()
        .retry()
        .atMost(3)
        .await()
        .atMost(WAIT);
  }

  private int applied(String target) {
    RowIterator<Row> rows =
        pool.preparedQuery("SELECT applied FROM consumer_test_effect WHERE target = $1")
            .execute(Tuple.of(target))
            // a connection the killed-connection test ended may come out of the pool once
            .onFailure()
            .retry()
            .atMost(3)
            .await()
            .atMost(WAIT)
            .iterator();
    return rows.hasNext() ? rows.next().getInteger(0) : 0;
  }

  private long inboxRows(String eventId) {
    return pool.preparedQuery(
            "SELECT count(*) FROM inbox_event WHERE consumer = $1 AND event_id = $2")
        .execute(Tuple.of(NAME, eventId))
        .onFailure()
        .retry()
        .atMost(3)
        .await()
        .atMost(WAIT)
        .iterator()
        .next()
        .getLong(0);
  }

  private double count(String outcome, String type) {
    Counter counter =
        metrics
            .find("kiroku.consumer.messages")
            .tags("consumer", NAME, "type", type, "outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private double retries(String type) {
    Counter counter =
        metrics.find("kiroku.consumer.retries").tags("consumer", NAME, "type", type).counter();
    return counter == null ? 0 : counter.count();
  }
}
