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

    assertThat(declared).containsExactlyElementsOf(expected);
  }

  @Test
  void compactedTopicsKeepEverySnapshotAndOthersExpireAfterThirtyDays() {
    assertThat(Topic.CATALOG_MEDIA.cleanupPolicy()).isEqualTo(Topic.CleanupPolicy.COMPACT);
    assertThat(Topic.PROGRESS_EVENTS.retention().toDays()).isEqualTo(30);
    assertThat(Topic.SOCIAL_EVENTS.retention().toDays()).isEqualTo(30);
  }
}
