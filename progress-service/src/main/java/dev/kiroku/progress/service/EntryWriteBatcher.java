package dev.kiroku.progress.service;

import dev.kiroku.platform.batch.GroupCommit;
import dev.kiroku.progress.config.EntryWriteConfig;
import dev.kiroku.progress.domain.EntryResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Group commit of entry writes (PUT and PATCH) through the platform's {@link GroupCommit}: one
 * writer per shard takes up to {@code batch-size} waiting writes into ONE transaction ({@link
 * EntryBatchWriter}), and each write is answered after the commit with its own entry or problem. A
 * batch that rolls back runs again one write at a time (a concurrent create of the same entry is
 * retried), so nothing is ever partly written.
 *
 * <p>The shard of a write is its (user, media) pair: writes of one entry go to the same writer, so
 * batches never wait for each other's row locks and an entry's events are appended in request
 * order. Settings: {@link EntryWriteConfig}; a full queue answers 503 {@code SERVICE_UNAVAILABLE}
 * with {@code Retry-After: 1}.
 *
 * <p>Metrics on {@code /q/metrics}: {@code kiroku_progress_put_batch_size} (writes per transaction)
 * and {@code kiroku_progress_put_batch_fallbacks_total} (batches rolled back and run one by one).
 */
@ApplicationScoped
public class EntryWriteBatcher {

  private final GroupCommit<EntryWrite, EntryResult> commits;

  @Inject
  EntryWriteBatcher(EntryBatchWriter writer, MeterRegistry metrics, EntryWriteConfig config) {
    this.commits =
        new GroupCommit<>(
            "entry writes (PUT, PATCH)",
            "kiroku.progress.put",
            writer::write,
            EntryWrite::key,
            EntryWriteBatcher::concurrentCreate,
            config,
            metrics);
  }

  /**
   * Queues a write and answers when its batch committed (or it failed alone).
   *
   * @return the entry as written (or as it was, when the write changed nothing); fails with 503
   *     {@code SERVICE_UNAVAILABLE} ({@code Retry-After: 1}) when the queue is full, or with the
   *     write's own {@link dev.kiroku.platform.problem.ProblemException}
   */
  Uni<EntryResult> submit(EntryWrite write) {
    return commits.submit(write);
  }

  /** Another transaction created the same entry first (the unique (user, media) constraint). */
  static boolean concurrentCreate(Throwable t) {
    return t instanceof PgException pg
        && "23505".equals(pg.getSqlState())
        && String.valueOf(pg.getConstraint()).startsWith("library_entry_user_media");
  }
}
