package dev.kiroku.search.indexer;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Parks records that can never be applied on the topic's dead-letter topic ({@code <topic>.dlq}),
 * with the headers libs/platform's inbox consumers write (so one tool reads every dead-letter
 * topic): the record's key, value and own headers ({@code ce_id}, {@code ce_type}, ...) unchanged,
 * plus {@code dead-letter-reason} (at most 500 characters), {@code dead-letter-cause} (when there
 * is one), {@code dead-letter-exception-class-name}, {@code dead-letter-topic}, {@code
 * dead-letter-partition} and {@code dead-letter-offset}.
 *
 * <p>Blocking: {@link #park} waits for the broker's acknowledgement (called on the indexer thread,
 * before the record's offset is stored, so a parked record is parked at least once). The producer
 * is created at the first record parked.
 */
public final class DeadLetters implements AutoCloseable {

  private static final int MAX_REASON = 500;

  private final String consumer;
  private final Supplier<Producer<byte[], byte[]>> producers;
  private Producer<byte[], byte[]> producer;

  /**
   * @param consumer prefix of every reason, e.g. {@code search-service.social-events}
   * @param producers makes the producer (byte[] keys and values, {@code acks=all})
   */
  public DeadLetters(String consumer, Supplier<Producer<byte[], byte[]>> producers) {
    this.consumer = consumer;
    this.producers = producers;
  }

  /**
   * Writes {@code record} to {@code <its topic>.dlq} and waits for the acknowledgement.
   *
   * @param reason why it cannot be applied; no user data
   * @param cause the underlying failure, or null
   * @throws ExecutionException when the broker refused it; {@link TimeoutException} after 30 s
   */
  public void park(ConsumerRecord<byte[], byte[]> record, String reason, Throwable cause)
      throws ExecutionException, TimeoutException, InterruptedException {
    if (producer == null) {
      producer = producers.get();
    }
    ProducerRecord<byte[], byte[]> parked =
        new ProducerRecord<>(record.topic() + ".dlq", null, record.key(), record.value());
    for (Header header : record.headers()) {
      parked.headers().add(header.key(), header.value());
    }
    String full = consumer + ": " + reason;
    parked.headers().add("dead-letter-reason", utf8(cut(full)));
    if (cause != null && cause.getMessage() != null) {
      parked.headers().add("dead-letter-cause", utf8(cut(cause.getMessage())));
    }
    parked
        .headers()
        .add(
            "dead-letter-exception-class-name",
            utf8(SocialEventApplier.PoisonRecordException.class.getName()));
    parked.headers().add("dead-letter-topic", utf8(record.topic()));
    parked.headers().add("dead-letter-partition", utf8(Integer.toString(record.partition())));
    parked.headers().add("dead-letter-offset", utf8(Long.toString(record.offset())));
    producer.send(parked).get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close();
      producer = null;
    }
  }

  private static String cut(String text) {
    return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
