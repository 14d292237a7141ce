package dev.kiroku.catalog;

import dev.kiroku.contracts.Topic;
import dev.kiroku.testing.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@code catalog.media.v1} from the embedded broker, from the beginning. */
final class MediaTopic implements AutoCloseable {

  /** One record: key, value and CloudEvents headers. */
  record Event(String key, String value, Map<String, String> headers) {}

  private final KafkaConsumer<String, String> consumer;
  private final List<Event> seen = new ArrayList<>();

  MediaTopic() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "catalog-test-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    consumer.subscribe(List.of(Topic.CATALOG_MEDIA.topicName()));
  }

  /** Every event read so far matching {@code filter}, polling up to {@code timeout} for one. */
  List<Event> await(Predicate<Event> filter, int atLeast, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<Event> matching = seen.stream().filter(filter).toList();
      if (matching.size() >= atLeast || System.nanoTime() > deadline) {
        return matching;
      }
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        for (Header h : record.headers()) {
          headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        seen.add(new Event(record.key(), record.value(), headers));
      }
    }
  }

  /** Reads for {@code quiet} more and returns all events matching {@code filter}. */
  List<Event> drain(Predicate<Event> filter, Duration quiet) {
    long deadline = System.nanoTime() + quiet.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        for (Header h : record.headers()) {
          headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        seen.add(new Event(record.key(), record.value(), headers));
      }
    }
    return seen.stream().filter(filter).toList();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
