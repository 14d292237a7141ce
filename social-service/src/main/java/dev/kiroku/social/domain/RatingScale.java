package dev.kiroku.social.domain;

/**
 * The rating scales a user may prefer, as progress-service names them ({@code GET
 * /api/v1/progress/settings}): 0-10 whole, 0-10 with one decimal, 0-100, 0-5 stars.
 */
public enum RatingScale {
  POINT_10,
  POINT_10_DECIMAL,
  POINT_100,
  STARS_5
}
