package dev.kiroku.progress.rest;

import dev.kiroku.progress.domain.Visibility;

/**
 * A review: {@code {"text": "...", "spoiler": false, "visibility": "PUBLIC"}}.
 *
 * @param text required, at most 20,000 characters
 * @param spoiler whether it reveals the plot; default false
 * @param visibility {@code PUBLIC} (default), {@code FOLLOWERS}, {@code PRIVATE}
 */
public record ReviewBody(String text, Boolean spoiler, Visibility visibility) {}
