package dev.kiroku.progress.domain;

import java.time.Instant;

/**
 * Which episodes (chapters, for manga) to mark watched or unmark: one ({@code episode}) or a range
 * ({@code from}..{@code to}, inclusive).
 *
 * @param season TV season (null = 1; 0 = specials); must be null or 1 for other types
 * @param episode a single episode or chapter
 * @param from first of a range
 * @param to last of a range (at most {@link EpisodeRules#MAX_UNITS_PER_REQUEST} units)
 * @param watchedAt when; null = now (marking only)
 */
public record EpisodeMarks(
    Integer season, Integer episode, Integer from, Integer to, Instant watchedAt) {}
