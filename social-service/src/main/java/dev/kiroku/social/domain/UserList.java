package dev.kiroku.social.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A user's list of media items, as stored (its items are read page by page).
 *
 * @param id list id
 * @param ownerId the owner's user id (OIDC {@code sub})
 * @param name 1-100 characters
 * @param description at most 2,000 characters; null when none
 * @param visibility who may see the list (besides its owner)
 * @param itemCount items in the list, 0-10,000
 * @param createdAt when the list was created
 * @param updatedAt last change of the list or its items
 */
public record UserList(
    UUID id,
    String ownerId,
    String name,
    String description,
    Visibility visibility,
    int itemCount,
    Instant createdAt,
    Instant updatedAt) {}
