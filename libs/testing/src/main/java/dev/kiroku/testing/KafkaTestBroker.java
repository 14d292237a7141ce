package dev.kiroku.testing;

import io.github.embeddedkafka.EmbeddedK;
import io.github.embeddedkafka.EmbeddedKafka;
import io.github.embeddedkafka.EmbeddedKafkaConfig;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

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
