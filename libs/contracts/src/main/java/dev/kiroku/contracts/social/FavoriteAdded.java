package dev.kiroku.contracts.social;

import java.time.Instant;

/**
 * Payload of {@code FavoriteAdded} on {@code social.events.v1} (key = the user's id): a media item
 * joined the user's favorites of its type (at most 10 per type).
 *
 * @param user the user
 * @param media the media item
 * @param position its place among the favorites of its type (0 = first)
 * @param occurredAt when it was added
 */
public record FavoriteAdded(UserRef user, MediaRef media, int position, Instant occurredAt) {}
