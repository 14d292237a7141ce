package dev.kiroku.search.health;

import dev.kiroku.search.index.PeopleIndex;
import dev.kiroku.search.indexer.PeopleIndexer;
import dev.kiroku.search.indexer.PeopleIndexerLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the people index has read {@code social.events.v1} up to the end offsets seen at start
 * (DOWN meanwhile). Reports the searchable profiles, the target and the applied positions.
 */
@Readiness
@ApplicationScoped
public class PeopleIndexHealthCheck implements HealthCheck {

  private final PeopleIndexerLifecycle lifecycle;

  public PeopleIndexHealthCheck(PeopleIndexerLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public HealthCheckResponse call() {
    PeopleIndexer indexer = lifecycle.indexer();
    // The name avoids "replay": deploy/bench reads the catalog's replay check by that word.
    var response =
        HealthCheckResponse.named("People index of social.events.v1")
            .withData("caughtUp", indexer.caughtUp())
            .withData("replayTarget", indexer.replayTarget().toString());
    PeopleIndex index = indexer.current();
    if (index == null) {
      return response.withData("reason", "index not open").down().build();
    }
    try {
      response
          .withData("people", index.peopleCount())
          .withData("positions", index.positions().toString());
    } catch (IOException | org.apache.lucene.store.AlreadyClosedException e) {
      response.withData("reason", "index closing");
    }
    return indexer.caughtUp() ? response.up().build() : response.down().build();
  }
}
