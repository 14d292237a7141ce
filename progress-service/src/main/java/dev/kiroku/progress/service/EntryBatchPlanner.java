package dev.kiroku.progress.service;

import dev.kiroku.platform.batch.GroupCommit.Outcome;
import dev.kiroku.platform.outbox.OutboxEvent;
import dev.kiroku.progress.domain.Entry;
import dev.kiroku.progress.domain.EntryChange;
import dev.kiroku.progress.domain.EntryResult;
import dev.kiroku.progress.domain.EntryRules;
import dev.kiroku.progress.domain.RatingScale;
import dev.kiroku.progress.event.ProgressEventFactory;
import dev.kiroku.progress.repository.EntryBatchRepository.HistoryChanges;
import dev.kiroku.progress.repository.EntryBatchRepository.Key;
import dev.kiroku.progress.repository.EntryListKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides what a batch of entry writes does, in Java, before anything is written: each write is
 * resolved against the entry as the writes before it in the batch left it (a second write of the
 * same entry sees the first one's result and its {@code If-Match} is checked against it), then the
 * rules ({@link EntryRules}) give the new state. A write the rules reject fails alone and
 * contributes nothing. No I/O.
 */
final class EntryBatchPlanner {

  /**
   * The batch's writes.
   *
   * @param outcomes one per write, in batch order
   * @param updated the final state of every stored entry that changed
   * @param previousVersions the version each {@code updated} entry was read (and locked) at
   * @param inserted the final state of every new entry
   * @param unmark per step of a same-entry sequence: the units to unmark (run, after position)
   * @param mark per step of a same-entry sequence: the units to mark watched
   * @param events the outbox events, in the order the changes happened
   * @param written every changed entry as stored before the batch and after it, for the lists'
   *     order rows and counts
   */
  record Plan(
      List<Outcome<EntryResult>> outcomes,
      List<Entry> updated,
      List<Long> previousVersions,
      List<Entry> inserted,
      List<HistoryChanges> unmark,
      List<HistoryChanges> mark,
      List<OutboxEvent> events,
      List<EntryListKeys.Written> written) {

    /** Whether the batch writes anything. */
    boolean writes() {
      return !updated.isEmpty() || !inserted.isEmpty();
    }
  }

  private final ProgressEventFactory events;

  EntryBatchPlanner(ProgressEventFactory events) {
    this.events = events;
  }

  /**
   * @param stored the locked entries of the batch's keys (absent: no entry yet)
   * @param scales the users' rating scales (absent: the default)
   * @param now the batch's time (every change's {@code updatedAt} and events' time)
   */
  Plan plan(
      List<EntryWrite> batch,
      Map<Key, Entry> stored,
      Map<String, RatingScale> scales,
      Instant now) {
    List<Outcome<EntryResult>> outcomes = new ArrayList<>(batch.size());
    List<HistoryChanges> unmark = new ArrayList<>();
    List<HistoryChanges> mark = new ArrayList<>();
    List<OutboxEvent> out = new ArrayList<>();
    Map<Key, Entry> current = new HashMap<>(stored);
    Map<Key, Integer> steps = new HashMap<>();
    Map<Key, Entry> last = new LinkedHashMap<>();
    for (EntryWrite write : batch) {
      Key key = write.key();
      Entry cur = current.get(key);
      RatingScale scale = scales.getOrDefault(write.userId(), RatingScale.DEFAULT);
      try {
        EntryChange asked = write.command().resolve(cur, write.media().id(), write.ifMatch());
        EntryRules.Change change =
            EntryRules.apply(cur, write.userId(), write.media(), asked, scale, now);
        if (EntryRules.unchanged(cur, change)) {
          outcomes.add(Outcome.of(EntryResult.read(cur, write.media(), scale)));
          continue;
        }
        Entry e = change.entry();
        e.version = (cur == null ? 0 : cur.version) + 1;
        e.updatedAt = now;
        int step = steps.merge(key, 1, Integer::sum) - 1;
        if (change.lowerTo() != null) {
          step(unmark, step).add(e.id, e.currentRun(), change.lowerTo());
        }
        for (var unit : change.mark()) {
          step(mark, step).add(e.id, e.currentRun(), unit);
        }
        out.addAll(events.changed(cur, e, write.media(), now));
        current.put(key, e);
        last.put(key, e);
        outcomes.add(Outcome.of(new EntryResult(e, write.media(), scale, cur == null)));
      } catch (RuntimeException rejected) {
        outcomes.add(Outcome.failed(rejected));
      }
    }
    List<Entry> updated = new ArrayList<>();
    List<Long> previousVersions = new ArrayList<>();
    List<Entry> inserted = new ArrayList<>();
    List<EntryListKeys.Written> written = new ArrayList<>();
    for (var changed : last.entrySet()) {
      Entry before = stored.get(changed.getKey());
      written.add(new EntryListKeys.Written(before, changed.getValue()));
      if (before == null) {
        inserted.add(changed.getValue());
      } else {
        updated.add(changed.getValue());
        previousVersions.add(before.version);
      }
    }
    return new Plan(outcomes, updated, previousVersions, inserted, unmark, mark, out, written);
  }

  private static HistoryChanges step(List<HistoryChanges> steps, int step) {
    while (steps.size() <= step) {
      steps.add(new HistoryChanges());
    }
    return steps.get(step);
  }
}
