package dev.kiroku.search.indexer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.contracts.Topic;
import dev.kiroku.search.config.SearchConfig;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts this replica's {@link PeopleIndexer} (people index in {@code <index-dir>/people}, fed by
 * {@code social.events.v1}) with the application and stops it (committing) on shutdown. Like the
 * catalog's, its consumer has no group id: every replica reads the whole topic into its own index
 * and keeps its offsets in that index.
 */
@ApplicationScoped
public class PeopleIndexerLifecycle {

  /** Sub-folder of {@code kiroku.search.index-dir} holding the people index. */
  public static final String FOLDER = "people";

  private final PeopleIndexer indexer;

  public PeopleIndexerLifecycle(
      SearchConfig config,
      ObjectMapper json,
      MeterRegistry metrics,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    // most of social.events.v1 is follows and list changes this index skips: fetches of at least
    // 64 KiB or every 500 ms cost the broker and this service far fewer round trips under load
    props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 65536);
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
    Map<String, Object> producerProps = new HashMap<>();
    producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "search-people-dlq-" + UUID.randomUUID());
    this.indexer =
        new PeopleIndexer(
            config.indexDir().resolve(FOLDER),
            new SocialEventApplier(json),
            new DeadLetters(SocialEventApplier.CONSUMER, () -> new KafkaProducer<>(producerProps)),
            () -> {
              Map<String, Object> own = new HashMap<>(props);
              own.put(
                  ConsumerConfig.CLIENT_ID_CONFIG, "search-people-indexer-" + UUID.randomUUID());
              return new KafkaConsumer<>(own);
            },
            Topic.SOCIAL_EVENTS.topicName(),
            config.commitInterval(),
            metrics);
  }

  void onStart(@Observes StartupEvent event) throws IOException {
    indexer.start();
  }

  void onStop(@Observes ShutdownEvent event) throws IOException, InterruptedException {
    indexer.stop();
  }

  /** The running indexer. */
  public PeopleIndexer indexer() {
    return indexer;
  }
}
