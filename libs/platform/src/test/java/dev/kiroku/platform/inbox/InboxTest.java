package dev.kiroku.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
class InboxTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String CONSUMER = "feed-service.progress-events";

  @Inject Pool pool;
  @Inject Inbox inbox;

  @Test
  void firstTimeTrueThenFalseForTheSameEvent() {
    String eventId = UUID.randomUUID().toString();

    assertThat(mark(CONSUMER, eventId)).isTrue();
    assertThat(mark(CONSUMER, eventId)).isFalse();
    assertThat(rows(CONSUMER, eventId)).isEqualTo(1);
  }

  @Test
  void duplicateWithinOneTransactionIsSeen() {
    String eventId = UUID.randomUUID().toString();

    Boolean second =
        pool.withTransaction(
                tx ->
                    inbox
                        .markProcessed(tx, CONSUMER, eventId)
                        .chain(() -> inbox.markProcessed(tx, CONSUMER, eventId)))
            .await()
            .atMost(WAIT);

    assertThat(second).isFalse();
  }

  @Test
  void rolledBackTransactionLeavesNoRecordSoTheRedeliveryIsProcessed() {
    String eventId = UUID.randomUUID().toString();

    assertThatThrownBy(
            () ->
                pool.withTransaction(
                        tx ->
                            inbox
                                .markProcessed(tx, CONSUMER, eventId)
                                .chain(
                                    first ->
                                        Uni.createFrom()
                                            .failure(new IllegalStateException("effect failed"))))
                    .await()
                    .atMost(WAIT))
        .hasMessageContaining("effect failed");

    assertThat(rows(CONSUMER, eventId)).isZero();
    assertThat(mark(CONSUMER, eventId)).isTrue();
  }

  @Test
  void eachConsumerDeduplicatesOnItsOwn() {
    String eventId = UUID.randomUUID().toString();

    assertThat(mark("feed-service.progress-events", eventId)).isTrue();
    assertThat(mark("social-service.progress-events", eventId)).isTrue();
    assertThat(mark("social-service.progress-events", eventId)).isFalse();
  }

  @Test
  void cleanupDeletesOnlyIdsOlderThanTheCutoff() {
    String consumer = "cleanup-test." + UUID.randomUUID();
    pool.preparedQuery(
            "INSERT INTO inbox_event (consumer, event_id, processed_at)"
                + " SELECT $1, 'old-' || n, now() - interval '40 days'"
                + " FROM generate_series(1, 3) AS n")
        .execute(Tuple.of(consumer))
        .await()
        .atMost(WAIT);
    assertThat(mark(consumer, "recent")).isTrue();

    long deleted =
        inbox.deleteProcessedBefore(Instant.now().minus(Duration.ofDays(35))).await().atMost(WAIT);

    assertThat(deleted).isEqualTo(3);
    assertThat(rows(consumer, "old-1")).isZero();
    assertThat(rows(consumer, "recent")).isEqualTo(1);
    // Forgotten after the retention: a very late duplicate is processed again.
    assertThat(mark(consumer, "old-1")).isTrue();
  }

  @Test
  void defaultRetentionKeepsRecentIds() {
    String eventId = UUID.randomUUID().toString();
    assertThat(mark(CONSUMER, eventId)).isTrue();

    inbox.cleanup().await().atMost(WAIT);

    assertThat(rows(CONSUMER, eventId)).isEqualTo(1);
  }

  private boolean mark(String consumer, String eventId) {
    return pool.withTransaction(tx -> inbox.markProcessed(tx, consumer, eventId))
        .await()
        .atMost(WAIT);
  }

  private long rows(String consumer, String eventId) {
    return pool.preparedQuery(
            "SELECT count(*) FROM inbox_event WHERE consumer = $1 AND event_id = $2")
        .execute(Tuple.of(consumer, eventId))
        .await()
        .atMost(WAIT)
        .iterator()
        .next()
        .getLong(0);
  }
}
