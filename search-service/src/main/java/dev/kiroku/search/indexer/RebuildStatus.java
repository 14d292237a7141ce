package dev.kiroku.search.indexer;

import java.time.Instant;

/**
 * State of the latest index rebuild.
 *
 * @param state {@code IDLE} (none since start), {@code RUNNING}, {@code DONE} or {@code FAILED}
 * @param startedAt when it started; null when idle
 * @param finishedAt when it finished; null unless done or failed
 * @param documents media items in the rebuilt index (when done)
 * @param durationMs wall time from start to swap, ms (when done)
 * @param error why it failed
 */
public record RebuildStatus(
    String state,
    Instant startedAt,
    Instant finishedAt,
    Integer documents,
    Long durationMs,
    String error) {

  static RebuildStatus idle() {
    return new RebuildStatus("IDLE", null, null, null, null, null);
  }

  static RebuildStatus running(Instant startedAt) {
    return new RebuildStatus("RUNNING", startedAt, null, null, null, null);
  }

  /** True while a rebuild is in progress. */
  public boolean isRunning() {
    return "RUNNING".equals(state);
  }
}
