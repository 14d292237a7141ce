package dev.kiroku.contracts;

import java.time.Duration;

/**
 * The Kafka topics Kiroku services publish to, as listed in ARCHITECTURE.md.
 *
 * <p>Every topic carries CloudEvents 1.0 in binary mode with JSON payloads. The Kafka key is the
 * aggregate id: the media id (UUID) for {@link #CATALOG_MEDIA}, the user id (OIDC {@code sub}) for
 * {@link #PROGRESS_EVENTS} and {@link #SOCIAL_EVENTS}, so order holds per aggregate.
 *
 * <p>Each topic has a dead-letter topic, {@link #dlqName()} ({@code <topic>.dlq}), where its
 * consumers park the records they cannot process (ARCHITECTURE.md, "Dead letters"). Dead-letter
 * topics have {@link #DLQ_PARTITIONS} partition and keep records for {@link #DLQ_RETENTION},
 * whatever the main topic's policy (compacting would drop parked records that share a key).
 *
 * <p>{@code deploy/local/topics.conf} declares the same topics, dead-letter topics included, for
 * the local launcher; a test keeps the two in step.
 */
public enum Topic {
  /** Media snapshots from catalog-service: MediaUpserted, MediaRemoved. Compacted. */
  CATALOG_MEDIA("catalog.media.v1", 3, CleanupPolicy.COMPACT, null),
  /** Library entry changes from progress-service. Deleted after 30 days. */
  PROGRESS_EVENTS("progress.events.v1", 6, CleanupPolicy.DELETE, Duration.ofDays(30)),
  /** Profiles, follows, lists, favorites, user deletion from social-service. 30 days. */
  SOCIAL_EVENTS("social.events.v1", 6, CleanupPolicy.DELETE, Duration.ofDays(30));

  /** What a dead-letter topic's name adds to its topic's: {@code progress.events.v1.dlq}. */
  public static final String DLQ_SUFFIX = ".dlq";

  /** Partitions of every dead-letter topic: parked records are few and read by people. */
  public static final int DLQ_PARTITIONS = 1;

  /** {@code retention.ms} of every dead-letter topic ({@code cleanup.policy=delete}): 30 days. */
  public static final Duration DLQ_RETENTION = Duration.ofDays(30);

  /** Kafka {@code cleanup.policy} of a topic. */
  public enum CleanupPolicy {
    COMPACT,
    DELETE;

    /** The value Kafka expects in {@code cleanup.policy}. */
    public String kafkaValue() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final String topicName;
  private final int partitions;
  private final CleanupPolicy cleanupPolicy;
  private final Duration retention;

  Topic(String topicName, int partitions, CleanupPolicy cleanupPolicy, Duration retention) {
    this.topicName = topicName;
    this.partitions = partitions;
    this.cleanupPolicy = cleanupPolicy;
    this.retention = retention;
  }

  /** The topic's name on the broker, e.g. {@code catalog.media.v1}. */
  public String topicName() {
    return topicName;
  }

  /**
   * The dead-letter topic of this topic, {@code <topic>.dlq}, e.g. {@code progress.events.v1.dlq}:
   * set it as the consumer channel's {@code dead-letter-queue.topic}.
   */
  public String dlqName() {
    return topicName + DLQ_SUFFIX;
  }

  /** Partition count used when the topic is created. */
  public int partitions() {
    return partitions;
  }

  /** Kafka cleanup policy. */
  public CleanupPolicy cleanupPolicy() {
    return cleanupPolicy;
  }

  /** {@code retention.ms} for delete-policy topics, or {@code null} for compacted topics. */
  public Duration retention() {
    return retention;
  }
}
