package dev.kiroku.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Map;

/**
 * {@code kiroku.outbox.*}: the transactional outbox and its relay. Durations take {@code 500ms},
 * {@code 10s}, {@code 5m}, {@code 24h}, {@code 2d} or ISO-8601 ({@code PT24H}).
 */
@ConfigMapping(prefix = "kiroku.outbox")
public interface OutboxConfig {

  /**
   * Build time: turns the {@link Outbox} and {@link OutboxRelay} beans on. A service that publishes
   * events sets it to {@code true} in {@code application.properties} (changing it needs a rebuild);
   * it also needs {@code quarkus-reactive-pg-client} and {@code quarkus-kafka-client} (or {@code
   * quarkus-messaging-kafka}), and {@code classpath:db/platform} among its Flyway locations.
   */
  @WithDefault("false")
  boolean enabled();

  /**
   * Whether {@link Outbox#append append} also sends a PostgreSQL NOTIFY on channel {@code
   * kiroku_outbox} (delivered at commit), so relays in other processes wake at once. Not needed
   * when every replica runs the relay: appends already wake the relay of their own process. Costs
   * commit throughput: NOTIFY serializes committing transactions (single-row inserts, 8 clients, on
   * a 2-core machine: ~4,500 instead of ~8,900 TPS).
   */
  @WithName("notify")
  @WithDefault("false")
  boolean notifyOnAppend();

  /** The relay that publishes appended events. */
  Relay relay();

  /**
   * How long published rows stay in {@code outbox_event} (for inspection) before the cleanup
   * deletes them. Unpublished rows are never deleted. {@code 0} deletes each row in the relay round
   * that published it (no cleanup runs): cheaper for the database (no second row version, no index
   * entries; a high-volume service such as progress-service sets it).
   */
  @WithDefault("24h")
  Duration retention();

  /** How often the cleanup runs on each replica; {@code 0} turns it off. */
  @WithDefault("5m")
  Duration cleanupInterval();

  /**
   * Kafka producer properties for the relay, e.g. {@code kiroku.outbox.producer.linger.ms=10}. They
   * override the service's {@code kafka.*} properties (bootstrap servers, security), which the
   * relay's producer also uses. {@code acks=all} and {@code enable.idempotence=true} are always
   * set; serializers are fixed.
   */
  Map<String, String> producer();

  /** {@code kiroku.outbox.relay.*} */
  interface Relay {

    /**
     * Whether this replica runs the relay (and the cleanup). With {@code false} the service can
     * still {@link Outbox#append append}, and another replica or process publishes.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * Most rows claimed, sent and marked in one database transaction. Larger batches raise
     * throughput; memory held is about batch size times payload size.
     */
    @WithDefault("500")
    int batchSize();

    /**
     * The safety net: the relay looks for unpublished rows at least this often. Appends in this
     * process wake it at once, so this bounds the delay only for rows written elsewhere (another
     * replica with the relay off, without {@code kiroku.outbox.notify}) and retries after a failed
     * round.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * Whether to LISTEN on PostgreSQL channel {@code kiroku_outbox}, so a NOTIFY from another
     * process ({@code kiroku.outbox.notify=true}, or {@code NOTIFY kiroku_outbox} by hand) wakes
     * the relay at once. Holds one pooled connection.
     */
    @WithDefault("true")
    boolean listen();
  }
}
