package dev.kiroku.progress.rest;

import dev.kiroku.progress.domain.Visibility;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A review: {@code {"text": "...", "spoiler": false, "visibility": "PUBLIC"}}.
 *
 * @param text at most 20,000 characters
 * @param spoiler whether it reveals the plot; default false
 * @param visibility {@code PUBLIC} (default), {@code FOLLOWERS}, {@code PRIVATE}
 */
public record ReviewBody(
    @NotBlank @Size(max = 20_000) String text, Boolean spoiler, Visibility visibility) {}
