package dev.kiroku.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Commit-to-Kafka latency at a steady rate: each event is appended in its own transaction, and
 * latency runs from the commit's completion to the record's arrival at a consumer (same JVM, same
 * clock). Opt in: {@code ./mvnw -o verify -pl libs/platform -Dtest=OutboxRelayBenchmarkTest
 * -Dbench.outbox=true [-Dbench.outbox.rate=3000 -Dbench.outbox.seconds=20]}.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
@EnabledIfSystemProperty(named = "bench.outbox", matches = "true")
class OutboxRelayBenchmarkTest {

  private static final Logger LOG = Logger.getLogger(OutboxRelayBenchmarkTest.class);

  @Inject Pool pool;
  @Inject Outbox outbox;

  @Test
  void commitToKafkaLatencyAtSteadyRate() throws Exception {
    int rate = Integer.getInteger("bench.outbox.rate", 3000);
    int seconds = Integer.getInteger("bench.outbox.seconds", 20);
    String topic = "bench.outbox." + UUID.randomUUID();
    TestKafka.createTopic(topic, 6);
    Map<String, Long> committedAt = new ConcurrentHashMap<>();
    List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean consuming = new AtomicBoolean(true);
    AtomicInteger received = new AtomicInteger();
    Thread consumer =
        new Thread(() -> consume(topic, committedAt, latenciesMicros, received, consuming));
    consumer.start();

    Semaphore inFlight = new Semaphore(64);
    AtomicInteger failed = new AtomicInteger();
    int total = rate * seconds;
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long due = start + (long) i * 1_000_000_000L / rate;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      inFlight.acquire();
      OutboxEvent event =
          OutboxEvent.of(
              topic,
              "user-" + (i % 500),
              "kiroku.progress.entry-updated.v1",
              "/progress-service",
              null,
              "{\"userId\":\"user-"
                  + (i % 500)
                  + "\",\"progress\":"
                  + i
                  + ",\"pad\":\""
                  + "x".repeat(120)
                  + "\"}");
      pool.withTransaction(tx -> outbox.append(tx, event))
          .subscribe()
          .with(
              ok -> {
                committedAt.put(event.id().toString(), System.nanoTime());
                inFlight.release();
              },
              failure -> {
                failed.incrementAndGet();
                inFlight.release();
              });
    }
    double sendSeconds = (System.nanoTime() - start) / 1e9;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (received.get() < total - failed.get() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    consuming.set(false);
    consumer.join();

    List<Long> sorted = new ArrayList<>(latenciesMicros);
    Collections.sort(sorted);
    LOG.infof(
        "Outbox bench: %d events offered at %d/s, committed at %.0f/s, %d failed, %d received;"
            + " commit->consumer latency ms p50=%.1f p95=%.1f p99=%.1f max=%.1f",
        total,
        rate,
        (total - failed.get()) / sendSeconds,
        failed.get(),
        received.get(),
        percentile(sorted, 0.50),
        percentile(sorted, 0.95),
        percentile(sorted, 0.99),
        percentile(sorted, 1.0));
    assertThat(failed.get()).isZero();
    assertThat(received.get()).isEqualTo(total);
  }

  private static void consume(
      String topic,
      Map<String, Long> committedAt,
      List<Long> latenciesMicros,
      AtomicInteger received,
      AtomicBoolean consuming) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (consuming.get()) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
          long now = System.nanoTime();
          String id = TestKafka.header(record, CloudEventHeaders.ID);
          Long committed = committedAt.get(id);
          // A record can arrive before the commit callback ran; count that as 0.
          latenciesMicros.add(committed == null ? 0 : Math.max(0, (now - committed) / 1_000));
          received.incrementAndGet();
        }
      }
    }
  }

  private static double percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int index = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
    return sorted.get(Math.max(0, index)) / 1000.0;
  }
}
