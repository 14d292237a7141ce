package dev.kiroku.progress.rest;

import dev.kiroku.progress.domain.RatingScale;
import jakarta.validation.constraints.NotNull;

/** {@code {"ratingScale": "POINT_10"}}: the scale ratings are read and written in. */
public record SettingsBody(@NotNull RatingScale ratingScale) {}
