package dev.kiroku.progress.rest;

import dev.kiroku.contracts.progress.Progress;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;

/**
 * Progress as sent by clients; the fields that fit the media type (see {@link Progress}). Whole
 * numbers only for units (a fraction is a 400 naming the field); absurd values are rejected here,
 * values beyond the media's known totals with 422 {@code INVALID_PROGRESS}.
 */
public record ProgressBody(
    @Min(0) @Max(500) Integer season,
    @Min(0) @Max(20_000) Integer episode,
    @Min(0) @Max(20_000) Integer chapter,
    @Min(0) @Max(1_000) Integer volume,
    @Min(0) @Max(100_000) Integer page,
    @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal percent,
    @DecimalMin("0") @DecimalMax("100000") @Digits(integer = 6, fraction = 1)
        BigDecimal hoursPlayed) {

  public Progress toProgress() {
    return new Progress(season, episode, chapter, volume, page, percent, hoursPlayed);
  }

  public static ProgressBody of(Progress p) {
    return new ProgressBody(
        p.season(), p.episode(), p.chapter(), p.volume(), p.page(), p.percent(), p.hoursPlayed());
  }
}
