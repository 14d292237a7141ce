package dev.kiroku.platform.cleanup;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs a clean-up (typically a {@link ChunkedDelete}) on a Vert.x timer until {@link #stop()}: the
 * inbox's every {@code kiroku.inbox.cleanup-interval}, the outbox's every {@code
 * kiroku.outbox.cleanup-interval}. A failed run is logged as a warning and the next tick tries
 * again; a tick that comes while the previous run is still going is skipped.
 */
public final class PeriodicCleanup {

  private final Vertx vertx;
  private final long timerId;

  private PeriodicCleanup(Vertx vertx, long timerId) {
    this.vertx = vertx;
    this.timerId = timerId;
  }

  /**
   * Starts the timer. The first run is one {@code interval} from now.
   *
   * @param vertx the timer's Vert.x instance
   * @param interval time between runs; zero or negative starts nothing (then {@link #stop()} does
   *     nothing either)
   * @param cleanup called on each tick (on the Vert.x event loop: it must not block); its item is
   *     the number of rows deleted
   * @param log the owner's logger: a debug line when rows were deleted, a warning when a run fails
   * @param what names the clean-up and its rows in those lines, e.g. {@code "Inbox cleanup"} and
   *     {@code "event ids"}
   * @param rows see {@code what}
   * @return the handle to stop it with
   * @throws NullPointerException if an argument is null
   */
  public static PeriodicCleanup start(
      Vertx vertx,
      Duration interval,
      Supplier<Uni<Long>> cleanup,
      Logger log,
      String what,
      String rows) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(cleanup, "cleanup");
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(rows, "rows");
    long intervalMs = interval.toMillis();
    if (intervalMs <= 0) {
      return new PeriodicCleanup(vertx, -1);
    }
    AtomicBoolean running = new AtomicBoolean();
    long timerId =
        vertx.setPeriodic(
            intervalMs,
            id -> {
              if (!running.compareAndSet(false, true)) {
                return; // the previous run is still deleting
              }
              Uni.createFrom()
                  .deferred(cleanup::get)
                  .onTermination()
                  .invoke(() -> running.set(false))
                  .subscribe()
                  .with(
                      deleted -> {
                        if (deleted > 0) {
                          log.debugf("%s deleted %d %s", what, deleted, rows);
                        }
                      },
                      failure -> log.warnf(failure, "%s failed; it runs again later", what));
            });
    return new PeriodicCleanup(vertx, timerId);
  }

  /** Cancels the timer; a run in progress finishes. Calling it again does nothing. */
  public void stop() {
    if (timerId != -1) {
      vertx.cancelTimer(timerId);
    }
  }
}
