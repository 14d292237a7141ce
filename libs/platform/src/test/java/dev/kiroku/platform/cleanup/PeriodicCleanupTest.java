package dev.kiroku.platform.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The timer shared by the inbox and outbox clean-ups (their deletes: InboxTest,
 * OutboxPublisherTest).
 */
class PeriodicCleanupTest {

  private static final Logger LOG = Logger.getLogger(PeriodicCleanupTest.class);
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void runsEveryIntervalKeepsGoingAfterAFailureAndStops() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    PeriodicCleanup cleanup =
        PeriodicCleanup.start(
            vertx,
            Duration.ofMillis(20),
            () ->
                runs.incrementAndGet() == 1
                    ? Uni.createFrom().failure(new IllegalStateException("database away"))
                    : Uni.createFrom().item(3L),
            LOG,
            "Test cleanup",
            "rows");

    await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 3);
    cleanup.stop();
    int stoppedAt = runs.get();
    Thread.sleep(100);

    assertThat(runs.get()).isBetween(stoppedAt, stoppedAt + 1);
    cleanup.stop(); // again: nothing
  }

  @Test
  void aTickWhileTheLastRunIsStillGoingIsSkipped() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    PeriodicCleanup cleanup =
        PeriodicCleanup.start(
            vertx,
            Duration.ofMillis(10),
            () -> {
              runs.incrementAndGet();
              return Uni.createFrom().<Long>nothing(); // never finishes
            },
            LOG,
            "Test cleanup",
            "rows");

    await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 1);
    Thread.sleep(150); // 15 more ticks
    cleanup.stop();

    assertThat(runs.get()).isEqualTo(1);
  }

  @Test
  void aZeroIntervalRunsNothing() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    PeriodicCleanup cleanup =
        PeriodicCleanup.start(
            vertx,
            Duration.ZERO,
            () -> Uni.createFrom().item((long) runs.incrementAndGet()),
            LOG,
            "Test cleanup",
            "rows");

    Thread.sleep(50);
    cleanup.stop();

    assertThat(runs.get()).isZero();
  }
}
