package dev.kiroku.progress.domain;

import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.progress.EntryStatus;
import dev.kiroku.contracts.progress.MediaSummary;
import dev.kiroku.contracts.progress.Progress;
import dev.kiroku.platform.problem.Problem;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.progress.domain.MediaUnits.Unit;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Applies a request to an entry: status fit and transitions, progress within totals, completion on
 * reaching the last unit, repeats, dates, rating scale and review. Pure: no I/O.
 */
public final class EntryRules {

  private EntryRules() {}

  /**
   * The outcome of applying a request.
   *
   * @param entry the new state (version not yet raised)
   * @param lowerTo unmark the current run's units after this position (null = none)
   * @param mark units to mark watched in the current run
   */
  public record Change(Entry entry, Unit lowerTo, List<Unit> mark) {}

  /**
   * @param current the stored entry, null when there is none
   * @throws ProblemException 422 {@code STATUS_NOT_ALLOWED_FOR_TYPE}, 409 {@code
   *     INVALID_TRANSITION}, 422 {@code INVALID_PROGRESS}, {@code INVALID_RATING}, {@code
   *     INVALID_ENTRY}
   */
  public static Change apply(
      Entry current,
      String userId,
      MediaSummary media,
      EntryChange r,
      RatingScale userScale,
      Instant now) {
    MediaType type = media.type();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    List<EntryStatus> fitting = Transitions.allowedFor(type);
    if (!fitting.contains(r.status())) {
      throw new ProblemException(
          ProgressErrorCode.STATUS_NOT_ALLOWED_FOR_TYPE,
          r.status() + " does not fit " + type + "; allowed: " + fitting,
          List.of(new Problem.Violation("status", "must be one of " + fitting)),
          Map.of("allowed", names(fitting)));
    }
    EntryStatus from = current == null ? null : current.status;
    var reachable = Transitions.from(from, type);
    if (!reachable.contains(r.status())) {
      List<EntryStatus> allowed = fitting.stream().filter(reachable::contains).toList();
      throw new ProblemException(
          ProgressErrorCode.INVALID_TRANSITION,
          "An entry cannot go from " + from + " to " + r.status() + "; allowed: " + allowed,
          List.of(),
          Map.of("from", from.name(), "allowed", names(allowed)));
    }

    Entry e = current == null ? Entry.create(userId, media, now) : current.copy();
    boolean startsRepeat = from == EntryStatus.COMPLETED && r.status().isActive();
    MediaUnits units = new MediaUnits(media);
    boolean history = MediaUnits.hasHistory(type);
    if (startsRepeat) {
      e.repeating = true;
      e.progress = history ? withPosition(type, Progress.NONE, Unit.START) : Progress.NONE;
    }
    Unit oldPos = history ? position(type, e.progress) : null;

    Progress requested = r.progress() == null ? null : r.progress().toProgress();
    if (requested != null) {
      checkFits(type, units, media, requested);
    }
    Progress next = requested == null ? e.progress : merge(type, requested);
    EntryStatus status = r.status();

    Unit newPos = history ? position(type, next) : null;
    Unit last = history ? units.last() : null;
    boolean moved =
        requested != null && (history ? newPos.compareTo(oldPos) != 0 : !next.equals(e.progress));
    if (status == EntryStatus.COMPLETED) {
      if (history && last != null) {
        if (requested != null && newPos.compareTo(last) < 0 && anyPosition(requested)) {
          throw invalidProgress(
              type == MediaType.MANGA ? "progress.chapter" : "progress.episode",
              "a completed entry is at the last unit (" + describe(type, last) + ")");
        }
        newPos = last;
        next = withPosition(type, next, last);
      } else if (!history
          && type == MediaType.BOOK
          && media.pages() != null
          && next.page() == null) {
        next = new Progress(null, null, null, null, media.pages(), next.percent(), null);
      }
    } else if (moved && reachedEnd(type, media, units, next, newPos, last)) {
      status = EntryStatus.COMPLETED;
    } else if (moved && status == EntryStatus.PLANNING && started(type, next, newPos)) {
      status = EntryStatus.activeFor(type);
    }

    boolean completing =
        status == EntryStatus.COMPLETED && (from != EntryStatus.COMPLETED || startsRepeat);
    if (completing) {
      if (e.repeating) {
        e.repeatCount++;
        e.repeating = false;
        e.lastRepeatedAt = r.completedAt() != null ? r.completedAt() : today;
      } else if (e.completedAt == null) {
        e.completedAt = today;
      }
    }
    // startedAt belongs to the first run: a repeat does not set it
    if (status.isActive() && e.startedAt == null && !e.repeating) {
      e.startedAt = today;
    }
    if (r.startedAt() != null) {
      e.startedAt = r.startedAt();
    }
    if (r.completedAt() != null) {
      e.completedAt = r.completedAt();
    }
    if (r.repeatCount() != null) {
      e.repeatCount = r.repeatCount();
    }
    checkDates(e, today);
    e.status = status;
    e.progress = next;

    if (r.rating() != null) {
      RatingScale scale = r.rating().scale() != null ? r.rating().scale() : userScale;
      try {
        e.rating = scale.toScore(r.rating().value());
      } catch (IllegalArgumentException bad) {
        throw new ProblemException(
            ProgressErrorCode.INVALID_RATING,
            "rating.value " + r.rating().value().toPlainString() + " " + bad.getMessage(),
            List.of(new Problem.Violation("rating.value", bad.getMessage())),
            Map.of("scale", scale.name()));
      }
    } else {
      e.rating = null;
    }
    if (r.review() != null) {
      e.reviewText = r.review().text();
      e.reviewSpoiler = Boolean.TRUE.equals(r.review().spoiler());
      e.reviewVisibility =
          r.review().visibility() == null ? Visibility.PUBLIC : r.review().visibility();
    } else {
      e.reviewText = null;
      e.reviewSpoiler = false;
      e.reviewVisibility = Visibility.PUBLIC;
    }
    if (current == null ? e.reviewText != null : e.reviewDiffers(current)) {
      e.reviewedAt = e.reviewText == null ? null : now;
    }
    e.notes = r.notes();
    e.privateEntry = Boolean.TRUE.equals(r.privateEntry());

    Unit lowerTo = null;
    List<Unit> mark = List.of();
    if (history) {
      Unit base = startsRepeat || current == null ? Unit.START : oldPos;
      if (newPos.compareTo(base) > 0) {
        mark = units.between(base, newPos);
      } else if (newPos.compareTo(base) < 0) {
        lowerTo = newPos;
      }
    }
    return new Change(e, lowerTo, mark);
  }

  /** The history position of a progress (season 1 for types without seasons). */
  public static Unit position(MediaType type, Progress p) {
    return switch (type) {
      case TV ->
          p.episode() == null
              ? Unit.START
              : new Unit(p.season() == null ? 1 : p.season(), p.episode());
      case MANGA -> new Unit(1, p.chapter() == null ? 0 : p.chapter());
      default -> new Unit(1, p.episode() == null ? 0 : p.episode());
    };
  }

  /** {@code p} with its history position set to {@code u}. */
  public static Progress withPosition(MediaType type, Progress p, Unit u) {
    return switch (type) {
      case TV -> new Progress(u.season(), u.number(), null, null, null, null, null);
      case MANGA -> new Progress(null, null, u.number(), p.volume(), null, null, null);
      default -> new Progress(null, u.number(), null, null, null, null, null);
    };
  }

  private static boolean anyPosition(Progress p) {
    return p.episode() != null || p.chapter() != null;
  }

  private static Progress merge(MediaType type, Progress p) {
    return switch (type) {
      case TV ->
          new Progress(
              p.episode() == null ? null : (p.season() == null ? 1 : p.season()),
              p.episode(),
              null,
              null,
              null,
              null,
              null);
      case ANIME, PODCAST -> new Progress(null, p.episode(), null, null, null, null, null);
      case MANGA -> new Progress(null, null, p.chapter(), p.volume(), null, null, null);
      case BOOK -> new Progress(null, null, null, null, p.page(), p.percent(), null);
      case GAME -> new Progress(null, null, null, null, null, p.percent(), p.hoursPlayed());
      case MOVIE -> Progress.NONE;
    };
  }

  private static boolean reachedEnd(
      MediaType type, MediaSummary media, MediaUnits units, Progress p, Unit pos, Unit last) {
    return switch (type) {
      case ANIME, TV, MANGA, PODCAST -> last != null && pos.compareTo(last) >= 0;
      case BOOK ->
          (media.pages() != null && p.page() != null && p.page() >= media.pages())
              || (p.percent() != null && p.percent().compareTo(BigDecimal.valueOf(100)) == 0);
      case GAME -> p.percent() != null && p.percent().compareTo(BigDecimal.valueOf(100)) == 0;
      case MOVIE -> false;
    };
  }

  private static boolean started(MediaType type, Progress p, Unit pos) {
    if (pos != null) {
      return pos.number() > 0;
    }
    return (p.page() != null && p.page() > 0)
        || (p.percent() != null && p.percent().signum() > 0)
        || (p.hoursPlayed() != null && p.hoursPlayed().signum() > 0);
  }

  private static void checkFits(MediaType type, MediaUnits units, MediaSummary media, Progress p) {
    List<Problem.Violation> bad = new ArrayList<>();
    List<String> fitting =
        switch (type) {
          case ANIME, PODCAST -> List.of("episode");
          case TV -> List.of("season", "episode");
          case MANGA -> List.of("chapter", "volume");
          case BOOK -> List.of("page", "percent");
          case GAME -> List.of("hoursPlayed", "percent");
          case MOVIE -> List.of();
        };
    Map<String, Object> given = new java.util.LinkedHashMap<>();
    given.put("season", p.season());
    given.put("episode", p.episode());
    given.put("chapter", p.chapter());
    given.put("volume", p.volume());
    given.put("page", p.page());
    given.put("percent", p.percent());
    given.put("hoursPlayed", p.hoursPlayed());
    given.forEach(
        (field, value) -> {
          if (value != null && !fitting.contains(field)) {
            bad.add(
                new Problem.Violation(
                    "progress." + field,
                    type == MediaType.MOVIE
                        ? "movies have no progress"
                        : "does not fit " + type + " (use " + String.join(", ", fitting) + ")"));
          }
        });
    if (type == MediaType.TV && p.season() != null && p.episode() == null) {
      bad.add(new Problem.Violation("progress.episode", "is required with progress.season"));
    }
    if (bad.isEmpty()) {
      if (type == MediaType.TV && p.episode() != null) {
        int season = p.season() == null ? 1 : p.season();
        if (season == 0) {
          bad.add(
              new Problem.Violation(
                  "progress.season", "specials (season 0) are marked with /episodes"));
        } else if (!units.seasonExists(season)) {
          bad.add(new Problem.Violation("progress.season", "season " + season + " is unknown"));
        } else {
          tooFar(bad, "progress.episode", p.episode(), units.total(season));
        }
      } else if (type == MediaType.ANIME || type == MediaType.PODCAST) {
        tooFar(bad, "progress.episode", p.episode(), media.episodes());
      } else if (type == MediaType.MANGA) {
        tooFar(bad, "progress.chapter", p.chapter(), media.chapters());
        tooFar(bad, "progress.volume", p.volume(), media.volumes());
      } else if (type == MediaType.BOOK) {
        tooFar(bad, "progress.page", p.page(), media.pages());
      }
    }
    if (!bad.isEmpty()) {
      throw new ProblemException(
          ProgressErrorCode.INVALID_PROGRESS,
          bad.get(0).field() + " " + bad.get(0).message(),
          bad,
          Map.of());
    }
  }

  private static void tooFar(
      List<Problem.Violation> bad, String field, Integer value, Integer total) {
    if (value != null && total != null && value > total) {
      bad.add(new Problem.Violation(field, "must be at most " + total + " (the known total)"));
    }
  }

  private static void checkDates(Entry e, LocalDate today) {
    LocalDate latest = today.plusDays(1); // the user's local date may be ahead of UTC
    for (var d :
        List.of(
            Map.entry("startedAt", java.util.Optional.ofNullable(e.startedAt)),
            Map.entry("completedAt", java.util.Optional.ofNullable(e.completedAt)))) {
      if (d.getValue().isPresent() && d.getValue().get().isAfter(latest)) {
        throw new ProblemException(
            ProgressErrorCode.INVALID_ENTRY,
            d.getKey() + " is in the future",
            List.of(new Problem.Violation(d.getKey(), "must not be in the future")),
            Map.of());
      }
    }
    if (e.startedAt != null && e.completedAt != null && e.completedAt.isBefore(e.startedAt)) {
      throw new ProblemException(
          ProgressErrorCode.INVALID_ENTRY,
          "completedAt is before startedAt",
          List.of(new Problem.Violation("completedAt", "must not be before startedAt")),
          Map.of());
    }
  }

  public static ProblemException invalidProgress(String field, String message) {
    return new ProblemException(
        ProgressErrorCode.INVALID_PROGRESS,
        field + " " + message,
        List.of(new Problem.Violation(field, message)),
        Map.of());
  }

  static String describe(MediaType type, Unit u) {
    return type == MediaType.TV
        ? "season " + u.season() + " episode " + u.number()
        : (type == MediaType.MANGA ? "chapter " : "episode ") + u.number();
  }

  private static List<String> names(List<EntryStatus> statuses) {
    return statuses.stream().map(Enum::name).toList();
  }

  /**
   * Checks {@code If-Match}.
   *
   * @param ifMatch the version the client read; null = no condition
   * @throws ProblemException 412 {@code VERSION_MISMATCH} (with {@code currentVersion}) when the
   *     entry is at another version or does not exist
   */
  public static void checkVersion(Entry entry, Long ifMatch) {
    if (ifMatch == null) {
      return;
    }
    if (entry == null || entry.version != ifMatch) {
      throw new ProblemException(
          ProgressErrorCode.VERSION_MISMATCH,
          entry == null
              ? "If-Match names version " + ifMatch + " but there is no entry."
              : "If-Match names version "
                  + ifMatch
                  + " but the entry is at version "
                  + entry.version
                  + "; read it again and reapply your change.",
          List.of(),
          entry == null ? Map.of() : Map.of("currentVersion", entry.version));
    }
  }

  /** 404 {@code ENTRY_NOT_FOUND}: the caller has no entry for this media item. */
  public static ProblemException entryNotFound(UUID mediaId) {
    return new ProblemException(
        ProgressErrorCode.ENTRY_NOT_FOUND, "You have no library entry for media " + mediaId + ".");
  }

  /**
   * Whether {@code change} leaves {@code current} as it is (nothing to write, nothing to publish).
   */
  public static boolean unchanged(Entry current, Change change) {
    Entry e = change.entry();
    return current != null
        && !e.entryFieldsDiffer(current)
        && !e.reviewDiffers(current)
        && java.util.Objects.equals(e.rating, current.rating)
        && change.mark().isEmpty()
        && change.lowerTo() == null;
  }
}
