package dev.kiroku.social.service;

import dev.kiroku.platform.cleanup.PeriodicCleanup;
import dev.kiroku.social.repository.ProfileRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Deletes handle redirects 30 days after their rename, every hour, 1,000 rows at a time (lookups
 * already ignore expired ones; this keeps the table small).
 */
@ApplicationScoped
public class RedirectCleanup {

  private static final Logger LOG = Logger.getLogger(RedirectCleanup.class);

  static final Duration INTERVAL = Duration.ofHours(1);

  private final Pool pool;
  private final Vertx vertx;
  private final ProfileRepository profiles;
  private PeriodicCleanup timer;

  @Inject
  RedirectCleanup(Pool pool, Vertx vertx, ProfileRepository profiles) {
    this.pool = pool;
    this.vertx = vertx;
    this.profiles = profiles;
  }

  void start(@Observes StartupEvent event) {
    timer =
        PeriodicCleanup.start(
            vertx,
            INTERVAL,
            () -> profiles.deleteExpiredRedirects(pool, Instant.now()),
            LOG,
            "Handle redirect cleanup",
            "expired redirects");
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer != null) {
      timer.stop();
    }
  }
}
