package dev.kiroku.search.indexer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.contracts.Topic;
import dev.kiroku.search.config.SearchConfig;
import dev.kiroku.search.index.IndexStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts this replica's {@link CatalogIndexer} with the application and stops it (committing) on
 * shutdown. The consumers have no group id: every replica reads the whole topic into its own index
 * and keeps its offsets in that index, never in Kafka.
 */
@ApplicationScoped
public class IndexerLifecycle {

  private final CatalogIndexer indexer;

  public IndexerLifecycle(
      SearchConfig config,
      ObjectMapper json,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    this.indexer =
        new CatalogIndexer(
            new IndexStore(config.indexDir(), json),
            new CatalogEventApplier(json),
            () -> {
              Map<String, Object> own = new HashMap<>(props);
              own.put(ConsumerConfig.CLIENT_ID_CONFIG, "search-indexer-" + UUID.randomUUID());
              return new KafkaConsumer<>(own);
            },
            Topic.CATALOG_MEDIA.topicName(),
            config.commitInterval());
  }

  void onStart(@Observes StartupEvent event) throws IOException {
    indexer.start();
  }

  void onStop(@Observes ShutdownEvent event) throws IOException, InterruptedException {
    indexer.stop();
  }

  /** The running indexer. */
  public CatalogIndexer indexer() {
    return indexer;
  }
}
