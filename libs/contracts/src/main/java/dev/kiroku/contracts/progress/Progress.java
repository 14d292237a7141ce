package dev.kiroku.contracts.progress;

import java.math.BigDecimal;

/**
 * Progress through a media item; the fields that fit the type are set, the others are null. Anime
 * and podcasts: {@code episode}; TV: {@code season} and {@code episode}; manga: {@code chapter} and
 * {@code volume}; books: {@code page} and {@code percent}; games: {@code hoursPlayed} and {@code
 * percent} (completion); movies: none.
 *
 * @param season TV season number (1 or more; 0 = specials)
 * @param episode episode number (within the season for TV), 0 or more
 * @param chapter chapter number
 * @param volume volume number
 * @param page page number
 * @param percent 0-100, book read or game completed
 * @param hoursPlayed hours played (games), up to one decimal
 */
public record Progress(
    Integer season,
    Integer episode,
    Integer chapter,
    Integer volume,
    Integer page,
    BigDecimal percent,
    BigDecimal hoursPlayed) {

  /** No progress. */
  public static final Progress NONE = new Progress(null, null, null, null, null, null, null);
}
