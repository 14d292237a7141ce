package dev.kiroku.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroku.search.config.SearchConfig;
import dev.kiroku.search.health.IndexFolderHealthCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexFolderHealthCheckTest {

  @TempDir Path temp;

  static SearchConfig config(Path dir) {
    return new SearchConfig() {
      @Override
      public Path indexDir() {
        return dir;
      }

      @Override
      public java.time.Duration commitInterval() {
        return java.time.Duration.ofSeconds(5);
      }

      @Override
      public java.util.Optional<Integer> workers() {
        return java.util.Optional.empty();
      }

      @Override
      public int queueCapacity() {
        return 256;
      }
    };
  }

  @Test
  void createsAMissingFolderAndReportsUp() {
    Path dir = temp.resolve("a/b/index");
    HealthCheckResponse response = new IndexFolderHealthCheck(config(dir)).call();
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(Files.isDirectory(dir)).isTrue();
  }

  @Test
  void aFileInThePathMakesItDown() throws Exception {
    Path file = Files.createFile(temp.resolve("not-a-folder"));
    SearchConfig config = config(file.resolve("index"));
    HealthCheckResponse response = new IndexFolderHealthCheck(config).call();
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(response.getData().orElseThrow()).containsKey("reason");
  }
}
