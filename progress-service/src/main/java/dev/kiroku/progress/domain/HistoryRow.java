package dev.kiroku.progress.domain;

import java.time.Instant;

/**
 * One watched episode (or read chapter) of an entry.
 *
 * @param repeat the run: 0 the first time through, n the n-th repeat
 * @param season TV season (0 = specials); 1 for types without seasons
 * @param number episode or chapter number
 * @param watchedAt when
 */
public record HistoryRow(int repeat, int season, int number, Instant watchedAt) {}
