package dev.kiroku.search.health;

import dev.kiroku.search.index.MediaIndex;
import dev.kiroku.search.indexer.CatalogIndexer;
import dev.kiroku.search.indexer.IndexerLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the index has replayed {@code catalog.media.v1} up to the end offsets seen at start
 * (DOWN while the initial replay runs, so no traffic reaches a half-built index). Reports the item
 * count, the replay target and the applied positions per partition.
 */
@Readiness
@ApplicationScoped
public class IndexReplayHealthCheck implements HealthCheck {

  private final IndexerLifecycle lifecycle;

  public IndexReplayHealthCheck(IndexerLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public HealthCheckResponse call() {
    CatalogIndexer indexer = lifecycle.indexer();
    var response =
        HealthCheckResponse.named("Search index replay of catalog.media.v1")
            .withData("caughtUp", indexer.caughtUp())
            .withData("replayTarget", indexer.replayTarget().toString());
    MediaIndex index = indexer.current();
    if (index == null) {
      return response.withData("reason", "index not open").down().build();
    }
    try {
      response
          .withData("documents", index.documentCount())
          .withData("positions", index.positions().toString())
          .withData("rebuild", indexer.rebuildStatus().state());
    } catch (IOException | org.apache.lucene.store.AlreadyClosedException e) {
      response.withData("reason", "index being swapped");
    }
    return indexer.caughtUp() ? response.up().build() : response.down().build();
  }
}
