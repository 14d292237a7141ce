package dev.kiroku.platform.consumer;

import dev.kiroku.platform.outbox.CloudEventHeaders;
import dev.kiroku.testing.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Topics, a CloudEvents producer and a plain reader on the in-JVM test broker. */
final class ConsumerTestKafka implements AutoCloseable {

  private final KafkaProducer<String, String> producer;

  ConsumerTestKafka() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // not idempotent: a write right after topic creation must not stall on sequence numbers
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  /** Creates {@code topic} (one partition) unless it exists, and waits until it has a leader. */
  static void ensureTopic(String topic) {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers()))) {
      try {
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (true) {
        try {
          var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
          if (description.partitions().stream()
              .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
            return;
          }
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
            throw e;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Topic " + topic + " has no leader");
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
   * Sends one record the way the outbox relay does (binary-mode CloudEvents headers) and waits for
   * the broker's acknowledgement. A null {@code id} or {@code type} leaves that header out.
   */
  void send(String topic, String key, String id, String type, String value) {
    ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
    header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
    header(record, CloudEventHeaders.ID, id);
    header(record, CloudEventHeaders.TYPE, type);
    header(record, CloudEventHeaders.SOURCE, "/platform-test");
    header(record, CloudEventHeaders.SUBJECT, "subject-" + id);
    header(record, CloudEventHeaders.TIME, "2026-01-31T12:00:00.123456Z");
    header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.APPLICATION_JSON);
    try {
      producer.send(record).get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Could not send to " + topic, e);
    }
  }

  private static void header(ProducerRecord<String, String> record, String name, String value) {
    if (value != null) {
      record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Reads {@code topic} from the beginning until {@code done} holds for the records read so far or
   * {@code timeout} passes.
   */
  static List<ConsumerRecord<String, String>> readUntil(
      String topic, Duration timeout, Predicate<List<ConsumerRecord<String, String>>> done) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
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

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
