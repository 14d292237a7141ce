package dev.kiroku.platform.consumer;

/**
 * The failure with which {@link InboxConsumer#process} ends for a record it cannot process: the
 * channel's {@code failure-strategy=dead-letter-queue} then parks the record on {@code
 * <topic>.dlq}. SmallRye's Kafka connector writes {@link #getMessage()} into the {@code
 * dead-letter-reason} header, the cause's message into {@code dead-letter-cause}, this class's name
 * into {@code dead-letter-exception-class-name}, and the origin into {@code dead-letter-topic},
 * {@code dead-letter-partition} and {@code dead-letter-offset}; the record's own headers ({@code
 * ce_id}, {@code ce_type}, ...), key and value are kept.
 *
 * <p>Services do not throw it; handlers throw {@link RejectedEventException}.
 */
public final class DeadLetterException extends RuntimeException {

  DeadLetterException(String reason, Throwable cause) {
    super(reason, cause, false, false);
  }
}
