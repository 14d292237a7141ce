package dev.kiroku.search.indexer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * What both indexers do with a consumer that has no group (positions live in the index): find the
 * topic's partitions, seek to stored positions, and tell when a target is reached.
 */
final class TopicPositions {

  private static final Logger LOG = Logger.getLogger(TopicPositions.class);

  private TopicPositions() {}

  /** The partitions of {@code topic}; empty while the topic does not exist (5 s wait). */
  static List<TopicPartition> partitions(Consumer<byte[], byte[]> consumer, String topic) {
    try {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
      if (infos == null) {
        return List.of();
      }
      return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      LOG.debugf("Topic %s not found yet", topic);
      return List.of();
    }
  }

  /** Each partition at its position in {@code at} (by partition number), or at its beginning. */
  static void seek(
      Consumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Map<Integer, Long> at) {
    for (TopicPartition tp : partitions) {
      Long offset = at.get(tp.partition());
      if (offset == null) {
        consumer.seekToBeginning(List.of(tp));
      } else {
        consumer.seek(tp, offset);
      }
    }
  }

  /** Whether every partition's position is at least its offset in {@code end} (0 when absent). */
  static boolean reached(
      Consumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Map<Integer, Long> end) {
    for (TopicPartition tp : partitions) {
      if (consumer.position(tp) < end.getOrDefault(tp.partition(), 0L)) {
        return false;
      }
    }
    return true;
  }
}
