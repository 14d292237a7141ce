package dev.kiroku.progress.domain;

import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.progress.EntryStatus;
import dev.kiroku.contracts.progress.MediaSummary;
import dev.kiroku.contracts.progress.Progress;
import dev.kiroku.platform.problem.CommonErrorCode;
import dev.kiroku.platform.problem.Problem;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.progress.domain.MediaUnits.Unit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Episode-level rules (chapters for manga): which units an {@code /episodes} request names, what
 * marking or unmarking them does to the entry's status, and what comes next. Pure: no I/O.
 */
public final class EpisodeRules {

  /** Most units one {@code /episodes} request may mark or unmark. */
  public static final int MAX_UNITS_PER_REQUEST = 2_000;

  private EpisodeRules() {}

  /** What comes after the entry's position: caught up when completed or the next has not aired. */
  public static NextEpisode next(Entry entry, MediaSummary media) {
    if (entry.status == EntryStatus.COMPLETED) {
      return new NextEpisode(true, null);
    }
    MediaUnits.Next n =
        new MediaUnits(media).next(EntryRules.position(media.type(), entry.progress));
    return new NextEpisode(
        n.caughtUp(),
        n.caughtUp() ? null : EntryRules.withPosition(media.type(), Progress.NONE, n.unit()));
  }

  /**
   * The units an {@code /episodes} request names.
   *
   * @throws ProblemException 400 {@code VALIDATION_FAILED} (neither or both of episode and range),
   *     422 {@code INVALID_PROGRESS} (a type without episodes, a reversed or too long range, an
   *     unknown season, a unit beyond the known total)
   */
  public static List<Unit> units(MediaSummary m, EpisodeMarks r) {
    MediaUnits mu = new MediaUnits(m);
    if (!MediaUnits.hasHistory(m.type())) {
      throw EntryRules.invalidProgress(
          "mediaId",
          "episodes and chapters are tracked for anime, TV, manga and podcasts, not " + m.type());
    }
    boolean single = r.episode() != null;
    boolean range = r.from() != null || r.to() != null;
    if (single == range || (range && (r.from() == null || r.to() == null))) {
      throw new ProblemException(
          CommonErrorCode.VALIDATION_FAILED,
          "Give either episode, or from and to.",
          List.of(new Problem.Violation("episode", "give either episode, or from and to")),
          Map.of());
    }
    int from = single ? r.episode() : r.from();
    int to = single ? r.episode() : r.to();
    if (to < from) {
      throw EntryRules.invalidProgress("to", "must not be less than from");
    }
    if (to - from + 1 > MAX_UNITS_PER_REQUEST) {
      throw EntryRules.invalidProgress(
          "to", "at most " + MAX_UNITS_PER_REQUEST + " units per request");
    }
    int season;
    if (m.type() == MediaType.TV) {
      season = r.season() == null ? 1 : r.season();
      if (!mu.seasonExists(season)) {
        throw EntryRules.invalidProgress("season", "season " + season + " is unknown");
      }
    } else {
      if (r.season() != null && r.season() != 1) {
        throw EntryRules.invalidProgress("season", "only TV has seasons");
      }
      season = 1;
    }
    Integer total = mu.total(season);
    if (total != null && to > total) {
      throw EntryRules.invalidProgress(
          single ? "episode" : "to", "must be at most " + total + " (the known total)");
    }
    List<Unit> units = new ArrayList<>(to - from + 1);
    for (int n = from; n <= to; n++) {
      units.add(new Unit(season, n));
    }
    return units;
  }

  /**
   * The status and dates after units of the current run were marked or unmarked and the position
   * moved to {@code position}: marking the last unit completes (counting a repeat), marking on a
   * planning, paused or dropped entry makes it active, unmarking on a completed entry makes it
   * active again; the first active status sets {@code startedAt}. Changes {@code e} in place.
   */
  public static void afterUnits(
      Entry e, MediaSummary m, Unit position, boolean unmark, LocalDate today) {
    e.progress = EntryRules.withPosition(m.type(), e.progress, position);
    Unit last = new MediaUnits(m).last();
    boolean atEnd = last != null && position.compareTo(last) >= 0;
    if (!unmark && atEnd && e.status != EntryStatus.COMPLETED) {
      e.status = EntryStatus.COMPLETED;
      if (e.repeating) {
        e.repeatCount++;
        e.repeating = false;
        e.lastRepeatedAt = today;
      } else if (e.completedAt == null) {
        e.completedAt = today;
      }
    } else if (!unmark
        && (e.status == EntryStatus.PLANNING
            || e.status == EntryStatus.PAUSED
            || e.status == EntryStatus.DROPPED)) {
      e.status = EntryStatus.activeFor(m.type());
    } else if (unmark && e.status == EntryStatus.COMPLETED && !atEnd) {
      e.status = EntryStatus.activeFor(m.type());
    }
    if (e.status.isActive() && e.startedAt == null && !e.repeating) {
      e.startedAt = today;
    }
  }
}
