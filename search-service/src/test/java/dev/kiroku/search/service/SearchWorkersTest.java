package dev.kiroku.search.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.search.config.SearchConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link SearchWorkers}: bounded threads and queue, failures passed on, 503 when full. */
class SearchWorkersTest {

  static SearchConfig config(int workers, int queue) {
    return new SearchConfig() {
      @Override
      public Path indexDir() {
        return Path.of("unused");
      }

      @Override
      public Duration commitInterval() {
        return Duration.ofSeconds(5);
      }

      @Override
      public Optional<Integer> workers() {
        return Optional.of(workers);
      }

      @Override
      public int queueCapacity() {
        return queue;
      }
    };
  }

  @Test
  void runsWorkOnASearchWorkerAndPassesFailuresOn() {
    SearchWorkers workers = new SearchWorkers(config(1, 4), new SimpleMeterRegistry());
    try {
      assertThat(
              workers
                  .run(() -> Thread.currentThread().getName())
                  .await()
                  .atMost(Duration.ofSeconds(5)))
          .startsWith("search-worker-");
      assertThatThrownBy(
              () ->
                  workers
                      .run(
                          () -> {
                            throw new IllegalStateException("index closed");
                          })
                      .await()
                      .atMost(Duration.ofSeconds(5)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("index closed");
    } finally {
      workers.stop();
    }
  }

  @Test
  void aFullQueueIsA503WithRetryAfterAndTheQueuedWorkStillRuns() throws Exception {
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    SearchWorkers workers = new SearchWorkers(config(1, 1), metrics);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      var running =
          workers
              .run(
                  () -> {
                    started.countDown();
                    try {
                      release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    return "first";
                  })
              .subscribeAsCompletionStage();
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
      var queued = workers.run(() -> "second").subscribeAsCompletionStage();
      assertThat(metrics.get("kiroku.search.workers.queued").gauge().value()).isEqualTo(1);

      assertThatThrownBy(() -> workers.run(() -> "third").await().atMost(Duration.ofSeconds(5)))
          .isInstanceOfSatisfying(
              ProblemException.class,
              busy -> {
                assertThat(busy.errorCode()).isEqualTo(SearchErrorCode.SEARCH_BUSY);
                assertThat(busy.errorCode().status()).isEqualTo(503);
                assertThat(busy.retryAfterSeconds()).isEqualTo(1);
              });

      release.countDown();
      assertThat(running.get(5, TimeUnit.SECONDS)).isEqualTo("first");
      assertThat(queued.get(5, TimeUnit.SECONDS)).isEqualTo("second");
    } finally {
      release.countDown();
      workers.stop();
    }
  }
}
