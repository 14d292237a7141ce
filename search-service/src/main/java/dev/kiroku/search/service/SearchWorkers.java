package dev.kiroku.search.service;

import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.search.config.SearchConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The threads that do Lucene work: as many as the machine has processors ({@code
 * kiroku.search.workers}), in front of a bounded queue ({@code kiroku.search.queue-capacity}).
 * Searches then run one per core in arrival order instead of all at once on a large shared pool, so
 * a costly search is not stretched by time-slicing with every other one in flight.
 *
 * <p>Metrics: {@code kiroku_search_workers_queued} (searches waiting) and {@code
 * kiroku_search_workers_active}.
 */
@ApplicationScoped
public class SearchWorkers {

  private final ThreadPoolExecutor pool;

  SearchWorkers(SearchConfig config, MeterRegistry metrics) {
    int threads = Math.max(1, config.workers().orElse(Runtime.getRuntime().availableProcessors()));
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(Math.max(1, config.queueCapacity())),
            work -> {
              Thread thread = new Thread(work, "search-worker-" + n.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            },
            new ThreadPoolExecutor.AbortPolicy());
    Gauge.builder("kiroku.search.workers.queued", pool, p -> p.getQueue().size())
        .description("Searches waiting for a search worker")
        .register(metrics);
    Gauge.builder("kiroku.search.workers.active", pool, ThreadPoolExecutor::getActiveCount)
        .description("Search workers busy")
        .register(metrics);
  }

  /**
   * Runs {@code work} on a search worker.
   *
   * @return its result; fails with what it threw, or with 503 {@link SearchErrorCode#SEARCH_BUSY}
   *     ({@code Retry-After: 1}) when the queue is full
   */
  public <T> Uni<T> run(Supplier<T> work) {
    return Uni.createFrom()
        .emitter(
            emitter -> {
              try {
                pool.execute(
                    () -> {
                      T result;
                      try {
                        result = work.get();
                      } catch (Throwable failure) {
                        emitter.fail(failure);
                        return;
                      }
                      emitter.complete(result);
                    });
              } catch (RejectedExecutionException full) {
                emitter.fail(
                    new ProblemException(
                            SearchErrorCode.SEARCH_BUSY,
                            "Too many searches are waiting; retry in a second.")
                        .retryAfter(1));
              }
            });
  }

  @PreDestroy
  void stop() {
    pool.shutdownNow();
  }
}
