package dev.kiroku.progress.domain;

import dev.kiroku.contracts.progress.Progress;

/**
 * What comes after an entry's position.
 *
 * @param caughtUp true when the next episode (chapter) has not aired yet, or there is none
 * @param next the next unit as a progress ({@code {"season": 2, "episode": 1}}), null when caught
 *     up
 */
public record NextEpisode(boolean caughtUp, Progress next) {}
