package dev.kiroku.search;

import dev.kiroku.contracts.Topic;
import dev.kiroku.contracts.social.Blocked;
import dev.kiroku.contracts.social.ProfileUpdated;
import dev.kiroku.contracts.social.SocialEvents;
import dev.kiroku.contracts.social.Unblocked;
import dev.kiroku.contracts.social.UserDeleted;
import dev.kiroku.contracts.social.UserRef;
import dev.kiroku.platform.outbox.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Test helper: produces {@code social.events.v1} records the way social-service's outbox relay does
 * (CloudEvents binary mode, key = the acting user's id).
 */
public final class SocialEventProducer implements AutoCloseable {

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic = Topic.SOCIAL_EVENTS.topicName();

  public SocialEventProducer(String bootstrapServers) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.producer = new KafkaProducer<>(props);
  }

  /** A ProfileUpdated of {@code userId} with that visibility, committed at {@code occurredAt}. */
  public void profile(
      String userId,
      String handle,
      String displayName,
      String avatarUrl,
      String visibility,
      Instant occurredAt)
      throws Exception {
    ProfileUpdated event =
        new ProfileUpdated(
            new UserRef(userId, handle, displayName, avatarUrl),
            null,
            visibility,
            occurredAt.minusSeconds(3600),
            occurredAt);
    send(userId, SocialEvents.PROFILE_UPDATED, CatalogEventProducer.JSON.writeValueAsBytes(event));
  }

  public void deleted(String userId) throws Exception {
    send(
        userId,
        SocialEvents.USER_DELETED,
        CatalogEventProducer.JSON.writeValueAsBytes(new UserDeleted(userId, Instant.now())));
  }

  public void blocked(String blockerId, String blockedId, Instant occurredAt) throws Exception {
    send(
        blockerId,
        SocialEvents.BLOCKED,
        CatalogEventProducer.JSON.writeValueAsBytes(new Blocked(blockerId, blockedId, occurredAt)));
  }

  public void unblocked(String blockerId, String blockedId, Instant occurredAt) throws Exception {
    send(
        blockerId,
        SocialEvents.UNBLOCKED,
        CatalogEventProducer.JSON.writeValueAsBytes(
            new Unblocked(blockerId, blockedId, occurredAt)));
  }

  /** Any payload under any type, e.g. garbage or an event this consumer does not use. */
  public void raw(String key, String type, String payload) throws Exception {
    send(key, type, payload.getBytes(StandardCharsets.UTF_8));
  }

  private void send(String key, String type, byte[] payload) throws Exception {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), payload);
    record.headers().add(CloudEventHeaders.SPEC_VERSION, utf8(CloudEventHeaders.SPEC_VERSION_1_0));
    record.headers().add(CloudEventHeaders.ID, utf8(UUID.randomUUID().toString()));
    record.headers().add(CloudEventHeaders.TYPE, utf8(type));
    record.headers().add(CloudEventHeaders.SOURCE, utf8(SocialEvents.SOURCE));
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
