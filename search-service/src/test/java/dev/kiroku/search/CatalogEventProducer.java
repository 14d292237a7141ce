package dev.kiroku.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kiroku.contracts.catalog.MediaRemoved;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.catalog.ReleaseStatus;
import dev.kiroku.platform.outbox.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Test helper: produces catalog events the way catalog-service's outbox relay does. */
public final class CatalogEventProducer implements AutoCloseable {

  public static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;

  public CatalogEventProducer(String bootstrapServers, String topic) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.producer = new KafkaProducer<>(props);
    this.topic = topic;
  }

  /** Creates a compacted topic with 3 partitions unless it exists. */
  public static void createTopic(String bootstrapServers, String topic) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      if (!admin.listTopics().names().get().contains(topic)) {
        admin
            .createTopics(
                List.of(
                    new NewTopic(topic, 3, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
            .all()
            .get();
      }
      // Wait until every partition has a leader.
      for (int i = 0; i < 100; i++) {
        var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        if (description.partitions().stream().allMatch(p -> p.leader() != null)) {
          return;
        }
        Thread.sleep(100);
      }
    }
  }

  /** A snapshot with the given titles and facets. */
  public static MediaSnapshot media(
      UUID id,
      MediaType type,
      String title,
      String nativeTitle,
      int year,
      String format,
      List<String> genres,
      int popularity) {
    return new MediaSnapshot(
        id,
        type,
        null,
        new MediaSnapshot.Titles(title, title, nativeTitle, null, List.of()),
        null,
        null,
        LocalDate.of(year, 4, 1),
        null,
        ReleaseStatus.FINISHED,
        format,
        genres,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        null,
        popularity,
        80,
        Map.of(),
        "test",
        Instant.now(),
        List.of());
  }

  public void upsert(MediaSnapshot media) throws Exception {
    send(
        media.id(),
        dev.kiroku.contracts.catalog.CatalogEvents.MEDIA_UPSERTED,
        JSON.writeValueAsBytes(media));
  }

  public void remove(UUID id, MediaType type) throws Exception {
    send(
        id,
        dev.kiroku.contracts.catalog.CatalogEvents.MEDIA_REMOVED,
        JSON.writeValueAsBytes(new MediaRemoved(id, type, Instant.now())));
  }

  /** A record whose payload is not JSON (must be skipped, not stop the indexer). */
  public void garbage(UUID id) throws Exception {
    send(
        id,
        dev.kiroku.contracts.catalog.CatalogEvents.MEDIA_UPSERTED,
        "not json".getBytes(StandardCharsets.UTF_8));
  }

  private void send(UUID key, String type, byte[] payload) throws Exception {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(topic, key.toString().getBytes(StandardCharsets.UTF_8), payload);
    record.headers().add(CloudEventHeaders.SPEC_VERSION, utf8(CloudEventHeaders.SPEC_VERSION_1_0));
    record.headers().add(CloudEventHeaders.ID, utf8(UUID.randomUUID().toString()));
    record.headers().add(CloudEventHeaders.TYPE, utf8(type));
    record
        .headers()
        .add(CloudEventHeaders.SOURCE, utf8(dev.kiroku.contracts.catalog.CatalogEvents.SOURCE));
    record.headers().add(CloudEventHeaders.TIME, utf8(Instant.now().toString()));
    record.headers().add(CloudEventHeaders.CONTENT_TYPE, utf8(CloudEventHeaders.APPLICATION_JSON));
    producer.send(record).get();
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    producer.close();
  }
}
