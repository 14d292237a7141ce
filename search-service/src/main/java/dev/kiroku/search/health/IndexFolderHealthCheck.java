package dev.kiroku.search.health;

import dev.kiroku.search.config.SearchConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the index folder ({@code kiroku.search.index-dir}) exists, or can be created, and is
 * writable. Reports the folder and its usable space in bytes.
 */
@Readiness
@ApplicationScoped
public class IndexFolderHealthCheck implements HealthCheck {

  private final SearchConfig config;

  public IndexFolderHealthCheck(SearchConfig config) {
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    Path dir = config.indexDir().toAbsolutePath();
    var response =
        HealthCheckResponse.named("Search index folder").withData("path", dir.toString());
    try {
      Files.createDirectories(dir);
      if (!Files.isWritable(dir)) {
        return response.withData("reason", "not writable").down().build();
      }
      return response
          .withData("usableBytes", Files.getFileStore(dir).getUsableSpace())
          .up()
          .build();
    } catch (IOException | SecurityException e) {
      return response.withData("reason", e.getMessage()).down().build();
    }
  }
}
