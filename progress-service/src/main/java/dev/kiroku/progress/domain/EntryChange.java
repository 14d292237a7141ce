package dev.kiroku.progress.domain;

import dev.kiroku.contracts.progress.EntryStatus;
import dev.kiroku.contracts.progress.Progress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The command of a write to one library entry: the state a client (a PUT, a merged PATCH, or an
 * import row) asks for. {@link EntryRules#apply} turns it into the new entry. The Bean Validation
 * constraints here are the only place the absurd-value limits live: the REST layer validates the
 * command it mapped a request to, and imports validate the command they built from a file row; a
 * violation's field path ({@code progress.episode}, {@code review.text}) is the JSON member's.
 *
 * @param status required
 * @param progress absent = keep the current position (history is never dropped by omission)
 * @param rating absent = no rating (replaces)
 * @param startedAt absent = keep, or today on the first active status
 * @param completedAt absent = keep, or today on completion
 * @param review absent = no review (replaces)
 * @param notes private notes, at most 10,000 characters
 * @param privateEntry hide the entry from everyone else; absent = false
 * @param repeatCount completed repeats, 0-1,000; absent = keep
 */
public record EntryChange(
    @NotNull EntryStatus status,
    @Valid ProgressChange progress,
    @Valid RatingChange rating,
    LocalDate startedAt,
    LocalDate completedAt,
    @Valid ReviewChange review,
    @Size(max = 10_000) String notes,
    Boolean privateEntry,
    @Min(0) @Max(1000) Integer repeatCount) {

  /**
   * Progress as asked for: the fields that fit the media type (see {@link Progress}). Whole numbers
   * for units; values beyond the media's known totals are refused later, by {@link EntryRules},
   * with 422 {@code INVALID_PROGRESS}.
   *
   * @param season TV season, 0-500
   * @param episode 0-20,000
   * @param chapter 0-20,000
   * @param volume 0-1,000
   * @param page 0-100,000
   * @param percent 0-100, two decimals
   * @param hoursPlayed 0-100,000 hours, one decimal
   */
  public record ProgressChange(
      @Min(0) @Max(500) Integer season,
      @Min(0) @Max(20_000) Integer episode,
      @Min(0) @Max(20_000) Integer chapter,
      @Min(0) @Max(1_000) Integer volume,
      @Min(0) @Max(100_000) Integer page,
      @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal percent,
      @DecimalMin("0") @DecimalMax("100000") @Digits(integer = 6, fraction = 1)
          BigDecimal hoursPlayed) {

    /** As the contracts' {@link Progress}. */
    public Progress toProgress() {
      return new Progress(season, episode, chapter, volume, page, percent, hoursPlayed);
    }
  }

  /**
   * A rating in a scale.
   *
   * @param value the rating in {@code scale} (422 {@code INVALID_RATING} when outside it)
   * @param scale null = the user's setting
   */
  public record RatingChange(@NotNull BigDecimal value, RatingScale scale) {}

  /**
   * A review.
   *
   * @param text at most 20,000 characters
   * @param spoiler whether it reveals the plot; null = false
   * @param visibility null = {@link Visibility#PUBLIC}
   */
  public record ReviewChange(
      @NotBlank @Size(max = 20_000) String text, Boolean spoiler, Visibility visibility) {}
}
