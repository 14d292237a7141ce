package dev.kiroku.platform.consumer;

import java.time.Instant;

/**
 * One event as an {@link EventHandler} receives it: the typed payload and the CloudEvents metadata
 * of its Kafka record (binary mode, header names in {@code
 * dev.kiroku.platform.outbox.CloudEventHeaders}).
 *
 * @param id {@code ce_id}, the id the inbox de-duplicates on; when the record has no {@code ce_id}
 *     (not written by a Kiroku outbox), {@code <topic>-<partition>@<offset>}, e.g. {@code
 *     catalog.media.v1-2@1041}
 * @param type {@code ce_type}, e.g. {@code kiroku.catalog.media-upserted.v1}
 * @param source {@code ce_source}, e.g. {@code /catalog-service}, or null when absent
 * @param subject {@code ce_subject}, or null when absent
 * @param time {@code ce_time} (when the change happened), or null when absent or not RFC 3339
 * @param key the Kafka key, the aggregate id (media id, user id), or null
 * @param payload the record's JSON value read as the type the handler registered, never null
 * @param topic the Kafka topic the record came from
 * @param partition its partition
 * @param offset its offset in that partition
 * @param <T> the payload type
 */
public record ConsumedEvent<T>(
    String id,
    String type,
    String source,
    String subject,
    Instant time,
    String key,
    T payload,
    String topic,
    int partition,
    long offset) {}
