package dev.kiroku.progress.service;

import dev.kiroku.platform.problem.CommonErrorCode;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.progress.config.EntryWriteConfig;
import dev.kiroku.progress.domain.EntryResult;
import dev.kiroku.progress.service.EntryBatchPlanner.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Group commit of entry writes (PUT and PATCH): writes wait in a bounded queue, and one writer per
 * shard takes up to {@code batch-size} of them into ONE transaction ({@link EntryBatchWriter}), so
 * at low load a write runs alone at once and under load many share one commit. Each write is
 * answered after the commit, with its own entry or its own problem.
 *
 * <p>When a batch's SQL fails (another path created the same entry first, a deadlock with a user
 * deletion, ...), it rolls back and its writes run again one by one, each as a batch of one through
 * the same writer (retried once more on a concurrent create), so nothing is ever partly written.
 *
 * <p>The shard of a write is a hash of (user, media): writes of one entry always go to the same
 * writer, which runs one batch at a time, so batches never wait for each other's row locks and the
 * events of one entry are appended in request order. A shard's queue holds at most {@code
 * queue-capacity} writes; beyond it a write fails at once with 503 {@code SERVICE_UNAVAILABLE} and
 * {@code Retry-After: 1}. Settings: {@link EntryWriteConfig}.
 *
 * <p>Metrics on {@code /q/metrics}: {@code kiroku_progress_put_batch_size} (writes per transaction)
 * and {@code kiroku_progress_put_batch_fallbacks_total} (batches rolled back and run one by one).
 */
@ApplicationScoped
public class EntryWriteBatcher {

  private static final Logger LOG = Logger.getLogger(EntryWriteBatcher.class);

  /** One queued write and where to answer it (on the request's own event loop). */
  private record Job(EntryWrite write, Context context, UniEmitter<? super EntryResult> emitter) {

    void answer(Outcome outcome) {
      run(
          () -> {
            if (outcome.failure() != null) {
              emitter.fail(outcome.failure());
            } else {
              emitter.complete(outcome.result());
            }
          });
    }

    void fail(Throwable failure) {
      run(() -> emitter.fail(failure));
    }

    private void run(Runnable action) {
      if (context == null || Vertx.currentContext() == context) {
        action.run();
      } else {
        context.runOnContext(v -> action.run());
      }
    }
  }

  private static final class Shard {
    final ConcurrentLinkedQueue<Job> queue = new ConcurrentLinkedQueue<>();
    final AtomicInteger queued = new AtomicInteger();
    final AtomicBoolean running = new AtomicBoolean();
  }

  private final EntryBatchWriter writer;
  private final DistributionSummary batchSizes;
  private final Counter fallbacks;
  private final Shard[] shards;
  private final int maxBatch;
  private final int capacity;

  @Inject
  EntryWriteBatcher(EntryBatchWriter writer, MeterRegistry metrics, EntryWriteConfig config) {
    this.writer = writer;
    this.batchSizes =
        DistributionSummary.builder("kiroku.progress.put.batch.size")
            .description("Entry writes (PUT, PATCH) committed per transaction")
            .register(metrics);
    this.fallbacks =
        Counter.builder("kiroku.progress.put.batch.fallbacks")
            .description("Entry write batches rolled back and run one write at a time")
            .register(metrics);
    this.shards = new Shard[Math.max(1, config.writers())];
    for (int i = 0; i < shards.length; i++) {
      shards[i] = new Shard();
    }
    this.maxBatch = Math.max(1, config.batchSize());
    this.capacity = Math.max(1, config.queueCapacity());
  }

  /**
   * Queues a write and answers when its batch committed (or it failed alone).
   *
   * @return the entry as written (or as it was, when the write changed nothing); fails with 503
   *     {@code SERVICE_UNAVAILABLE} ({@code Retry-After: 1}) when the queue is full, or with the
   *     write's own {@link ProblemException}
   */
  Uni<EntryResult> submit(EntryWrite write) {
    return Uni.createFrom()
        .emitter(
            emitter -> {
              Job job = new Job(write, Vertx.currentContext(), emitter);
              Shard shard = shards[Math.floorMod(write.key().hashCode(), shards.length)];
              if (shard.queued.incrementAndGet() > capacity) {
                shard.queued.decrementAndGet();
                emitter.fail(busy());
                return;
              }
              shard.queue.add(job);
              drain(shard);
            });
  }

  private static ProblemException busy() {
    return new ProblemException(
            CommonErrorCode.SERVICE_UNAVAILABLE,
            "Too many library writes are waiting; retry in a second.")
        .retryAfter(1);
  }

  private void drain(Shard shard) {
    if (!shard.running.compareAndSet(false, true)) {
      return; // the running batch drains again when it ends
    }
    List<Job> batch = new ArrayList<>(Math.min(maxBatch, 64));
    Job job;
    while (batch.size() < maxBatch && (job = shard.queue.poll()) != null) {
      batch.add(job);
    }
    if (batch.isEmpty()) {
      shard.running.set(false);
      if (!shard.queue.isEmpty()) {
        drain(shard);
      }
      return;
    }
    shard.queued.addAndGet(-batch.size());
    batchSizes.record(batch.size());
    run(batch)
        .subscribe()
        .with(
            done -> next(shard),
            failure -> {
              LOG.errorf(failure, "An entry write batch failed unexpectedly");
              batch.forEach(j -> j.fail(failure));
              next(shard);
            });
  }

  private void next(Shard shard) {
    shard.running.set(false);
    if (!shard.queue.isEmpty()) {
      drain(shard);
    }
  }

  /** One batch; completes (never fails) once every job has its answer. */
  private Uni<Void> run(List<Job> batch) {
    return writer
        .write(batch.stream().map(Job::write).toList())
        .invoke(
            outcomes -> {
              for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answer(outcomes.get(i));
              }
            })
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(failure -> oneByOne(batch, failure));
  }

  /** After a failed batch: every job as a batch of one, in order, one at a time. */
  private Uni<Void> oneByOne(List<Job> batch, Throwable cause) {
    LOG.debugf(cause, "Entry write batch of %d rolled back; running it one by one", batch.size());
    fallbacks.increment();
    return Multi.createFrom()
        .iterable(batch)
        .onItem()
        .transformToUniAndConcatenate(
            job ->
                Uni.createFrom()
                    .deferred(() -> writer.write(List.of(job.write())))
                    .onFailure(EntryWriteBatcher::concurrentCreate)
                    .retry()
                    .atMost(2)
                    .onItemOrFailure()
                    .transform(
                        (outcomes, failure) -> {
                          if (failure != null) {
                            job.fail(failure);
                          } else {
                            job.answer(outcomes.get(0));
                          }
                          return true;
                        }))
        .collect()
        .last()
        .replaceWithVoid();
  }

  /** Another transaction created the same entry first (the unique (user, media) constraint). */
  static boolean concurrentCreate(Throwable t) {
    return t instanceof PgException pg
        && "23505".equals(pg.getSqlState())
        && String.valueOf(pg.getConstraint()).startsWith("library_entry_user_media");
  }
}
