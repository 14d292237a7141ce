package dev.kiroku.progress.service;

import dev.kiroku.contracts.progress.MediaSummary;
import dev.kiroku.platform.outbox.Outbox;
import dev.kiroku.platform.outbox.OutboxEvent;
import dev.kiroku.platform.outbox.OutboxRelay;
import dev.kiroku.platform.problem.CommonErrorCode;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.progress.domain.Entry;
import dev.kiroku.progress.domain.EntryRules;
import dev.kiroku.progress.domain.RatingScale;
import dev.kiroku.progress.event.ProgressEventFactory;
import dev.kiroku.progress.repository.EntryRepository;
import dev.kiroku.progress.repository.EntryRepository.HistoryChanges;
import dev.kiroku.progress.repository.EntryRepository.Key;
import dev.kiroku.progress.rest.EntryRequest;
import dev.kiroku.progress.rest.EntryView;
import dev.kiroku.progress.service.EntryService.Saved;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Group commit for {@code PUT /entries/{mediaId}}: concurrent PUTs wait in a bounded queue, and one
 * writer per shard takes up to {@code maxBatch} of them and runs them in ONE transaction with
 * multi-row statements:
 *
 * <ol>
 *   <li>{@code BEGIN}, the entries of every (user, media) pair locked ({@code FOR UPDATE}, id
 *       order) and the users' rating scales: one round trip;
 *   <li>the rules applied in Java, request by request in arrival order (a second request for the
 *       same entry sees the first one's result; its {@code If-Match} is checked against it);
 *   <li>one {@code UPDATE ... FROM unnest} (only where the stored version is still the one read),
 *       one {@code INSERT ... SELECT FROM unnest} for new entries, the history changes (one delete
 *       and one insert per position in a same-entry sequence) and one multi-row outbox insert: one
 *       round trip; then {@code COMMIT}.
 * </ol>
 *
 * <p>Each request gets its own answer: a request the rules reject (412, 409, 422) fails alone and
 * writes nothing; the others commit. When the batch's SQL fails (e.g. another path created the same
 * entry first, or a version moved), the transaction rolls back and the batch's requests run one by
 * one through the single-request path, so nothing is ever partly written.
 *
 * <p>The shard of a request is a hash of (user, media): requests for one entry always go to the
 * same writer, which runs one batch at a time, so batches never wait for each other's row locks and
 * the events of one entry are appended in request order. The queue of each shard holds at most
 * {@code capacity} requests; when it is full the request fails at once with 503 {@code
 * SERVICE_UNAVAILABLE} ({@link Busy}, answered with {@code Retry-After: 1}).
 *
 * <p>Metrics: {@code kiroku_progress_put_batch_size} (requests per transaction) and {@code
 * kiroku_progress_put_batch_fallbacks_total} on {@code /q/metrics}.
 *
 * <p>Durability is unchanged: a request is answered only after its batch's {@code COMMIT} returned.
 */
final class EntryWriteBatcher {

  private static final Logger LOG = Logger.getLogger(EntryWriteBatcher.class);

  /** The request could not be queued: the writer's queue is full. Maps to 503 + Retry-After. */
  static final class Busy extends ProblemException {
    Busy() {
      super(
          CommonErrorCode.SERVICE_UNAVAILABLE,
          "Too many library writes are waiting; retry in a second.");
    }
  }

  /** One queued PUT. */
  record Job(
      String userId,
      MediaSummary media,
      EntryRequest request,
      Long ifMatch,
      Context context,
      UniEmitter<? super Saved> emitter) {

    Key key() {
      return new Key(userId, media.id());
    }

    void complete(Saved saved) {
      run(() -> emitter.complete(saved));
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

  private final Pool pool;
  private final EntryRepository repo;
  private final ProgressEventFactory events;
  private final Outbox outbox;
  private final OutboxRelay relay;
  private final Function<Job, Uni<Saved>> single;
  private final DistributionSummary batchSizes;
  private final Counter fallbacks;
  private final Shard[] shards;
  private final int maxBatch;
  private final int capacity;

  /**
   * @param single the single-request path, used when a batch's SQL fails
   * @param shards writers (at least 1)
   * @param maxBatch most requests per transaction (at least 1)
   * @param capacity most requests waiting per writer (at least 1)
   */
  EntryWriteBatcher(
      Pool pool,
      EntryRepository repo,
      ProgressEventFactory events,
      Outbox outbox,
      OutboxRelay relay,
      Function<Job, Uni<Saved>> single,
      MeterRegistry metrics,
      int shards,
      int maxBatch,
      int capacity) {
    this.pool = pool;
    this.repo = repo;
    this.events = events;
    this.outbox = outbox;
    this.relay = relay;
    this.single = single;
    this.batchSizes =
        DistributionSummary.builder("kiroku.progress.put.batch.size")
            .description("PUT requests committed per transaction")
            .register(metrics);
    this.fallbacks =
        Counter.builder("kiroku.progress.put.batch.fallbacks")
            .description("PUT batches rolled back and run one request at a time")
            .register(metrics);
    this.shards = new Shard[Math.max(1, shards)];
    for (int i = 0; i < this.shards.length; i++) {
      this.shards[i] = new Shard();
    }
    this.maxBatch = Math.max(1, maxBatch);
    this.capacity = Math.max(1, capacity);
  }

  /**
   * Queues a PUT and answers when its batch committed (or it failed alone).
   *
   * @return the saved entry; fails with {@link Busy} when the queue is full, or with the request's
   *     own {@link ProblemException}
   */
  Uni<Saved> submit(String userId, MediaSummary media, EntryRequest request, Long ifMatch) {
    return Uni.createFrom()
        .emitter(
            emitter -> {
              Job job = new Job(userId, media, request, ifMatch, Vertx.currentContext(), emitter);
              Shard shard = shards[Math.floorMod(job.key().hashCode(), shards.length)];
              if (shard.queued.incrementAndGet() > capacity) {
                shard.queued.decrementAndGet();
                emitter.fail(new Busy());
                return;
              }
              shard.queue.add(job);
              drain(shard);
            });
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
              LOG.errorf(failure, "A PUT batch failed unexpectedly");
              for (Job j : batch) {
                j.fail(failure);
              }
              next(shard);
            });
  }

  private void next(Shard shard) {
    shard.running.set(false);
    if (!shard.queue.isEmpty()) {
      drain(shard);
    }
  }

  /** What the rules decided for one request. */
  private static final class Outcome {
    Saved saved;
    RuntimeException failure;
  }

  /** The batch's writes, computed in Java. */
  private static final class Plan {
    final List<Outcome> outcomes = new ArrayList<>();
    final List<Entry> updated = new ArrayList<>();
    final List<Long> previousVersions = new ArrayList<>();
    final List<Entry> inserted = new ArrayList<>();
    final List<HistoryChanges> unmark = new ArrayList<>();
    final List<HistoryChanges> mark = new ArrayList<>();
    final List<OutboxEvent> out = new ArrayList<>();

    boolean writes() {
      return !updated.isEmpty() || !inserted.isEmpty();
    }

    HistoryChanges round(List<HistoryChanges> rounds, int round) {
      while (rounds.size() <= round) {
        rounds.add(new HistoryChanges());
      }
      return rounds.get(round);
    }
  }

  /** Runs one batch; completes (never fails) once every job has its answer. */
  private Uni<Void> run(List<Job> batch) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    LinkedHashSet<Key> keys = new LinkedHashSet<>();
    LinkedHashSet<String> users = new LinkedHashSet<>();
    for (Job job : batch) {
      keys.add(job.key());
      users.add(job.userId());
    }
    return pool.withConnection(
            conn -> {
              Uni<Void> begin = conn.query("BEGIN").execute().replaceWithVoid();
              Uni<Map<Key, Entry>> locked = repo.lockAll(conn, keys);
              Uni<Map<String, RatingScale>> scales = repo.scales(conn, users);
              return Uni.combine()
                  .all()
                  .unis(begin, locked, scales)
                  .asTuple()
                  .flatMap(t -> write(conn, plan(batch, t.getItem2(), t.getItem3(), now), now))
                  .onFailure()
                  .call(() -> conn.query("ROLLBACK").execute().onFailure().recoverWithNull());
            })
        .map(
            plan -> {
              for (int i = 0; i < batch.size(); i++) {
                Outcome o = plan.outcomes.get(i);
                if (o.failure != null) {
                  batch.get(i).fail(o.failure);
                } else {
                  batch.get(i).complete(o.saved);
                }
              }
              return (Void) null;
            })
        .onFailure()
        .recoverWithUni(failure -> oneByOne(batch, failure));
  }

  /** The writes of {@code plan} and {@code COMMIT}; fails (for a rollback) if a version moved. */
  private Uni<Plan> write(SqlConnection conn, Plan plan, Instant now) {
    if (!plan.writes()) {
      return conn.query("COMMIT").execute().replaceWith(plan);
    }
    List<Uni<Void>> writes = new ArrayList<>();
    if (!plan.updated.isEmpty()) {
      writes.add(
          repo.updateAll(conn, plan.updated, plan.previousVersions)
              .invoke(
                  count -> {
                    if (count != plan.updated.size()) {
                      throw new IllegalStateException(
                          "an entry version moved under its row lock: updated "
                              + count
                              + " of "
                              + plan.updated.size());
                    }
                  })
              .replaceWithVoid());
    }
    if (!plan.inserted.isEmpty()) {
      writes.add(repo.insertAll(conn, plan.inserted));
    }
    for (int r = 0; r < Math.max(plan.unmark.size(), plan.mark.size()); r++) {
      writes.add(
          repo.changeHistory(
              conn,
              r < plan.unmark.size() ? plan.unmark.get(r) : new HistoryChanges(),
              r < plan.mark.size() ? plan.mark.get(r) : new HistoryChanges(),
              now));
    }
    writes.add(outbox.append(conn, plan.out));
    // all statements are sent at once (pipelined); COMMIT only after every one succeeded
    return Uni.join()
        .all(writes)
        .andFailFast()
        .flatMap(done -> conn.query("COMMIT").execute())
        .invoke(relay::wake)
        .replaceWith(plan);
  }

  /** Applies the rules to every job in order; pure Java. */
  private Plan plan(
      List<Job> batch, Map<Key, Entry> stored, Map<String, RatingScale> scales, Instant now) {
    Plan plan = new Plan();
    Map<Key, Entry> current = new HashMap<>(stored);
    Map<Key, Integer> changes = new HashMap<>();
    Map<Key, Entry> last = new LinkedHashMap<>();
    for (Job job : batch) {
      Outcome outcome = new Outcome();
      plan.outcomes.add(outcome);
      Key key = job.key();
      Entry cur = current.get(key);
      RatingScale scale = scales.getOrDefault(job.userId(), RatingScale.DEFAULT);
      try {
        EntryService.checkVersion(cur, job.ifMatch());
        EntryRules.Change change =
            EntryRules.apply(cur, job.userId(), job.media(), job.request(), scale, now);
        if (EntryService.unchanged(cur, change)) {
          outcome.saved = new Saved(EntryView.of(cur, job.media(), scale, true), false);
          continue;
        }
        Entry e = change.entry();
        e.version = (cur == null ? 0 : cur.version) + 1;
        e.updatedAt = now;
        List<OutboxEvent> out = events.changed(cur, e, job.media(), now);
        EntryView view = EntryView.of(e, job.media(), scale, true);
        int round = changes.merge(key, 1, Integer::sum) - 1;
        if (change.lowerTo() != null) {
          plan.round(plan.unmark, round).add(e.id, e.currentRun(), change.lowerTo());
        }
        for (var unit : change.mark()) {
          plan.round(plan.mark, round).add(e.id, e.currentRun(), unit);
        }
        plan.out.addAll(out);
        current.put(key, e);
        last.put(key, e);
        outcome.saved = new Saved(view, cur == null);
      } catch (RuntimeException rejected) {
        outcome.failure = rejected;
      }
    }
    for (var changed : last.entrySet()) {
      Entry before = stored.get(changed.getKey());
      if (before == null) {
        plan.inserted.add(changed.getValue());
      } else {
        plan.updated.add(changed.getValue());
        plan.previousVersions.add(before.version);
      }
    }
    return plan;
  }

  /** After a failed batch: every job through the single-request path, in order, one at a time. */
  private Uni<Void> oneByOne(List<Job> batch, Throwable cause) {
    LOG.debugf(cause, "PUT batch of %d rolled back; running its requests one by one", batch.size());
    fallbacks.increment();
    return Multi.createFrom()
        .iterable(batch)
        .onItem()
        .transformToUniAndConcatenate(
            job ->
                Uni.createFrom()
                    .deferred(() -> single.apply(job))
                    .onItemOrFailure()
                    .transform(
                        (saved, failure) -> {
                          if (failure != null) {
                            job.fail(failure);
                          } else {
                            job.complete(saved);
                          }
                          return true;
                        }))
        .collect()
        .last()
        .replaceWithVoid();
  }
}
