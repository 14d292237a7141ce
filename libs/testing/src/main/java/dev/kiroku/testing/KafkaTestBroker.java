package dev.kiroku.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.embeddedkafka.EmbeddedK;
import io.github.embeddedkafka.EmbeddedKafka;
import io.github.embeddedkafka.EmbeddedKafkaConfig;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real Apache Kafka broker (KRaft) inside the test JVM, on free loopback ports. One broker serves
 * every test class of a module: it starts with the first and stops when the JVM exits.
 */
public class KafkaTestBroker implements QuarkusTestResourceLifecycleManager {

  private static EmbeddedK broker;
  private static String bootstrapServers;

  /** Starts the broker if it is not running yet; returns its bootstrap servers. */
  public static synchronized String bootstrapServers() {
    if (broker == null) {
      int kafkaPort = freePort();
      int controllerPort = freePort();
      scala.collection.immutable.Map<String, String> none =
          scala.collection.immutable.Map$.MODULE$.empty();
      EmbeddedKafkaConfig config =
          EmbeddedKafkaConfig.apply(kafkaPort, controllerPort, none, none, none);
      broker = EmbeddedKafka.start(config);
      bootstrapServers = "127.0.0.1:" + kafkaPort;
      Runtime.getRuntime()
          .addShutdownHook(new Thread(KafkaTestBroker::shutdown, "kafka-test-broker-stop"));
    }
    return bootstrapServers;
  }

  /**
   * Creates the topics the broker lacks (replication 1), each with its partitions, so a service's
   * consumers find them when it starts.
   *
   * @param partitionsByTopic topic name to partition count
   * @throws IllegalStateException when the broker refuses
   */
  public static void ensureTopics(Map<String, Integer> partitionsByTopic) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      var existing = admin.listTopics().names().get();
      List<NewTopic> topics = new ArrayList<>();
      partitionsByTopic.forEach(
          (name, partitions) -> {
            if (!existing.contains(name)) {
              topics.add(new NewTopic(name, partitions, (short) 1));
            }
          });
      admin.createTopics(topics).all().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating test topics", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot create test topics", e);
    }
  }

  /**
   * Sends one record and waits for the broker's acknowledgement.
   *
   * @param headers record headers (e.g. {@code ce_type}), as UTF-8 text
   * @throws IllegalStateException when the broker refuses
   */
  public static void send(String topic, String key, String value, Map<String, String> headers) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (var producer = new KafkaProducer<String, String>(props)) {
      var record = new ProducerRecord<>(topic, key, value);
      headers.forEach((name, text) -> record.headers().add(name, text.getBytes(UTF_8)));
      producer.send(record).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while sending a test record", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot send a test record", e);
    }
  }

  private static synchronized void shutdown() {
    if (broker != null) {
      broker.stop(true);
      broker = null;
    }
  }

  @Override
  public Map<String, String> start() {
    return Map.of("kafka.bootstrap.servers", bootstrapServers());
  }

  @Override
  public void stop() {
    // Shared by all test classes of the module; stopped by the JVM shutdown hook.
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
