package dev.kiroku.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroku.testing.PostgresTestDatabase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Relay rounds without Quarkus and without a running relay, so the test decides exactly what each
 * replica holds: real PostgreSQL (own database, platform migration applied) and the test broker.
 */
class OutboxPublisherTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private static PostgresTestDatabase database;
  private static Map<String, String> db;
  private static Vertx vertx;
  private static Pool pool;
  private static final Outbox outbox = new Outbox(null, false);
  private static final List<KafkaProducer<byte[], byte[]>> producers = new ArrayList<>();
  private static final List<ExecutorService> executors = new ArrayList<>();
  private static final List<Duration> lags = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    database = new PostgresTestDatabase();
    db = database.start();
    try (Connection c = jdbc();
        Statement s = c.createStatement();
        InputStream sql =
            OutboxPublisherTest.class.getResourceAsStream("/db/platform/V0_1__outbox_inbox.sql")) {
      s.execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
    }
    vertx = Vertx.vertx();
    PgConnectOptions options =
        PgConnectOptions.fromUri(db.get("quarkus.datasource.reactive.url"))
            .setUser(db.get("quarkus.datasource.username"))
            .setPassword(db.get("quarkus.datasource.password"));
    pool =
        Pool.newInstance(
            PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(8))
                .connectingTo(options)
                .using(vertx.getDelegate())
                .build());
  }

  @AfterAll
  static void stop() {
    producers.forEach(p -> p.close(Duration.ofSeconds(5)));
    executors.forEach(ExecutorService::shutdownNow);
    if (pool != null) {
      pool.closeAndAwait();
    }
    if (vertx != null) {
      vertx.closeAndAwait();
    }
    if (database != null) {
      database.stop();
    }
  }

  @BeforeEach
  void emptyOutbox() throws SQLException {
    try (Connection c = jdbc();
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM outbox_event");
    }
  }

  @Test
  void rowBehindAnotherReplicasRowOfTheSameKeyWaitsForIt() throws Exception {
    String topic = "test.held." + UUID.randomUUID();
    TestKafka.createTopic(topic, 1);
    List<OutboxEvent> events =
        List.of(
            OutboxRelayTest.event(topic, "A", 1),
            OutboxRelayTest.event(topic, "B", 1),
            OutboxRelayTest.event(topic, "A", 2),
            OutboxRelayTest.event(topic, "B", 2),
            OutboxRelayTest.event(topic, "A", 3));
    append(events);
    OutboxPublisher publisher = publisher(100);

    try (Connection otherReplica = jdbc()) {
      otherReplica.setAutoCommit(false);
      try (PreparedStatement lock =
          otherReplica.prepareStatement("SELECT seq FROM outbox_event WHERE id = ? FOR UPDATE")) {
        lock.setObject(1, events.get(0).id());
        lock.executeQuery().close();
      }

      OutboxPublisher.Result first = publisher.publishBatch().await().atMost(WAIT);

      assertThat(first.claimed()).isEqualTo(4);
      assertThat(first.published()).isEqualTo(2);
      assertThat(first.blocked()).isEqualTo(2);
      assertThat(first.failed()).isZero();
      assertThat(unpublishedIds())
          .containsExactlyInAnyOrder(id(events, 0), id(events, 2), id(events, 4));
      otherReplica.rollback(); // it released A-1 without publishing it
    }

    OutboxPublisher.Result second = publisher.publishBatch().await().atMost(WAIT);

    assertThat(second.published()).isEqualTo(3);
    assertThat(second.blocked()).isZero();
    List<ConsumerRecord<String, String>> records =
        TestKafka.consume(topic, WAIT, r -> r.size() >= 5);
    assertThat(TestKafka.ids(records))
        .containsExactly(id(events, 1), id(events, 3), id(events, 0), id(events, 2), id(events, 4));
    assertThat(unpublishedIds()).isEmpty();
  }

  @Test
  void competingReplicasKeepOrderPerKeyAndPublishEachEventOnce() throws Exception {
    String topic = "test.replicas." + UUID.randomUUID();
    TestKafka.createTopic(topic, 3);
    List<OutboxPublisher> replicas = List.of(publisher(7), publisher(11), publisher(13));
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService threads = Executors.newFixedThreadPool(replicas.size());
    executors.add(threads);
    List<Future<Integer>> published = new ArrayList<>();
    for (OutboxPublisher replica : replicas) {
      published.add(
          threads.submit(
              () -> {
                int total = 0;
                while (true) {
                  boolean lastCall = !writing.get();
                  OutboxPublisher.Result r = replica.publishBatch().await().atMost(WAIT);
                  total += r.published();
                  if (r.claimed() == 0) {
                    if (lastCall && unpublishedIds().isEmpty()) {
                      return total;
                    }
                    Thread.sleep(2);
                  }
                }
              }));
    }
    List<String> keys = List.of("k1", "k2", "k3", "k4", "k5");
    Map<String, Integer> next = new HashMap<>();
    for (int tx = 0; tx < 100; tx++) {
      List<OutboxEvent> batch = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        String key = keys.get((tx * 3 + i) % keys.size());
        batch.add(OutboxRelayTest.event(topic, key, next.merge(key, 1, Integer::sum)));
      }
      append(batch);
    }
    writing.set(false);
    List<Integer> perReplica = new ArrayList<>();
    for (Future<Integer> f : published) {
      perReplica.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
    }

    assertThat(perReplica.stream().mapToInt(Integer::intValue).sum()).isEqualTo(500);
    assertThat(perReplica.stream().filter(n -> n > 0).count())
        .as("replicas that published, of %s", perReplica)
        .isGreaterThan(1);
    List<ConsumerRecord<String, String>> records =
        TestKafka.consume(topic, Duration.ofSeconds(30), r -> r.size() >= 500);
    assertThat(records).hasSize(500);
    Map<String, List<Integer>> seen = new HashMap<>();
    for (ConsumerRecord<String, String> record : records) {
      seen.computeIfAbsent(record.key(), k -> new ArrayList<>())
          .add(OutboxRelayTest.number(record.value()));
    }
    for (String key : keys) {
      assertThat(seen.get(key))
          .as("order of key %s", key)
          .isSorted()
          .doesNotHaveDuplicates()
          .hasSize(next.get(key));
    }
  }

  @Test
  void eventTheBrokerRejectsStaysUnpublishedAndOthersGoOut() throws Exception {
    String topic = "test.rejected." + UUID.randomUUID();
    TestKafka.createTopic(topic, 1);
    OutboxEvent rejected = OutboxRelayTest.event("not a valid topic!", "A", 1);
    OutboxEvent accepted = OutboxRelayTest.event(topic, "B", 1);
    append(List.of(rejected, accepted));

    OutboxPublisher.Result result = publisher(10).publishBatch().await().atMost(WAIT);

    assertThat(result.published()).isEqualTo(1);
    assertThat(result.failed()).isEqualTo(1);
    assertThat(result.failure()).isNotNull();
    assertThat(unpublishedIds()).containsExactly(rejected.id().toString());
    assertThat(TestKafka.ids(TestKafka.consume(topic, WAIT, r -> !r.isEmpty())))
        .containsExactly(accepted.id().toString());
  }

  @Test
  void withoutRetentionAcknowledgedRowsAreDeletedAndRejectedOnesStay() throws Exception {
    String topic = "test.deleted." + UUID.randomUUID();
    TestKafka.createTopic(topic, 1);
    OutboxEvent rejected = OutboxRelayTest.event("not a valid topic!", "A", 1);
    List<OutboxEvent> accepted =
        List.of(
            OutboxRelayTest.event(topic, "B", 1),
            OutboxRelayTest.event(topic, "B", 2),
            OutboxRelayTest.event(topic, "C", 1));
    List<OutboxEvent> all = new ArrayList<>(accepted);
    all.add(0, rejected);
    append(all);
    lags.clear();

    OutboxPublisher.Result result = publisher(10, false).publishBatch().await().atMost(WAIT);

    assertThat(result.published()).isEqualTo(3);
    assertThat(result.failed()).isEqualTo(1);
    assertThat(TestKafka.ids(TestKafka.consume(topic, WAIT, r -> r.size() >= 3)))
        .containsExactly(id(accepted, 0), id(accepted, 1), id(accepted, 2));
    try (Connection c = jdbc();
        Statement s = c.createStatement();
        var rows = s.executeQuery("SELECT id, published_at FROM outbox_event")) {
      assertThat(rows.next()).as("the rejected row stays").isTrue();
      assertThat(rows.getString("id")).isEqualTo(rejected.id().toString());
      assertThat(rows.getObject("published_at")).isNull();
      assertThat(rows.next()).as("acknowledged rows are deleted").isFalse();
    }
    // one lag per acknowledged event: occurred_at (set when appended, above) to the ack
    assertThat(lags).hasSize(3).allSatisfy(l -> assertThat(l).isPositive().isLessThan(WAIT));
  }

  @Test
  void notifyingOutboxNotifiesAtCommitAndNeverOnRollback() {
    Outbox notifying = new Outbox(null, true);
    List<String> notifications = new java.util.concurrent.CopyOnWriteArrayList<>();
    SqlConnection listener = pool.getConnection().await().atMost(WAIT);
    try {
      PgConnection.cast(listener).notificationHandler(n -> notifications.add(n.getChannel()));
      listener.query("LISTEN " + OutboxRelay.CHANNEL).execute().await().atMost(WAIT);

      pool.withTransaction(
              tx ->
                  notifying
                      .append(tx, OutboxRelayTest.event("t", "A", 1))
                      .chain(() -> Uni.createFrom().failure(new IllegalStateException("rollback"))))
          .onFailure()
          .recoverWithNull()
          .await()
          .atMost(WAIT);
      pool.withTransaction(
              tx ->
                  notifying.append(
                      tx,
                      List.of(
                          OutboxRelayTest.event("t", "A", 2), OutboxRelayTest.event("t", "A", 3))))
          .await()
          .atMost(WAIT);

      // One transaction, one notification; none for the rolled-back one.
      org.awaitility.Awaitility.await()
          .atMost(WAIT)
          .untilAsserted(() -> assertThat(notifications).containsExactly(OutboxRelay.CHANNEL));
      assertThat(unpublishedIds()).hasSize(2);
    } finally {
      listener.query("UNLISTEN *").execute().await().atMost(WAIT);
      listener.closeAndAwait();
    }
  }

  @Test
  void cleanupDeletesOnlyPublishedRowsOlderThanTheCutoff() throws Exception {
    try (Connection c = jdbc();
        Statement s = c.createStatement()) {
      // 10,005 rows published two days ago: more than one cleanup statement's worth.
      s.execute(
          "INSERT INTO outbox_event (id, topic, event_key, type, source, payload, occurred_at,"
              + " published_at) SELECT gen_random_uuid(), 'old', 'k', 't', '/s', '{}',"
              + " now() - interval '2 days', now() - interval '2 days'"
              + " FROM generate_series(1, 10005)");
      s.execute(
          "INSERT INTO outbox_event (id, topic, event_key, type, source, payload, occurred_at,"
              + " published_at) VALUES"
              + " (gen_random_uuid(), 'recent', 'k', 't', '/s', '{}', now(), now()),"
              + " (gen_random_uuid(), 'unpublished', 'k', 't', '/s', '{}',"
              + " now() - interval '30 days', NULL)");
    }

    long deleted =
        OutboxRelay.deletePublishedBefore(pool, Instant.now().minus(Duration.ofDays(1)))
            .await()
            .atMost(WAIT);

    assertThat(deleted).isEqualTo(10_005);
    try (Connection c = jdbc();
        Statement s = c.createStatement();
        var rows = s.executeQuery("SELECT topic FROM outbox_event ORDER BY topic")) {
      List<String> left = new ArrayList<>();
      while (rows.next()) {
        left.add(rows.getString(1));
      }
      assertThat(left).containsExactly("recent", "unpublished");
    }
  }

  private static OutboxPublisher publisher(int batchSize) {
    return publisher(batchSize, true);
  }

  private static OutboxPublisher publisher(int batchSize, boolean keepPublished) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    producers.add(producer);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    executors.add(thread);
    return new OutboxPublisher(pool, producer, thread, batchSize, keepPublished, lags::add);
  }

  private static void append(List<OutboxEvent> events) {
    pool.withTransaction(tx -> outbox.append(tx, events)).await().atMost(WAIT);
  }

  private static List<String> unpublishedIds() {
    List<String> ids = new ArrayList<>();
    pool.query("SELECT id FROM outbox_event WHERE published_at IS NULL ORDER BY seq")
        .execute()
        .await()
        .atMost(WAIT)
        .forEach(row -> ids.add(row.getUUID("id").toString()));
    return ids;
  }

  private static String id(List<OutboxEvent> events, int index) {
    return events.get(index).id().toString();
  }

  private static Connection jdbc() throws SQLException {
    return DriverManager.getConnection(
        db.get("quarkus.datasource.jdbc.url"),
        db.get("quarkus.datasource.username"),
        db.get("quarkus.datasource.password"));
  }
}
