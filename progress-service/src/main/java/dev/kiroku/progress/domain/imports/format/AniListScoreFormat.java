package dev.kiroku.progress.domain.imports.format;

/**
 * AniList's rating scales ({@code ScoreFormat} in its GraphQL schema) and their conversion to
 * Kiroku's 0-100. A score of 0 means unrated in every scale.
 */
public enum AniListScoreFormat {
  /** 1-100 as is. */
  POINT_100(100),
  /** 0.1-10.0; × 10, rounded half up. */
  POINT_10_DECIMAL(10),
  /** 1-10; × 10. */
  POINT_10(10),
  /** 1-5 stars; × 20. */
  POINT_5(5),
  /** 1-3 smileys; 1 → 35, 2 → 60, 3 → 85, the values AniList itself uses for them on 100 points. */
  POINT_3(3);

  private final int max;

  AniListScoreFormat(int max) {
    this.max = max;
  }

  /** The highest score in this scale. */
  public int max() {
    return max;
  }

  /**
   * The score on 0-100, null for 0 (unrated).
   *
   * @throws IllegalArgumentException when the value is negative, above {@link #max()}, or not a
   *     whole number in an integer scale
   */
  public Integer toHundred(double score) {
    if (score == 0) {
      return null;
    }
    if (score < 0 || score > max || Double.isNaN(score)) {
      throw new IllegalArgumentException("score " + score + " is outside 0-" + max);
    }
    if (this != POINT_10_DECIMAL && score != Math.rint(score)) {
      throw new IllegalArgumentException("score " + score + " is not a whole number");
    }
    return switch (this) {
      case POINT_100 -> (int) score;
      case POINT_10_DECIMAL -> (int) Math.round(score * 10);
      case POINT_10 -> (int) score * 10;
      case POINT_5 -> (int) score * 20;
      case POINT_3 -> 10 + 25 * (int) score;
    };
  }
}
