package dev.kiroku.platform.batch;

import dev.kiroku.platform.problem.CommonErrorCode;
import dev.kiroku.platform.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Group commit: writes wait in a bounded queue, and one writer per shard takes up to {@code
 * batchSize} of them into ONE transaction ({@link Writer}), so at low load a write runs alone at
 * once and under load many share one commit. Each write is answered after the commit, with its own
 * result or its own failure, on the event loop it was submitted from.
 *
 * <p>When a batch fails (a statement failed and the transaction rolled back), its writes run again
 * one by one, each as a batch of one through the same writer, retried up to twice more while {@code
 * retryAlone} accepts the failure (e.g. a concurrent insert of the same row), so nothing is ever
 * partly written and one bad write never fails the others.
 *
 * <p>The shard of a write is a hash of its {@code shardKey}: writes of one key always go to the
 * same writer, which runs one batch at a time, so a key's writes commit in submission order. A
 * shard holds at most {@code queueCapacity} waiting writes; beyond it a write fails at once with
 * 503 {@code SERVICE_UNAVAILABLE} and {@code Retry-After: 1}.
 *
 * <p>Metrics: {@code <metricPrefix>.batch.size} (writes per transaction) and {@code
 * <metricPrefix>.batch.fallbacks} (batches rolled back and run one by one); on {@code /q/metrics}
 * with dots as underscores ({@code kiroku_progress_put_batch_size}).
 *
 * @param <W> a write (the request, already validated)
 * @param <R> what a write answers
 */
public final class GroupCommit<W, R> {

  private static final Logger LOG = Logger.getLogger(GroupCommit.class);

  /**
   * Writes a batch in one transaction.
   *
   * @param <W> a write
   * @param <R> what a write answers
   */
  @FunctionalInterface
  public interface Writer<W, R> {
    /**
     * @param batch 1 to {@code batchSize} writes, in submission order
     * @return one outcome per write, in batch order, once committed; a failed Uni when the
     *     transaction rolled back (nothing of the batch written)
     */
    Uni<List<Outcome<R>>> write(List<W> batch);
  }

  /**
   * What one write of a committed batch came to: a result, or its own failure (a {@link
   * ProblemException} the caller answers with; the batch's other writes are committed).
   */
  public record Outcome<R>(R result, Throwable failure) {

    /** The write succeeded with {@code result} ({@code null} for no body). */
    public static <R> Outcome<R> of(R result) {
      return new Outcome<>(result, null);
    }

    /** The write failed alone with {@code failure}; nothing of it was written. */
    public static <R> Outcome<R> failed(Throwable failure) {
      return new Outcome<>(null, Objects.requireNonNull(failure));
    }
  }

  /**
   * How many writers and how big their batches and queues are. A service's {@code @ConfigMapping}
   * extends it under its own prefix ({@code kiroku.progress.put}, {@code kiroku.social.follow}).
   */
  public interface Limits {

    /**
     * Writers: transactions in flight at once (shards), at least 1. On 2 shared cores one writer
     * makes the biggest batches (fewest statements and commits); raise it with the database's
     * cores.
     */
    @WithDefault("1")
    int writers();

    /** Most writes committed in one transaction, at least 1. */
    @WithDefault("64")
    int batchSize();

    /**
     * Most writes waiting per writer, at least 1; beyond it a write is refused at once with 503 and
     * {@code Retry-After: 1}.
     */
    @WithDefault("512")
    int queueCapacity();
  }

  /** One queued write and where to answer it (on the submitter's own event loop). */
  private record Job<W, R>(W write, Context context, UniEmitter<? super R> emitter) {

    void answer(Outcome<R> outcome) {
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

  private static final class Shard<W, R> {
    final ConcurrentLinkedQueue<Job<W, R>> queue = new ConcurrentLinkedQueue<>();
    final AtomicInteger queued = new AtomicInteger();
    final AtomicBoolean running = new AtomicBoolean();
  }

  private final String what;
  private final Writer<W, R> writer;
  private final Function<W, ?> shardKey;
  private final Predicate<Throwable> retryAlone;
  private final DistributionSummary batchSizes;
  private final Counter fallbacks;
  private final List<Shard<W, R>> shards;
  private final int maxBatch;
  private final int capacity;

  /**
   * @param what the writes in words, for the 503 detail and the logs ("library writes")
   * @param metricPrefix prefix of the two metrics ({@code kiroku.progress.put})
   * @param writer runs one batch in one transaction
   * @param shardKey the key whose writes must commit in order (same key, same writer)
   * @param retryAlone failures of a write run alone that are worth one more try (up to two)
   */
  public GroupCommit(
      String what,
      String metricPrefix,
      Writer<W, R> writer,
      Function<W, ?> shardKey,
      Predicate<Throwable> retryAlone,
      Limits limits,
      MeterRegistry metrics) {
    this.what = what;
    this.writer = writer;
    this.shardKey = shardKey;
    this.retryAlone = retryAlone;
    this.batchSizes =
        DistributionSummary.builder(metricPrefix + ".batch.size")
            .description(capitalized(what) + " committed per transaction")
            .register(metrics);
    this.fallbacks =
        Counter.builder(metricPrefix + ".batch.fallbacks")
            .description(capitalized(what) + " batches rolled back and run one write at a time")
            .register(metrics);
    int writers = Math.max(1, limits.writers());
    List<Shard<W, R>> list = new ArrayList<>(writers);
    for (int i = 0; i < writers; i++) {
      list.add(new Shard<>());
    }
    this.shards = List.copyOf(list);
    this.maxBatch = Math.max(1, limits.batchSize());
    this.capacity = Math.max(1, limits.queueCapacity());
  }

  /**
   * Queues {@code write} and answers when its batch committed (or it failed alone).
   *
   * @return the write's result; fails with 503 {@code SERVICE_UNAVAILABLE} ({@code Retry-After: 1})
   *     when its shard's queue is full, or with the write's own failure
   */
  public Uni<R> submit(W write) {
    return Uni.createFrom()
        .emitter(
            emitter -> {
              Job<W, R> job = new Job<>(write, Vertx.currentContext(), emitter);
              Shard<W, R> shard =
                  shards.get(Math.floorMod(Objects.hashCode(shardKey.apply(write)), shards.size()));
              if (shard.queued.incrementAndGet() > capacity) {
                shard.queued.decrementAndGet();
                emitter.fail(busy());
                return;
              }
              shard.queue.add(job);
              drain(shard);
            });
  }

  private ProblemException busy() {
    return new ProblemException(
            CommonErrorCode.SERVICE_UNAVAILABLE,
            "Too many " + what + " are waiting; retry in a second.")
        .retryAfter(1);
  }

  private void drain(Shard<W, R> shard) {
    if (!shard.running.compareAndSet(false, true)) {
      return; // the running batch drains again when it ends
    }
    List<Job<W, R>> batch = new ArrayList<>(Math.min(maxBatch, 64));
    Job<W, R> job;
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
              LOG.errorf(failure, "A batch of %s failed unexpectedly", what);
              batch.forEach(j -> j.fail(failure));
              next(shard);
            });
  }

  private void next(Shard<W, R> shard) {
    shard.running.set(false);
    if (!shard.queue.isEmpty()) {
      drain(shard);
    }
  }

  /** One batch; completes (never fails) once every job has its answer. */
  private Uni<Void> run(List<Job<W, R>> batch) {
    return Uni.createFrom()
        .deferred(() -> writer.write(batch.stream().map(Job::write).toList()))
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
  private Uni<Void> oneByOne(List<Job<W, R>> batch, Throwable cause) {
    LOG.debugf(cause, "A batch of %d %s rolled back; running it one by one", batch.size(), what);
    fallbacks.increment();
    return Multi.createFrom()
        .iterable(batch)
        .onItem()
        .transformToUniAndConcatenate(
            job ->
                Uni.createFrom()
                    .deferred(() -> writer.write(List.of(job.write())))
                    .onFailure(retryAlone)
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

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
