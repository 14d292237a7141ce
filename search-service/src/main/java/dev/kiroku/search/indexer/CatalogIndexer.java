package dev.kiroku.search.indexer;

import dev.kiroku.search.index.IndexStore;
import dev.kiroku.search.index.MediaIndex;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 * Keeps this replica's media index a projection of {@code catalog.media.v1}.
 *
 * <p>One thread ({@code search-indexer}) owns a plain Kafka consumer without a consumer group: it
 * assigns every partition, seeks to the offsets stored in the index's last commit (from the
 * beginning for a new index), replays up to the end offsets seen at start ({@link #caughtUp()} then
 * turns true) and keeps consuming. Changes become searchable by a near-real-time refresh after each
 * batch (at most every second while replaying) and durable, with their offsets, every {@code
 * commitInterval}.
 *
 * <p>{@link #rebuild()} reads the whole topic into a new index aside on another thread, then hands
 * it to the indexer thread, which swaps it in between two batches (searches never see a missing
 * index), continues from the new index's offsets and deletes the old one.
 */
public final class CatalogIndexer {

  private static final Logger LOG = Logger.getLogger(CatalogIndexer.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final long REPLAY_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final IndexStore store;
  private final CatalogEventApplier applier;
  private final Supplier<Consumer<byte[], byte[]>> consumers;
  private final String topic;
  private final Duration commitInterval;

  private final AtomicReference<MediaIndex> current = new AtomicReference<>();
  private final AtomicReference<Swap> pendingSwap = new AtomicReference<>();
  private final AtomicReference<RebuildStatus> rebuild =
      new AtomicReference<>(RebuildStatus.idle());
  private volatile boolean running;
  private volatile boolean caughtUp;
  private volatile Map<Integer, Long> replayTarget = Map.of();
  private volatile Consumer<byte[], byte[]> liveConsumer;
  private Thread thread;

  private record Swap(MediaIndex index, CompletableFuture<Void> done) {}

  /**
   * @param store the replica's index folder
   * @param applier applies records
   * @param consumers new consumers (byte[] keys and values, no group id, no auto commit)
   * @param topic {@code catalog.media.v1}
   * @param commitInterval how often applied changes are committed with their offsets
   */
  public CatalogIndexer(
      IndexStore store,
      CatalogEventApplier applier,
      Supplier<Consumer<byte[], byte[]>> consumers,
      String topic,
      Duration commitInterval) {
    this.store = store;
    this.applier = applier;
    this.consumers = consumers;
    this.topic = topic;
    this.commitInterval = commitInterval;
  }

  /** Opens the current index and starts the indexer thread. */
  public synchronized void start() throws IOException {
    current.set(store.openCurrent());
    running = true;
    thread = new Thread(this::run, "search-indexer");
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
    MediaIndex index = current.getAndSet(null);
    if (index != null) {
      index.commit();
      index.close();
    }
  }

  /** The index searches use now (null before start and after stop). */
  public MediaIndex current() {
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

  /** The latest rebuild's state. */
  public RebuildStatus rebuildStatus() {
    return rebuild.get();
  }

  /**
   * Starts a rebuild from the topic on a new thread.
   *
   * @return the running status, or empty when a rebuild is already running
   */
  public synchronized java.util.Optional<RebuildStatus> rebuild() {
    if (rebuild.get().isRunning()) {
      return java.util.Optional.empty();
    }
    RebuildStatus status = RebuildStatus.running(Instant.now());
    rebuild.set(status);
    Thread worker = new Thread(() -> runRebuild(status.startedAt()), "search-rebuild");
    worker.setDaemon(true);
    worker.start();
    return java.util.Optional.of(status);
  }

  private void run() {
    long lastCommit = System.nanoTime();
    long lastRefresh = System.nanoTime();
    try (Consumer<byte[], byte[]> consumer = consumers.get()) {
      liveConsumer = consumer;
      List<TopicPartition> partitions = List.of();
      while (running) {
        if (partitions.isEmpty()) {
          partitions = TopicPositions.partitions(consumer, topic);
          if (partitions.isEmpty()) {
            caughtUp = true; // nothing to replay yet
            swapIfPending(null, partitions);
            sleep(1000);
            continue;
          }
          consumer.assign(partitions);
          TopicPositions.seek(consumer, partitions, current.get().committedPositions());
          startReplay(consumer, partitions);
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        MediaIndex index = current.get();
        apply(index, records, consumer, partitions);
        long now = System.nanoTime();
        if (!records.isEmpty() && (caughtUp || now - lastRefresh > REPLAY_REFRESH_NANOS)) {
          index.refresh();
          lastRefresh = now;
        }
        if (!caughtUp && TopicPositions.reached(consumer, partitions, replayTarget)) {
          index.commit();
          index.refresh();
          lastCommit = now;
          caughtUp = true;
          LOG.infof(
              "Replay of %s caught up: %d media items at %s",
              topic, index.documentCount(), index.positions());
        }
        if (now - lastCommit > commitInterval.toNanos()
            && !index.positions().equals(index.committedPositions())) {
          index.commit();
          lastCommit = now;
        }
        swapIfPending(consumer, partitions);
      }
    } catch (WakeupException stopping) {
      // stop() woke the consumer up
    } catch (Exception e) {
      LOG.error("Search indexer stopped", e);
    } finally {
      liveConsumer = null;
    }
  }

  private void startReplay(Consumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
    Map<Integer, Long> target = new HashMap<>();
    consumer.endOffsets(partitions).forEach((tp, end) -> target.put(tp.partition(), end));
    replayTarget = Map.copyOf(target);
    caughtUp = TopicPositions.reached(consumer, partitions, replayTarget);
    LOG.infof("Replaying %s from %s to %s", topic, current.get().committedPositions(), target);
  }

  private void swapIfPending(Consumer<byte[], byte[]> consumer, List<TopicPartition> partitions)
      throws IOException {
    Swap swap = pendingSwap.getAndSet(null);
    if (swap == null) {
      return;
    }
    try {
      if (consumer != null && !partitions.isEmpty()) {
        TopicPositions.seek(consumer, partitions, swap.index().positions());
      }
      swap.index().refresh();
      store.promote(swap.index());
      MediaIndex old = current.getAndSet(swap.index());
      old.close();
      store.delete(old);
      swap.done().complete(null);
    } catch (IOException | RuntimeException e) {
      swap.done().completeExceptionally(e);
      throw e;
    }
  }

  private void runRebuild(Instant startedAt) {
    long start = System.nanoTime();
    MediaIndex aside = null;
    try {
      aside = store.createAside();
      try (Consumer<byte[], byte[]> consumer = consumers.get()) {
        List<TopicPartition> partitions = TopicPositions.partitions(consumer, topic);
        if (!partitions.isEmpty()) {
          consumer.assign(partitions);
          consumer.seekToBeginning(partitions);
          Map<Integer, Long> target = new HashMap<>();
          consumer.endOffsets(partitions).forEach((tp, end) -> target.put(tp.partition(), end));
          while (!TopicPositions.reached(consumer, partitions, target)) {
            apply(aside, consumer.poll(POLL), consumer, partitions);
          }
        }
      }
      aside.commit();
      aside.refresh();
      int documents = aside.documentCount();
      Swap swap = new Swap(aside, new CompletableFuture<>());
      pendingSwap.set(swap);
      swap.done().get(60, TimeUnit.SECONDS);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      rebuild.set(new RebuildStatus("DONE", startedAt, Instant.now(), documents, ms, null));
      LOG.infof("Rebuilt the search index from %s: %d media items in %d ms", topic, documents, ms);
    } catch (Exception e) {
      LOG.error("Search index rebuild failed", e);
      rebuild.set(new RebuildStatus("FAILED", startedAt, Instant.now(), null, null, e.toString()));
      if (aside != null && current.get() != aside) {
        try {
          aside.close();
          store.delete(aside);
        } catch (IOException cleanup) {
          LOG.warn("Could not delete the unfinished index", cleanup);
        }
      }
    }
  }

  private void apply(
      MediaIndex index,
      ConsumerRecords<byte[], byte[]> records,
      Consumer<byte[], byte[]> consumer,
      List<TopicPartition> partitions)
      throws IOException {
    for (ConsumerRecord<byte[], byte[]> record : records) {
      applier.apply(index, record);
      index.markPosition(record.partition(), record.offset() + 1);
    }
    // Positions also move past compacted gaps and control records.
    for (TopicPartition tp : partitions) {
      index.markPosition(tp.partition(), consumer.position(tp));
    }
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
