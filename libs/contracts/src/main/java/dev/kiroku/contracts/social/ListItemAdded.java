package dev.kiroku.contracts.social;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code ListItemAdded} on {@code social.events.v1} (key = the owner's id).
 *
 * @param listId list id
 * @param owner the list's owner
 * @param listName the list's name
 * @param visibility the list's visibility ({@code PUBLIC}, {@code FOLLOWERS}, {@code PRIVATE})
 * @param media the added media item
 * @param position the item's position in the list (0 = first)
 * @param occurredAt when the item was added
 */
public record ListItemAdded(
    UUID listId,
    UserRef owner,
    String listName,
    String visibility,
    MediaRef media,
    int position,
    Instant occurredAt) {}
