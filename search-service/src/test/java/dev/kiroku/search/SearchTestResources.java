package dev.kiroku.search;

import dev.kiroku.contracts.Topic;
import dev.kiroku.testing.KafkaTestBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Creates {@code catalog.media.v1} (3 partitions, compacted), {@code social.events.v1} (6
 * partitions) and its dead-letter topic on the embedded broker before the service starts, and gives
 * the service a fresh index folder.
 */
public class SearchTestResources implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    try {
      CatalogEventProducer.createTopic(
          KafkaTestBroker.bootstrapServers(), Topic.CATALOG_MEDIA.topicName());
      KafkaTestBroker.ensureTopics(
          Map.of(
              Topic.SOCIAL_EVENTS.topicName(),
              Topic.SOCIAL_EVENTS.partitions(),
              Topic.SOCIAL_EVENTS.dlqName(),
              Topic.DLQ_PARTITIONS));
      Path folder = Files.createTempDirectory("search-index-test");
      return Map.of(
          "kiroku.search.index-dir", folder.toString(), "kiroku.search.commit-interval", "1s");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void stop() {}
}
