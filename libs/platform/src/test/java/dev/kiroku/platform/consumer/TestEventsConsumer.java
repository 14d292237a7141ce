package dev.kiroku.platform.consumer;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What a service's consumer looks like on the platform's base: the channel {@code consumer-test}
 * (see {@code application.properties}) through one {@link InboxConsumer} with one handler. The
 * handler counts each application of an event in {@code consumer_test_effect} and, when the payload
 * asks for it, fails after writing (so the tests see that the write rolls back with the inbox
 * record).
 */
@ApplicationScoped
public class TestEventsConsumer {

  static final String NAME = "platform-test.consumer-test";
  static final String TOPIC = "kiroku-test.consumer.v1";
  static final String DLQ = TOPIC + ".dlq";
  static final String EFFECT = "kiroku.test.effect.v1";

  /** How often the handler was called per event id (attempts, including failed ones). */
  static final ConcurrentMap<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

  private final InboxConsumer consumer;

  TestEventsConsumer(InboxConsumers consumers) {
    consumer = consumers.named(NAME).on(EFFECT, TestEffect.class, this::apply).build();
  }

  @Incoming("consumer-test")
  public Uni<Void> consume(ConsumerRecord<String, String> record) {
    return consumer.process(record);
  }

  private Uni<?> apply(SqlConnection tx, ConsumedEvent<TestEffect> event) {
    int attempt = ATTEMPTS.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
    TestEffect effect = event.payload();
    if (effect.target() == null) {
      throw new RejectedEventException("effect without target");
    }
    return tx.preparedQuery(
            "INSERT INTO consumer_test_effect"
                + " (target, applied, event_id, subject, occurred_at, kafka_key)"
                + " VALUES ($1, 1, $2, $3, $4, $5) ON CONFLICT (target) DO UPDATE"
                + " SET applied = consumer_test_effect.applied + 1, event_id = $2, subject = $3,"
                + " occurred_at = $4, kafka_key = $5")
        .execute(
            Tuple.of(
                effect.target(),
                event.id(),
                event.subject(),
                event.time() == null ? null : event.time().atOffset(ZoneOffset.UTC),
                event.key()))
        .chain(() -> afterWrite(tx, effect, attempt));
  }

  private static Uni<?> afterWrite(SqlConnection tx, TestEffect effect, int attempt) {
    if (attempt <= effect.failAttempts()) {
      if ("terminate".equals(effect.failWith())) {
        // the database ends this very connection (57P01 admin_shutdown, then the socket closes)
        return tx.query("SELECT pg_terminate_backend(pg_backend_pid())").execute();
      }
      return tx.query(
              "DO $$ BEGIN RAISE EXCEPTION 'simulated failure' USING ERRCODE = '"
                  + effect.failWith()
                  + "'; END $$")
          .execute();
    }
    if (effect.reject()) {
      return Uni.createFrom()
          .failure(new RejectedEventException("test payload asks to be rejected"));
    }
    return Uni.createFrom().voidItem();
  }

  /**
   * @param target the row of {@code consumer_test_effect} to count in
   * @param failAttempts fail this many first attempts after writing, with {@code failWith}
   * @param failWith a SQLSTATE to raise, or {@code terminate} to have the connection killed
   * @param reject refuse the event (after writing) once the failures are over
   */
  public record TestEffect(String target, int failAttempts, String failWith, boolean reject) {}
}
