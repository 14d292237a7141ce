package dev.kiroku.progress.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;

/**
 * Body of {@code POST /entries/{mediaId}/episodes}: one episode ({@code {"season": 1, "episode":
 * 5}}) or a range ({@code {"season": 1, "from": 1, "to": 5}}); for manga the numbers are chapters.
 * {@code season} only for TV (default 1; 0 = specials).
 *
 * @param season TV season
 * @param episode a single episode or chapter
 * @param from first of a range
 * @param to last of a range (inclusive, at most 2,000 units per request)
 * @param watchedAt when; default now; not in the future
 */
public record EpisodesRequest(
    @Min(0) @Max(500) Integer season,
    @Min(1) @Max(20_000) Integer episode,
    @Min(1) @Max(20_000) Integer from,
    @Min(1) @Max(20_000) Integer to,
    Instant watchedAt) {}
