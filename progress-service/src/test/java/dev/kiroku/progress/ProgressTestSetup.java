package dev.kiroku.progress;

import dev.kiroku.contracts.Topic;
import dev.kiroku.testing.KafkaTestBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the three topics on the embedded broker before the service starts (so its consumers find
 * them), and points the catalog-service client at a closed port: a projection miss then answers
 * 503.
 */
public class ProgressTestSetup implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      var existing = admin.listTopics().names().get();
      List<NewTopic> topics =
          java.util.Arrays.stream(Topic.values())
              .filter(t -> !existing.contains(t.topicName()))
              .map(t -> new NewTopic(t.topicName(), t.partitions(), (short) 1))
              .toList();
      admin.createTopics(topics).all().get();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot create test topics", e);
    }
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of("quarkus.rest-client.catalog.url", "http://127.0.0.1:" + closed);
  }

  @Override
  public void stop() {}
}
