package dev.kiroku.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.outbox.CloudEventHeaders;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads every account deletion ({@code UserDeleted} on {@code social.events.v1}) into {@link
 * RevokedUsers}, in every replica: no consumer group (each process reads all partitions, commits
 * nothing), starting {@link RevocationConfig#ttl()} back in time (Kafka's offsets for that
 * timestamp), so a process that starts after a deletion still refuses that user's tokens.
 *
 * <p>One daemon thread polls (blocking, never on an event loop). A missing topic is looked for
 * again every 5 s; records of other types, or without a {@code userId}, are skipped.
 */
@ApplicationScoped
@IfBuildProperty(name = "kiroku.security.revocations.enabled", stringValue = "true")
public class UserDeletionListener {

  private static final Logger LOG = Logger.getLogger(UserDeletionListener.class);

  private final RevokedUsers revoked;
  private final RevocationConfig config;
  private final ObjectMapper json = new ObjectMapper();
  private volatile boolean running;
  private KafkaConsumer<String, byte[]> consumer;
  private Thread thread;

  @Inject
  UserDeletionListener(RevokedUsers revoked, RevocationConfig config) {
    this.revoked = revoked;
    this.config = config;
  }

  void start(@Observes StartupEvent event) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    // values stay bytes: only a UserDeleted (told by its header) is decoded; the rest of the
    // topic (follows, lists, profiles: hundreds per second under load) is skipped undecoded
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "kiroku-revocations");
    // fetches of at least 64 KiB or every 500 ms: under load far fewer fetch round trips for
    // the broker and for every replica of every service; a deletion reaches them within ~0.5 s
    props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "65536");
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "500");
    // a broker that is away is tried again at most every 10 s (not every second, as by default)
    props.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "10000");
    consumer = new KafkaConsumer<>(props);
    running = true;
    thread = new Thread(this::run, "kiroku-revocations");
    thread.setDaemon(true);
    thread.start();
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    if (consumer != null) {
      consumer.wakeup();
    }
    if (thread != null) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    try (KafkaConsumer<String, byte[]> reading = consumer) {
      if (!assignFromTtlAgo()) {
        return;
      }
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
          handle(record);
        }
      }
    } catch (WakeupException e) {
      // stopping
    } catch (RuntimeException e) {
      LOG.errorf(e, "Account deletions are no longer read from %s", config.topic());
    }
  }

  /** Assigns every partition of the topic at the first offset of {@code ttl} ago. */
  private boolean assignFromTtlAgo() {
    List<PartitionInfo> partitions = List.of();
    while (running) {
      try {
        partitions = consumer.partitionsFor(config.topic(), Duration.ofSeconds(5));
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        partitions = List.of();
      }
      if (partitions != null && !partitions.isEmpty()) {
        break;
      }
      LOG.debugf("Topic %s not found yet; looking again in 5 s", config.topic());
      sleep();
    }
    if (!running) {
      return false;
    }
    List<TopicPartition> assigned =
        partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(assigned);
    long since = Instant.now().minus(config.ttl()).toEpochMilli();
    Map<TopicPartition, Long> query = new HashMap<>();
    assigned.forEach(tp -> query.put(tp, since));
    Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query);
    for (TopicPartition tp : assigned) {
      OffsetAndTimestamp at = offsets.get(tp);
      if (at == null) {
        consumer.seekToEnd(List.of(tp));
      } else {
        consumer.seek(tp, at.offset());
      }
    }
    LOG.debugf(
        "Reading account deletions from %s (%d partitions)", config.topic(), assigned.size());
    return true;
  }

  /** Revokes the user of a {@code UserDeleted} record; skips anything else. */
  void handle(ConsumerRecord<String, byte[]> record) {
    Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
    if (type == null
        || !config.type().equals(new String(type.value(), StandardCharsets.UTF_8))
        || record.value() == null) {
      return;
    }
    try {
      JsonNode payload = json.readTree(record.value());
      String userId = payload.path("userId").asText(null);
      if (userId == null || userId.isBlank()) {
        return;
      }
      Instant deletedAt =
          payload.hasNonNull("deletedAt")
              ? Instant.parse(payload.get("deletedAt").asText())
              : Instant.ofEpochMilli(record.timestamp());
      revoked.revoke(userId, deletedAt);
    } catch (java.io.IOException | java.time.DateTimeException e) {
      LOG.warnf(
          "Skipping an account deletion at %s-%d@%d that is not readable: %s",
          record.topic(), record.partition(), record.offset(), e.getMessage());
    }
  }

  private void sleep() {
    try {
      Thread.sleep(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
