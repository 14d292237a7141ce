package dev.kiroku.progress.domain.imports.format;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What only Kiroku's own export ({@code kiroku-json}) carries, so that an export imported into a
 * fresh library gives the same library back. Null on rows of every other format.
 *
 * @param mediaId the media item's internal id ({@code entries[].media.id}); tried before the
 *     external ids
 * @param percent book or game completion 0-100 ({@code progress.percent})
 * @param hoursPlayed game hours ({@code progress.hoursPlayed})
 * @param lastRepeatedAt when the last repeat was completed ({@code lastRepeatedAt})
 * @param reviewVisibility {@code PUBLIC}, {@code FOLLOWERS} or {@code PRIVATE} ({@code
 *     review.visibility}); null when there is no review
 * @param reviewedAt when the review was written ({@code review.reviewedAt})
 * @param privateEntry the private flag ({@code private})
 * @param history every watched episode or read chapter of every run ({@code history}); unmodifiable
 * @param ratingScale the exporting user's rating scale (the document's {@code ratingScale}, e.g.
 *     {@code POINT_10}), or null
 */
public record KirokuDetails(
    UUID mediaId,
    BigDecimal percent,
    BigDecimal hoursPlayed,
    LocalDate lastRepeatedAt,
    String reviewVisibility,
    Instant reviewedAt,
    boolean privateEntry,
    List<HistoryItem> history,
    String ratingScale) {

  public KirokuDetails {
    history = List.copyOf(history);
  }

  /**
   * One watched unit.
   *
   * @param repeat 0 = first time through, n = n-th repeat
   * @param season TV season (0 = specials), 1 for types without seasons
   * @param number episode, or chapter for manga
   * @param watchedAt when it was watched
   */
  public record HistoryItem(int repeat, int season, int number, Instant watchedAt) {}
}
