package dev.kiroku.search.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.search.CatalogEventProducer;
import dev.kiroku.search.index.IndexStore;
import dev.kiroku.search.index.MediaIndex;
import dev.kiroku.search.index.MediaSearcher;
import dev.kiroku.search.service.SearchRequest;
import dev.kiroku.testing.KafkaTestBroker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexer against the embedded Kafka broker, without Quarkus: a restarted indexer reopens its
 * index and resumes from the offsets stored in it (it re-reads nothing it had committed).
 */
class CatalogIndexerTest {

  @TempDir Path folder;

  /** Counts the records it applies. */
  static final class CountingApplier extends CatalogEventApplier {
    final AtomicInteger applied = new AtomicInteger();

    CountingApplier() {
      super(CatalogEventProducer.JSON);
    }

    @Override
    public Outcome apply(MediaIndex index, ConsumerRecord<byte[], byte[]> record)
        throws IOException {
      applied.incrementAndGet();
      return super.apply(index, record);
    }
  }

  CatalogIndexer indexer(String topic, CatalogEventApplier applier) {
    String bootstrap = KafkaTestBroker.bootstrapServers();
    return new CatalogIndexer(
        new IndexStore(folder, CatalogEventProducer.JSON),
        applier,
        () -> {
          Map<String, Object> props = new HashMap<>();
          props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
          props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
          props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
          props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
          props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
          return new KafkaConsumer<>(props);
        },
        topic,
        Duration.ofMillis(200));
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("condition within 30 s").isBefore(deadline);
      Thread.sleep(50);
    }
  }

  static long hits(CatalogIndexer indexer, String q) {
    try {
      return new MediaSearcher().search(indexer.current(), SearchRequest.of(q)).total();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void restartResumesFromTheOffsetsStoredWithTheIndex() throws Exception {
    String topic = "catalog.media.test-" + UUID.randomUUID();
    String bootstrap = KafkaTestBroker.bootstrapServers();
    CatalogEventProducer.createTopic(bootstrap, topic);
    try (CatalogEventProducer events = new CatalogEventProducer(bootstrap, topic)) {
      for (int i = 0; i < 30; i++) {
        events.upsert(
            CatalogEventProducer.media(
                UUID.randomUUID(),
                MediaType.BOOK,
                "Firstbatch " + i,
                null,
                2000,
                null,
                List.of(),
                i));
      }
      CountingApplier first = new CountingApplier();
      CatalogIndexer indexer = indexer(topic, first);
      indexer.start();
      await(indexer::caughtUp);
      assertThat(first.applied.get()).isEqualTo(30);
      assertThat(hits(indexer, "firstbatch")).isEqualTo(30);
      Map<Integer, Long> positions = indexer.current().positions();
      assertThat(positions.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(30);
      indexer.stop();

      // While it is down: 5 more upserts and one removal.
      UUID removed = UUID.randomUUID();
      events.upsert(
          CatalogEventProducer.media(
              removed, MediaType.BOOK, "Secondbatch removed", null, 2001, null, List.of(), 1));
      for (int i = 0; i < 4; i++) {
        events.upsert(
            CatalogEventProducer.media(
                UUID.randomUUID(),
                MediaType.BOOK,
                "Secondbatch " + i,
                null,
                2001,
                null,
                List.of(),
                i));
      }
      events.remove(removed, MediaType.BOOK);

      CountingApplier second = new CountingApplier();
      CatalogIndexer restarted = indexer(topic, second);
      restarted.start();
      assertThat(restarted.current().committedPositions()).isEqualTo(positions);
      await(restarted::caughtUp);
      await(() -> hits(restarted, "secondbatch") == 4);
      // Only the 6 new records were read: the 30 committed ones were not replayed.
      assertThat(second.applied.get()).isEqualTo(6);
      assertThat(hits(restarted, "firstbatch")).isEqualTo(30);
      restarted.stop();
    }
  }

  @Test
  void rebuildReplaysTheTopicIntoANewFolderAndSwapsIt() throws Exception {
    String topic = "catalog.media.test-" + UUID.randomUUID();
    String bootstrap = KafkaTestBroker.bootstrapServers();
    CatalogEventProducer.createTopic(bootstrap, topic);
    try (CatalogEventProducer events = new CatalogEventProducer(bootstrap, topic)) {
      for (int i = 0; i < 10; i++) {
        events.upsert(
            CatalogEventProducer.media(
                UUID.randomUUID(),
                MediaType.GAME,
                "Swapgame " + i,
                null,
                2010,
                null,
                List.of(),
                i));
      }
      CatalogIndexer indexer = indexer(topic, new CountingApplier());
      indexer.start();
      await(indexer::caughtUp);
      Path before = indexer.current().folder();
      assertThat(indexer.rebuild()).isPresent();
      await(() -> !indexer.rebuildStatus().isRunning());
      assertThat(indexer.rebuildStatus().state()).isEqualTo("DONE");
      assertThat(indexer.rebuildStatus().documents()).isEqualTo(10);
      assertThat(indexer.current().folder()).isNotEqualTo(before);
      assertThat(before).doesNotExist();
      assertThat(hits(indexer, "swapgame")).isEqualTo(10);
      events.upsert(
          CatalogEventProducer.media(
              UUID.randomUUID(), MediaType.GAME, "Swapgame late", null, 2010, null, List.of(), 1));
      await(() -> hits(indexer, "swapgame") == 11);
      indexer.stop();

      // The swapped-in generation is the one a restart opens.
      CatalogIndexer restarted = indexer(topic, new CountingApplier());
      restarted.start();
      await(restarted::caughtUp);
      assertThat(hits(restarted, "swapgame")).isEqualTo(11);
      restarted.stop();
    }
  }
}
