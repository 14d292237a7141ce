package dev.kiroku.progress.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.progress.EntryStatus;
import dev.kiroku.contracts.progress.MediaSummary;
import dev.kiroku.contracts.progress.Progress;
import dev.kiroku.progress.domain.Entry;
import dev.kiroku.progress.domain.EntryResult;
import dev.kiroku.progress.domain.EpisodeRules;
import dev.kiroku.progress.domain.NextEpisode;
import dev.kiroku.progress.domain.RatingScale;
import dev.kiroku.progress.domain.Visibility;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A library entry as the API returns it. {@code rating.value} is in the reader's scale, {@code
 * rating.score} is the stored 0-100 score. {@code notes} and a non-public {@code review} appear
 * only to the owner. {@code caughtUp} and {@code next} only on {@code /advance} and {@code
 * /up-next}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntryView(
    UUID id,
    UUID mediaId,
    MediaType mediaType,
    String title,
    EntryStatus status,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Progress progress,
    int repeatCount,
    boolean repeating,
    LocalDate lastRepeatedAt,
    LocalDate startedAt,
    LocalDate completedAt,
    Rating rating,
    Review review,
    String notes,
    @JsonProperty("private") boolean privateEntry,
    long version,
    Instant createdAt,
    Instant updatedAt,
    Boolean caughtUp,
    Progress next) {

  /** {@code {"value": 8, "scale": "POINT_10", "score": 80}} */
  public record Rating(BigDecimal value, RatingScale scale, int score) {}

  /** {@code {"text": "...", "spoiler": false, "visibility": "PUBLIC", "reviewedAt": "..."}} */
  public record Review(String text, boolean spoiler, Visibility visibility, Instant reviewedAt) {}

  /**
   * @param owner whether the reader owns the entry (sees notes and every review)
   */
  public static EntryView of(EntryResult result, boolean owner) {
    return of(result.entry(), result.media(), result.scale(), owner);
  }

  /** The view with {@code caughtUp} and {@code next} from the entry's position. */
  public static EntryView withNext(EntryResult result) {
    NextEpisode next = EpisodeRules.next(result.entry(), result.media());
    return of(result, true).withNext(next.caughtUp(), next.next());
  }

  /**
   * @param owner whether the reader owns the entry (sees notes and every review)
   */
  public static EntryView of(Entry e, MediaSummary media, RatingScale scale, boolean owner) {
    Review review = null;
    if (e.reviewText != null && (owner || e.reviewVisibility == Visibility.PUBLIC)) {
      review = new Review(e.reviewText, e.reviewSpoiler, e.reviewVisibility, e.reviewedAt);
    }
    return new EntryView(
        e.id,
        e.mediaId,
        e.mediaType,
        media == null ? null : media.title(),
        e.status,
        Progress.NONE.equals(e.progress) ? null : e.progress,
        e.repeatCount,
        e.repeating,
        e.lastRepeatedAt,
        e.startedAt,
        e.completedAt,
        e.rating == null ? null : new Rating(scale.fromScore(e.rating), scale, e.rating),
        review,
        owner ? e.notes : null,
        e.privateEntry,
        e.version,
        e.createdAt,
        e.updatedAt,
        null,
        null);
  }

  public EntryView withNext(boolean caughtUp, Progress next) {
    return new EntryView(
        id,
        mediaId,
        mediaType,
        title,
        status,
        progress,
        repeatCount,
        repeating,
        lastRepeatedAt,
        startedAt,
        completedAt,
        rating,
        review,
        notes,
        privateEntry,
        version,
        createdAt,
        updatedAt,
        caughtUp,
        next);
  }
}
