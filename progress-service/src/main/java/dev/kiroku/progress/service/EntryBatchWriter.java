package dev.kiroku.progress.service;

import dev.kiroku.platform.batch.GroupCommit.Outcome;
import dev.kiroku.platform.outbox.Outbox;
import dev.kiroku.progress.domain.Entry;
import dev.kiroku.progress.domain.EntryResult;
import dev.kiroku.progress.domain.RatingScale;
import dev.kiroku.progress.event.ProgressEventFactory;
import dev.kiroku.progress.repository.EntryBatchRepository;
import dev.kiroku.progress.repository.EntryBatchRepository.HistoryChanges;
import dev.kiroku.progress.repository.EntryBatchRepository.Key;
import dev.kiroku.progress.repository.EntryListKeys;
import dev.kiroku.progress.repository.SettingsRepository;
import dev.kiroku.progress.service.EntryBatchPlanner.Plan;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Writes a batch of PUTs and PATCHes in ONE transaction ({@code Pool.withTransaction}): a batch of
 * one is the same code. Per batch, whatever its size:
 *
 * <ol>
 *   <li>the entries of every (user, media) pair locked ({@code SELECT ... FOR UPDATE}, id order, so
 *       concurrent transactions never deadlock) and the users' rating scales, pipelined;
 *   <li>the plan, in Java ({@link EntryBatchPlanner});
 *   <li>one {@code UPDATE ... FROM unnest} of the changed entries (only where the stored version is
 *       the one read: otherwise the transaction fails and rolls back), one {@code INSERT ... SELECT
 *       FROM unnest} of new entries, the history changes (one multi-row delete and one multi-row
 *       insert per step of a same-entry sequence), one multi-row outbox insert and the lists' order
 *       rows and counts ({@code EntryListKeys}), pipelined;
 *   <li>{@code COMMIT}. The outbox wakes its relay once the commit is done.
 * </ol>
 */
@ApplicationScoped
class EntryBatchWriter {

  private final Pool pool;
  private final EntryBatchRepository entries;
  private final SettingsRepository settings;
  private final Outbox outbox;
  private final EntryListKeys listKeys;
  private final EntryBatchPlanner planner;

  @Inject
  EntryBatchWriter(
      Pool pool,
      EntryBatchRepository entries,
      SettingsRepository settings,
      Outbox outbox,
      EntryListKeys listKeys,
      ProgressEventFactory events) {
    this.pool = pool;
    this.entries = entries;
    this.settings = settings;
    this.outbox = outbox;
    this.listKeys = listKeys;
    this.planner = new EntryBatchPlanner(events);
  }

  /**
   * Runs {@code batch} in one transaction.
   *
   * @return one outcome per write, in batch order, once committed; fails (nothing written) when a
   *     statement fails, e.g. SQLSTATE 23505 when another transaction created one of the entries
   *     first
   */
  Uni<List<Outcome<EntryResult>>> write(List<EntryWrite> batch) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    LinkedHashSet<Key> keys = new LinkedHashSet<>();
    LinkedHashSet<String> users = new LinkedHashSet<>();
    for (EntryWrite write : batch) {
      keys.add(write.key());
      users.add(write.userId());
    }
    return pool.withTransaction(
        conn -> {
          Uni<Map<Key, Entry>> locked = entries.lockAll(conn, keys);
          Uni<Map<String, RatingScale>> scales = settings.scales(conn, users);
          return Uni.combine()
              .all()
              .unis(locked, scales)
              .asTuple()
              .flatMap(
                  t -> {
                    Plan plan = planner.plan(batch, t.getItem1(), t.getItem2(), now);
                    return apply(conn, plan, now).replaceWith(plan.outcomes());
                  });
        });
  }

  /** The plan's statements, all sent at once (pipelined); fails if a version moved. */
  private Uni<Void> apply(SqlConnection conn, Plan plan, Instant now) {
    if (!plan.writes()) {
      return Uni.createFrom().voidItem();
    }
    List<Uni<Void>> writes = new ArrayList<>();
    if (!plan.updated().isEmpty()) {
      writes.add(
          entries
              .updateAll(conn, plan.updated(), plan.previousVersions())
              .invoke(
                  count -> {
                    if (count != plan.updated().size()) {
                      throw new IllegalStateException(
                          "an entry version moved under its row lock: updated "
                              + count
                              + " of "
                              + plan.updated().size());
                    }
                  })
              .replaceWithVoid());
    }
    if (!plan.inserted().isEmpty()) {
      writes.add(entries.insertAll(conn, plan.inserted()));
    }
    for (int step = 0; step < Math.max(plan.unmark().size(), plan.mark().size()); step++) {
      writes.add(
          entries.changeHistory(conn, stepOf(plan.unmark(), step), stepOf(plan.mark(), step), now));
    }
    writes.add(outbox.append(conn, plan.events()));
    // the lists' order rows and counts: after the entry statements, count rows locked last
    writes.add(listKeys.written(conn, plan.written()));
    return Uni.join().all(writes).andFailFast().replaceWithVoid();
  }

  private static HistoryChanges stepOf(List<HistoryChanges> steps, int step) {
    return step < steps.size() ? steps.get(step) : new HistoryChanges();
  }
}
