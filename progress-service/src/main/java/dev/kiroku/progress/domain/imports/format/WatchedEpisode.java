package dev.kiroku.progress.domain.imports.format;

import java.time.Instant;

/**
 * One episode in an imported watch history (Trakt {@code /sync/watched}: {@code
 * seasons[].episodes[]}).
 *
 * @param season season number (0 = specials)
 * @param episode episode number within the season
 * @param plays how many times it was watched, at least 1 (Trakt: {@code plays})
 * @param lastWatchedAt when it was last watched (Trakt: {@code last_watched_at}), or null
 */
public record WatchedEpisode(int season, int episode, int plays, Instant lastWatchedAt) {}
