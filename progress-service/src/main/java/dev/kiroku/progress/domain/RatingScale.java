package dev.kiroku.progress.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Rating scales. Ratings are stored as 0-100 scores and converted on the way in and out.
 *
 * <ul>
 *   <li>{@link #POINT_10}: whole numbers 0-10, score = value × 10
 *   <li>{@link #POINT_10_DECIMAL}: 0.0-10.0 in steps of 0.1, score = value × 10
 *   <li>{@link #POINT_100}: whole numbers 0-100, score = value
 *   <li>{@link #STARS_5}: whole stars 0-5, score = value × 20
 * </ul>
 */
public enum RatingScale {
  POINT_10(10, 0, 10),
  POINT_10_DECIMAL(10, 1, 10),
  POINT_100(100, 0, 1),
  STARS_5(5, 0, 20);

  /** The scale new users get. */
  public static final RatingScale DEFAULT = POINT_10;

  private final int max;
  private final int decimals;
  private final int factor;

  RatingScale(int max, int decimals, int factor) {
    this.max = max;
    this.decimals = decimals;
    this.factor = factor;
  }

  /**
   * The 0-100 score of {@code value}.
   *
   * @throws IllegalArgumentException when the value is outside 0..max or finer than the scale's
   *     step; the message says why
   */
  public int toScore(BigDecimal value) {
    if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new IllegalArgumentException("must be between 0 and " + max + " in " + name());
    }
    if (value.stripTrailingZeros().scale() > decimals) {
      throw new IllegalArgumentException(
          decimals == 0
              ? "must be a whole number in " + name()
              : "must have at most " + decimals + " decimal in " + name());
    }
    return value.multiply(BigDecimal.valueOf(factor)).setScale(0, RoundingMode.HALF_UP).intValue();
  }

  /** The 0-100 score in this scale (rounded half up to the scale's step). */
  public BigDecimal fromScore(int score) {
    return BigDecimal.valueOf(score)
        .divide(BigDecimal.valueOf(factor), decimals, RoundingMode.HALF_UP);
  }
}
