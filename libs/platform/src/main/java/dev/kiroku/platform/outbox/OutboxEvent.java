package dev.kiroku.platform.outbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * One event to publish, as written to the {@code outbox_event} table and later sent to Kafka as a
 * CloudEvents 1.0 record in binary mode (see {@link CloudEventHeaders}).
 *
 * <p>Build it from the domain change with a mapper, never by serializing an entity. {@link
 * #of(String, String, String, String, String, String)} fills in a fresh id and the current time.
 *
 * @param id CloudEvents {@code id}, unique per event; consumers de-duplicate on it
 * @param topic Kafka topic, e.g. {@code progress.events.v1} ({@code dev.kiroku.contracts.Topic})
 * @param key Kafka key: the aggregate id (media id, user id); order is kept per key
 * @param type CloudEvents {@code type}, e.g. {@code kiroku.progress.entry-updated.v1}
 * @param source CloudEvents {@code source}, e.g. {@code /progress-service}
 * @param subject CloudEvents {@code subject}, e.g. the library entry id; {@code null} for none
 * @param payload the event's data as a JSON document (UTF-8 text), sent unchanged as the record
 *     value with {@code content-type: application/json}
 * @param occurredAt CloudEvents {@code time}; stored with microsecond precision (PostgreSQL {@code
 *     timestamptz}), so it is truncated to microseconds here
 * @throws NullPointerException if any argument but {@code subject} is null
 * @throws IllegalArgumentException if a text argument is blank
 */
public record OutboxEvent(
    UUID id,
    String topic,
    String key,
    String type,
    String source,
    String subject,
    String payload,
    Instant occurredAt) {

  public OutboxEvent {
    Objects.requireNonNull(id, "id");
    requireText(topic, "topic");
    requireText(key, "key");
    requireText(type, "type");
    requireText(source, "source");
    if (subject != null && subject.isBlank()) {
      throw new IllegalArgumentException("subject must be null or not blank");
    }
    requireText(payload, "payload");
    occurredAt = Objects.requireNonNull(occurredAt, "occurredAt").truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * An event with a random id that occurred now.
   *
   * @param payload JSON text, e.g. {@code objectMapper.writeValueAsString(payloadRecord)}
   */
  public static OutboxEvent of(
      String topic, String key, String type, String source, String subject, String payload) {
    return new OutboxEvent(
        UUID.randomUUID(), topic, key, type, source, subject, payload, Instant.now());
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
