package dev.kiroku.progress.domain.imports;

import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.progress.EntryStatus;
import dev.kiroku.contracts.progress.MediaSummary;
import dev.kiroku.contracts.progress.Progress;
import dev.kiroku.platform.problem.Problem;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.progress.domain.Entry;
import dev.kiroku.progress.domain.EntryChange;
import dev.kiroku.progress.domain.EntryRules;
import dev.kiroku.progress.domain.MediaUnits;
import dev.kiroku.progress.domain.MediaUnits.Unit;
import dev.kiroku.progress.domain.RatingScale;
import dev.kiroku.progress.domain.Visibility;
import dev.kiroku.progress.domain.imports.format.ImportedEntry;
import dev.kiroku.progress.domain.imports.format.ImportedProgress;
import dev.kiroku.progress.domain.imports.format.KirokuDetails;
import dev.kiroku.progress.domain.imports.format.PartialDate;
import dev.kiroku.progress.domain.imports.format.WatchedEpisode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Decides what one resolved import row does to the library: the entry it becomes, its history, or
 * why it is skipped or failed. Pure: no I/O.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>The row is checked like {@code PUT /entries/{mediaId}}: the status must fit the media type,
 *       progress must fit the type and the catalog's totals, a review is at most 20,000 characters.
 *       Transitions are not checked: an import states where the user is, not a step.
 *   <li>Fields the file does not carry (Trakt has no notes, Goodreads no progress) keep the entry's
 *       current values; dates the file leaves empty stay empty (never "today").
 *   <li>{@link ImportMode#MERGE}: an existing entry that was changed in Kiroku since an import last
 *       wrote it (or was made in Kiroku) is kept unless the row says it changed later ({@code
 *       updatedAt}); {@link ImportMode#OVERWRITE} applies the row anyway.
 *   <li>A row whose result equals the entry is unchanged: nothing is written, no event.
 *   <li>Partial dates ({@code 2012-07}) become their first day.
 *   <li>A row without a status (Trakt ratings) keeps the entry's status, or creates a completed
 *       movie / an active entry of other types.
 * </ul>
 */
public final class ImportPlanner {

  /** What a row does. */
  public enum Outcome {
    CREATED,
    UPDATED,
    UNCHANGED,
    SKIPPED,
    FAILED
  }

  /**
   * The decision for one row.
   *
   * @param before the stored entry (null when created)
   * @param after the entry to write, version raised (null unless CREATED or UPDATED)
   * @param history history rows to insert
   * @param trimAfter unmark the current run's units after this one (progress lowered), or null
   * @param code why SKIPPED or FAILED ({@code KEPT_NEWER_CHANGE}, {@code INVALID_PROGRESS}, ...)
   * @param field the row's field at fault, or null
   * @param detail the reason, for the report
   */
  public record Plan(
      Outcome outcome,
      Entry before,
      Entry after,
      List<HistoryInsert> history,
      Unit trimAfter,
      String code,
      String field,
      String detail) {

    static Plan failed(String code, String field, String detail) {
      return new Plan(Outcome.FAILED, null, null, List.of(), null, code, field, detail);
    }

    static Plan skipped(Entry before, String code, String detail) {
      return new Plan(Outcome.SKIPPED, before, null, List.of(), null, code, null, detail);
    }
  }

  private final Validator validator;

  public ImportPlanner(Validator validator) {
    this.validator = validator;
  }

  public Plan plan(
      ImportedEntry row,
      MediaSummary media,
      ExistingEntry existing,
      ImportMode mode,
      String userId,
      Instant now) {
    Entry current = existing == null ? null : existing.entry();
    if (current != null
        && mode == ImportMode.MERGE
        && !existing.lastWrittenByImport()
        && (row.updatedAt() == null || !row.updatedAt().isAfter(current.updatedAt))) {
      return Plan.skipped(
          current,
          "KEPT_NEWER_CHANGE",
          "kept the entry as changed in Kiroku at "
              + current.updatedAt
              + (row.updatedAt() == null
                  ? " (the file does not say when this row changed)"
                  : " (the file's row changed at " + row.updatedAt() + ")")
              + "; import with mode=overwrite to replace it");
    }
    MediaType type = media.type();
    KirokuDetails k = row.kiroku();
    EntryStatus status = status(row, current, type);
    EntryChange request = request(row, current, media, status, k);
    Set<ConstraintViolation<EntryChange>> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      ConstraintViolation<EntryChange> v =
          violations.stream()
              .min(Comparator.comparing(c -> c.getPropertyPath().toString()))
              .orElseThrow();
      return Plan.failed(
          "INVALID_ENTRY",
          v.getPropertyPath().toString(),
          v.getPropertyPath() + " " + v.getMessage());
    }
    EntryRules.Change change;
    try {
      change = EntryRules.apply(null, userId, media, request, RatingScale.POINT_100, now);
    } catch (ProblemException e) {
      Problem problem = e.toProblem(null);
      List<Problem.Violation> vs = problem.violations();
      return Plan.failed(
          e.errorCode().code(), vs.isEmpty() ? null : vs.get(0).field(), problem.detail());
    }
    Entry after = change.entry();
    after.progress = stored(after.progress);
    // identity and bookkeeping
    if (current != null) {
      after.id = current.id;
      after.createdAt = current.createdAt;
      after.version = current.version;
    } else if (row.addedAt() != null && row.addedAt().isBefore(now)) {
      after.createdAt = row.addedAt();
    }
    after.startedAt = or(date(row.startedAt()), current == null ? null : current.startedAt);
    after.completedAt = or(date(row.completedAt()), current == null ? null : current.completedAt);
    after.repeating = row.repeating() && after.status.isActive();
    after.lastRepeatedAt =
        k != null && k.lastRepeatedAt() != null
            ? k.lastRepeatedAt()
            : current == null ? null : current.lastRepeatedAt;
    if (k != null && k.reviewedAt() != null && after.reviewText != null) {
      after.reviewedAt = k.reviewedAt();
    } else if (current != null && Objects.equals(current.reviewText, after.reviewText)) {
      after.reviewedAt = current.reviewedAt;
    }
    after.updatedAt = current == null ? now : current.updatedAt;

    List<HistoryInsert> history = history(row, after, change, type, now);
    Unit trim = null;
    if (current != null
        && MediaUnits.hasHistory(type)
        && current.currentRun() == after.currentRun()) {
      Unit oldPos = EntryRules.position(type, current.progress);
      Unit newPos = EntryRules.position(type, after.progress);
      if (newPos.compareTo(oldPos) < 0) {
        trim = newPos;
      }
    }
    if (current != null
        && !after.entryFieldsDiffer(current)
        && !after.reviewDiffers(current)
        && Objects.equals(after.rating, current.rating)
        && trim == null) {
      return new Plan(Outcome.UNCHANGED, current, null, List.of(), null, null, null, null);
    }
    after.version += 1;
    after.updatedAt = now;
    return new Plan(
        current == null ? Outcome.CREATED : Outcome.UPDATED,
        current,
        after,
        history,
        trim,
        null,
        null,
        null);
  }

  private static EntryStatus status(ImportedEntry row, Entry current, MediaType type) {
    if (row.status() != null) {
      return EntryStatus.valueOf(row.status().name());
    }
    if (current != null) {
      return current.status;
    }
    return type == MediaType.MOVIE ? EntryStatus.COMPLETED : EntryStatus.activeFor(type);
  }

  private static EntryChange request(
      ImportedEntry row, Entry current, MediaSummary media, EntryStatus status, KirokuDetails k) {
    ImportedProgress p = row.progress();
    BigDecimal percent = k == null ? null : k.percent();
    BigDecimal hours = k == null ? null : k.hoursPlayed();
    EntryChange.ProgressChange progress = null;
    if (!p.isEmpty() || percent != null || hours != null) {
      progress =
          new EntryChange.ProgressChange(
              p.season(), p.episode(), p.chapter(), p.volume(), p.page(), percent, hours);
    }
    // completion means the last unit: a completed row's count (often stale in exports) is not
    // checked against the catalog's total when the catalog knows the last unit
    if (status == EntryStatus.COMPLETED
        && MediaUnits.hasHistory(media.type())
        && new MediaUnits(media).last() != null) {
      progress = null;
    }
    EntryChange.RatingChange rating =
        row.rating() != null
            ? new EntryChange.RatingChange(BigDecimal.valueOf(row.rating()), RatingScale.POINT_100)
            : current != null && current.rating != null
                ? new EntryChange.RatingChange(
                    BigDecimal.valueOf(current.rating), RatingScale.POINT_100)
                : null;
    EntryChange.ReviewChange review;
    if (row.review() != null) {
      Visibility visibility =
          k != null && k.reviewVisibility() != null
              ? Visibility.valueOf(k.reviewVisibility())
              : current != null && current.reviewText != null
                  ? current.reviewVisibility
                  : Visibility.PUBLIC;
      review = new EntryChange.ReviewChange(row.review(), row.reviewSpoiler(), visibility);
    } else if (current != null && current.reviewText != null) {
      review =
          new EntryChange.ReviewChange(
              current.reviewText, current.reviewSpoiler, current.reviewVisibility);
    } else {
      review = null;
    }
    String notes = row.notes() != null ? row.notes() : current == null ? null : current.notes;
    Boolean privateEntry = k != null ? k.privateEntry() : current != null && current.privateEntry;
    return new EntryChange(
        status, progress, rating, null, null, review, notes, privateEntry, row.repeatCount());
  }

  /**
   * The history to insert: Kiroku's own export gives every unit of every run; Trakt gives watched
   * episodes with their times; otherwise every unit up to the position, in the current run, at the
   * completion date (else the start date, else now).
   */
  private static List<HistoryInsert> history(
      ImportedEntry row, Entry after, EntryRules.Change change, MediaType type, Instant now) {
    if (!MediaUnits.hasHistory(type)) {
      return List.of();
    }
    List<HistoryInsert> out = new ArrayList<>();
    KirokuDetails k = row.kiroku();
    if (k != null && !k.history().isEmpty()) {
      for (KirokuDetails.HistoryItem h : k.history()) {
        out.add(
            new HistoryInsert(
                after.id, h.repeat(), h.season(), h.number(), or(h.watchedAt(), now)));
      }
      return out;
    }
    int run = after.currentRun();
    if (!row.episodes().isEmpty()) {
      for (WatchedEpisode e : row.episodes()) {
        out.add(
            new HistoryInsert(after.id, run, e.season(), e.episode(), or(e.lastWatchedAt(), now)));
      }
      return out;
    }
    LocalDate day = after.completedAt != null ? after.completedAt : after.startedAt;
    Instant at = day == null ? now : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    if (at.isAfter(now)) {
      at = now;
    }
    for (Unit u : change.mark()) {
      out.add(new HistoryInsert(after.id, run, u.season(), u.number(), at));
    }
    return out;
  }

  /** Progress with the column scales (percent 2 decimals, hours 1), as it reads back. */
  private static Progress stored(Progress p) {
    if (p.percent() == null && p.hoursPlayed() == null) {
      return p;
    }
    return new Progress(
        p.season(),
        p.episode(),
        p.chapter(),
        p.volume(),
        p.page(),
        p.percent() == null ? null : p.percent().setScale(2, RoundingMode.HALF_UP),
        p.hoursPlayed() == null ? null : p.hoursPlayed().setScale(1, RoundingMode.HALF_UP));
  }

  private static LocalDate date(PartialDate d) {
    if (d == null) {
      return null;
    }
    return LocalDate.of(d.year(), d.month() == null ? 1 : d.month(), d.day() == null ? 1 : d.day());
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  /** The media id a kiroku-json row names, or null. */
  public static UUID kirokuMediaId(ImportedEntry row) {
    return row.kiroku() == null ? null : row.kiroku().mediaId();
  }
}
