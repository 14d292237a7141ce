package dev.kiroku.progress.domain.imports.format;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * A calendar date that may lack its day or month, as import files store them: AniList's fuzzy date
 * {@code {year, month, day}} with nulls, MyAnimeList's {@code 2012-07-00} or {@code 2011-00-00}.
 * Kept as given so nothing is invented; {@link #toLocalDate()} is non-null only for a full date.
 *
 * @param year the year, 1-9999
 * @param month 1-12, or null when unknown (then {@code day} is null too)
 * @param day 1-31, or null when unknown
 */
public record PartialDate(int year, Integer month, Integer day) {

  public PartialDate {
    if (year < 1 || year > 9999) {
      throw new IllegalArgumentException("year out of range: " + year);
    }
    if (month == null && day != null) {
      throw new IllegalArgumentException("a day without a month");
    }
    if (month != null && (month < 1 || month > 12)) {
      throw new IllegalArgumentException("month out of range: " + month);
    }
    if (day != null) {
      LocalDate.of(year, month, day); // throws DateTimeException for 2021-02-30
    }
  }

  /** A full date. */
  public static PartialDate of(LocalDate date) {
    return new PartialDate(date.getYear(), date.getMonthValue(), date.getDayOfMonth());
  }

  /**
   * The date from possibly-unknown parts; null when the year is unknown (MAL {@code 0000-00-00},
   * AniList {@code {"year": null}}). A month of 0 or null drops the day too.
   *
   * @throws DateTimeException when the parts are out of range ({@code 2021-13-01}, {@code
   *     2021-02-30})
   */
  public static PartialDate ofParts(Integer year, Integer month, Integer day) {
    if (year == null || year == 0) {
      return null;
    }
    if (year < 1 || year > 9999) {
      throw new DateTimeException("year out of range: " + year);
    }
    if (month == null || month == 0) {
      return new PartialDate(year, null, null);
    }
    if (month < 1 || month > 12) {
      throw new DateTimeException("month out of range: " + month);
    }
    if (day == null || day == 0) {
      return new PartialDate(year, month, null);
    }
    LocalDate.of(year, month, day);
    return new PartialDate(year, month, day);
  }

  /** True when year, month and day are all known. */
  public boolean isComplete() {
    return day != null;
  }

  /** The full date, or null when the month or day is unknown. */
  public LocalDate toLocalDate() {
    return isComplete() ? LocalDate.of(year, month, day) : null;
  }

  /** ISO 8601 with reduced precision: {@code 2012-07-21}, {@code 2012-07}, {@code 2012}. */
  @Override
  public String toString() {
    if (month == null) {
      return String.format("%04d", year);
    }
    if (day == null) {
      return String.format("%04d-%02d", year, month);
    }
    return String.format("%04d-%02d-%02d", year, month, day);
  }
}
