package dev.kiroku.search.indexer;

import dev.kiroku.platform.outbox.CloudEventHeaders;
import dev.kiroku.search.index.PeopleIndex;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Keeps this replica's people index a projection of {@code social.events.v1}, the way {@link
 * CatalogIndexer} keeps the media index: one thread ({@code search-people-indexer}) with a plain
 * Kafka consumer and no consumer group assigns every partition, seeks to the offsets stored in the
 * index's last commit (from the beginning for a new index), replays up to the end offsets seen at
 * start ({@link #caughtUp()} then turns true) and keeps consuming. Changes are searchable after
 * each batch (at most every second while replaying) and durable with their offsets every {@code
 * commitInterval}; a batch that deleted a user is erased from the files and committed at once
 * ({@link PeopleIndex#eraseDeleted}).
 *
 * <p>A record that can never be applied is parked on {@code social.events.v1.dlq} ({@link
 * DeadLetters}) before its offset is stored; while the broker refuses it the indexer waits and
 * tries again (back-off up to 30 s). Metrics: {@code
 * kiroku_consumer_messages_total{consumer="search-service.social-events", type, outcome}}, outcome
 * {@code processed}, {@code stale} (older than the index), {@code skipped}, {@code dead_lettered}.
 */
public final class PeopleIndexer {

  private static final Logger LOG = Logger.getLogger(PeopleIndexer.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final long REPLAY_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Path folder;
  private final SocialEventApplier applier;
  private final DeadLetters deadLetters;
  private final Supplier<Consumer<byte[], byte[]>> consumers;
  private final String topic;
  private final Duration commitInterval;
  private final MeterRegistry metrics;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  private final AtomicReference<PeopleIndex> current = new AtomicReference<>();
  private volatile boolean running;
  private volatile boolean caughtUp;
  private volatile Map<Integer, Long> replayTarget = Map.of();
  private volatile Consumer<byte[], byte[]> liveConsumer;
  private Thread thread;

  /**
   * @param folder the people index folder
   * @param consumers new consumers (byte[] keys and values, no group id, no auto commit)
   * @param topic {@code social.events.v1}
   * @param commitInterval how often applied changes are committed with their offsets
   * @param metrics where the message counters go; null counts nothing
   */
  public PeopleIndexer(
      Path folder,
      SocialEventApplier applier,
      DeadLetters deadLetters,
      Supplier<Consumer<byte[], byte[]>> consumers,
      String topic,
      Duration commitInterval,
      MeterRegistry metrics) {
    this.folder = folder;
    this.applier = applier;
    this.deadLetters = deadLetters;
    this.consumers = consumers;
    this.topic = topic;
    this.commitInterval = commitInterval;
    this.metrics = metrics;
  }

  /** Opens the index and starts the indexer thread. */
  public synchronized void start() throws IOException {
    java.nio.file.Files.createDirectories(folder);
    current.set(PeopleIndex.open(folder));
    running = true;
    thread = new Thread(this::run, "search-people-indexer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops the thread, commits what was applied, closes the index. */
  public synchronized void stop() throws IOException, InterruptedException {
    running = false;
    Consumer<byte[], byte[]> consumer = liveConsumer;
    if (consumer != null) {
      consumer.wakeup();
    }
    if (thread != null) {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    }
    deadLetters.close();
    PeopleIndex index = current.getAndSet(null);
    if (index != null) {
      if (index.erasurePending()) {
        index.eraseDeleted();
      } else {
        index.commit();
      }
      index.close();
    }
  }

  /** The index searches use now (null before start and after stop). */
  public PeopleIndex current() {
    return current.get();
  }

  /** True once the initial replay reached the end offsets seen at start (or there is no topic). */
  public boolean caughtUp() {
    return caughtUp;
  }

  /** End offsets per partition the initial replay has to reach. */
  public Map<Integer, Long> replayTarget() {
    return replayTarget;
  }

  private void run() {
    long lastCommit = System.nanoTime();
    long lastRefresh = System.nanoTime();
    try (Consumer<byte[], byte[]> consumer = consumers.get()) {
      liveConsumer = consumer;
      List<TopicPartition> partitions = List.of();
      PeopleIndex index = current.get();
      while (running) {
        if (partitions.isEmpty()) {
          partitions = TopicPositions.partitions(consumer, topic);
          if (partitions.isEmpty()) {
            caughtUp = true; // nothing to replay yet
            sleep(1000);
            continue;
          }
          consumer.assign(partitions);
          TopicPositions.seek(consumer, partitions, index.committedPositions());
          Map<Integer, Long> target = new HashMap<>();
          consumer.endOffsets(partitions).forEach((tp, end) -> target.put(tp.partition(), end));
          replayTarget = Map.copyOf(target);
          caughtUp = TopicPositions.reached(consumer, partitions, replayTarget);
          LOG.infof("Replaying %s from %s to %s", topic, index.committedPositions(), target);
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        for (ConsumerRecord<byte[], byte[]> record : records) {
          apply(index, record);
          index.markPosition(record.partition(), record.offset() + 1);
        }
        for (TopicPartition tp : partitions) {
          index.markPosition(tp.partition(), consumer.position(tp));
        }
        long now = System.nanoTime();
        if (index.erasurePending()) {
          index.eraseDeleted(); // a deleted user's data leaves the files now, not at a merge
          lastCommit = now;
          lastRefresh = now;
        } else if (!records.isEmpty() && (caughtUp || now - lastRefresh > REPLAY_REFRESH_NANOS)) {
          index.refresh();
          lastRefresh = now;
        }
        if (!caughtUp && TopicPositions.reached(consumer, partitions, replayTarget)) {
          index.commit();
          index.refresh();
          lastCommit = now;
          caughtUp = true;
          LOG.infof(
              "Replay of %s caught up: %d public profiles at %s",
              topic, index.peopleCount(), index.positions());
        }
        if (now - lastCommit > commitInterval.toNanos()
            && !index.positions().equals(index.committedPositions())) {
          index.commit();
          lastCommit = now;
        }
      }
    } catch (WakeupException | InterruptedException stopping) {
      // stop() woke the consumer up
    } catch (Exception e) {
      LOG.error("People indexer stopped", e);
    } finally {
      liveConsumer = null;
    }
  }

  private void apply(PeopleIndex index, ConsumerRecord<byte[], byte[]> record)
      throws IOException, InterruptedException {
    String type = SocialEventApplier.header(record, CloudEventHeaders.TYPE);
    try {
      SocialEventApplier.Outcome outcome = applier.apply(index, record);
      count(type, outcome.name().toLowerCase(java.util.Locale.ROOT));
    } catch (SocialEventApplier.PoisonRecordException poison) {
      LOG.warnf(
          "Parking %s-%d@%d (%s) on %s.dlq: %s",
          record.topic(),
          record.partition(),
          record.offset(),
          SocialEventApplier.header(record, CloudEventHeaders.ID),
          record.topic(),
          poison.getMessage());
      park(record, poison);
      count(type, "dead_lettered");
    }
  }

  private void park(ConsumerRecord<byte[], byte[]> record, Exception poison)
      throws InterruptedException {
    long backoff = 200;
    for (int attempt = 1; ; attempt++) {
      try {
        deadLetters.park(record, poison.getMessage(), poison.getCause());
        return;
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        if (!running) {
          throw new InterruptedException("stopping while parking a record");
        }
        if (attempt == 1 || attempt % 20 == 0) {
          LOG.warnf(
              e,
              "Could not park %s-%d@%d yet (attempt %d)",
              record.topic(),
              record.partition(),
              record.offset(),
              attempt);
        }
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff);
        while (running && System.nanoTime() < until) {
          Thread.sleep(100);
        }
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
  }

  private void count(String type, String outcome) {
    if (metrics == null) {
      return;
    }
    String shown = type == null ? "(none)" : type;
    counters
        .computeIfAbsent(
            outcome + '\n' + shown,
            k ->
                Counter.builder("kiroku.consumer.messages")
                    .description("Messages a consumer finished, by outcome")
                    .tag("consumer", SocialEventApplier.CONSUMER)
                    .tag("type", shown)
                    .tag("outcome", outcome)
                    .register(metrics))
        .increment();
  }

  private void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
