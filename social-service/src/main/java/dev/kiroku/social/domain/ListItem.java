package dev.kiroku.social.domain;

import java.time.Instant;

/**
 * One item of a list.
 *
 * @param media the media item
 * @param rank its sparse sort key in the list ({@link ListOrder}); not its index
 * @param addedAt when it was added
 */
public record ListItem(MediaItem media, long rank, Instant addedAt) {}
