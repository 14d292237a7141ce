package dev.kiroku.progress.rest;

import dev.kiroku.progress.domain.RatingScale;
import java.math.BigDecimal;

/**
 * A rating in a scale: {@code {"value": 8, "scale": "POINT_10"}}. Without {@code scale} the user's
 * setting applies ({@code GET /settings}).
 *
 * @param value the rating in {@code scale} (required)
 * @param scale {@code POINT_10}, {@code POINT_10_DECIMAL}, {@code POINT_100}, {@code STARS_5}
 */
public record RatingBody(BigDecimal value, RatingScale scale) {}
