package dev.kiroku.platform.outbox;

import dev.kiroku.testing.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Topics and a plain consumer on the in-JVM test broker. */
final class TestKafka {

  private TestKafka() {}

  static String bootstrapServers() {
    return KafkaTestBroker.bootstrapServers();
  }

  /**
   * Creates {@code topic} with {@code partitions} partitions and waits until the broker knows a
   * leader for every partition. The controller acknowledges creation before the broker has applied
   * it; a producer that writes in between gets NOT_LEADER_OR_FOLLOWER, and Kafka's idempotent
   * producer can then stall on OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout.
   */
  static void createTopic(String topic, int partitions) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
      while (true) {
        org.apache.kafka.clients.admin.TopicDescription description = null;
        try {
          description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        } catch (ExecutionException e) {
          // the broker may answer before it has applied the creation: ask again
          if (!(e.getCause()
              instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
            throw e;
          }
        }
        boolean ready =
            description != null
                && description.partitions().size() == partitions
                && description.partitions().stream()
                    .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        if (ready) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Topic " + topic + " has no leader: " + description);
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Could not create topic " + topic, e);
    }
  }

  /**
   * Reads {@code topic} from the beginning of every partition until {@code done} holds for the
   * records read so far (in per-partition order) or {@code timeout} passes.
   *
   * @return the records read; the caller asserts on them
   */
  static List<ConsumerRecord<String, String>> consume(
      String topic, Duration timeout, Predicate<List<ConsumerRecord<String, String>>> done) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      long deadline = System.nanoTime() + timeout.toNanos();
      List<TopicPartition> partitions = List.of();
      while (partitions.isEmpty() && System.nanoTime() < deadline) {
        partitions =
            consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (!done.test(records) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
    }
    return records;
  }

  /** The value of header {@code name} as UTF-8, or {@code null} when absent. */
  static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** The ce_id header of every record. */
  static List<String> ids(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(r -> header(r, CloudEventHeaders.ID)).toList();
  }
}
