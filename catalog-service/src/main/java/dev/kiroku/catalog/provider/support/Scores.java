package dev.kiroku.catalog.provider.support;

/** Normalisation of provider scores and popularity figures to Kiroku's 0-100 scale. */
public final class Scores {

  private Scores() {}

  /**
   * A score on a scale of {@code 0..max} as 0-100, rounded; null when absent; 0 is kept (a real
   * score) only when {@code zeroIsUnrated} is false.
   *
   * @param value the provider's score
   * @param max the top of the provider's scale (10 for Jikan and TMDB, 5 for Google Books and
   *     Hardcover, 100 for IGDB)
   * @param zeroIsUnrated whether the provider writes 0 for "no score yet" (TMDB does)
   */
  public static Integer scale(Double value, double max, boolean zeroIsUnrated) {
    if (value == null || value.isNaN() || (zeroIsUnrated && value == 0.0)) {
      return null;
    }
    long scaled = Math.round(value * 100.0 / max);
    return (int) Math.max(0, Math.min(100, scaled));
  }

  /**
   * A count of people (members, ratings, votes, users) as 0-100 on a log10 scale: {@code round(100
   * × log10(1 + count) / log10(1 + ceiling))}, capped at 100. The ceiling is the count of the
   * provider's most popular items (documented per provider), so the most popular items score near
   * 100 and an item with one fan scores a few points.
   *
   * @return null when the count is absent
   */
  public static Integer logPopularity(Number count, double ceiling) {
    if (count == null) {
      return null;
    }
    double c = Math.max(0, count.doubleValue());
    long scaled = Math.round(100.0 * Math.log10(1 + c) / Math.log10(1 + ceiling));
    return (int) Math.max(0, Math.min(100, scaled));
  }
}
