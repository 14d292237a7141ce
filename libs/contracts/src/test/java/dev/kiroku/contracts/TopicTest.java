package dev.kiroku.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code deploy/local/topics.conf} (read by the local launcher) in step with {@link Topic}.
 */
class TopicTest {

  @Test
  void launcherTopicsMatchTheContract() throws IOException {
    Path conf = Path.of("../../deploy/local/topics.conf");
    List<String> declared =
        Files.readAllLines(conf).stream()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .map(line -> String.join(" ", line.split("\\s+")))
            .collect(Collectors.toList());

    List<String> expected =
        java.util.Arrays.stream(Topic.values())
            .map(
                t ->
                    String.join(
                        " ",
                        t.topicName(),
                        Integer.toString(t.partitions()),
                        t.cleanupPolicy().kafkaValue(),
                        t.retention() == null ? "-" : Long.toString(t.retention().toMillis())))
            .collect(Collectors.toList());
    // then the dead-letter topic of each, in the same order
    java.util.Arrays.stream(Topic.values())
        .map(
            t ->
                String.join(
                    " ",
                    t.dlqName(),
                    Integer.toString(Topic.DLQ_PARTITIONS),
                    Topic.CleanupPolicy.DELETE.kafkaValue(),
                    Long.toString(Topic.DLQ_RETENTION.toMillis())))
        .forEach(expected::add);

    assertThat(declared).containsExactlyElementsOf(expected);
  }

  @Test
  void everyTopicHasItsOwnDeadLetterTopic() {
    assertThat(Topic.PROGRESS_EVENTS.dlqName()).isEqualTo("progress.events.v1.dlq");
    assertThat(Topic.CATALOG_MEDIA.dlqName()).isEqualTo("catalog.media.v1.dlq");
    assertThat(Topic.SOCIAL_EVENTS.dlqName()).isEqualTo("social.events.v1.dlq");
    List<String> names =
        java.util.Arrays.stream(Topic.values())
            .flatMap(t -> java.util.stream.Stream.of(t.topicName(), t.dlqName()))
            .collect(Collectors.toList());
    assertThat(names).doesNotHaveDuplicates();
    assertThat(Topic.DLQ_RETENTION.toDays()).isEqualTo(30);
  }

  @Test
  void compactedTopicsKeepEverySnapshotAndOthersExpireAfterThirtyDays() {
    assertThat(Topic.CATALOG_MEDIA.cleanupPolicy()).isEqualTo(Topic.CleanupPolicy.COMPACT);
    assertThat(Topic.PROGRESS_EVENTS.retention().toDays()).isEqualTo(30);
    assertThat(Topic.SOCIAL_EVENTS.retention().toDays()).isEqualTo(30);
  }
}
