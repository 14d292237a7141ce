package dev.kiroku.catalog.domain;

/** Normalisation of provider and dataset scores to Kiroku's 0-100 scale. */
public final class Scores {

  private Scores() {}

  /**
   * A score on a {@code 0..max} scale as 0-100, rounded: anime.csv {@code rating} 0-10 → ×10,
   * goodbooks {@code average_rating} 0-5 → ×20. Clamped to 0-100.
   */
  public static int percent(double value, double max) {
    return clamp((int) Math.round(value / max * 100.0));
  }

  /**
   * A count of members, ratings or users as a 0-100 popularity on a logarithmic scale: {@code
   * round(100 * ln(1 + count) / ln(1 + reference))}, capped at 100. The reference is a fixed count
   * per source that maps to 100 (MyAnimeList members: 1,000,000; Goodreads ratings: 5,000,000), so
   * an item's popularity depends on its own row only (imports stay idempotent) and 10× the count
   * adds the same step anywhere on the scale.
   */
  public static int popularity(long count, long reference) {
    if (count <= 0) {
      return 0;
    }
    return clamp((int) Math.round(100.0 * Math.log1p(count) / Math.log1p(reference)));
  }

  private static int clamp(int value) {
    return Math.max(0, Math.min(100, value));
  }
}
