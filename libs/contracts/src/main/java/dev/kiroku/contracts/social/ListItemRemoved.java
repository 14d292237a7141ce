package dev.kiroku.contracts.social;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code ListItemRemoved} on {@code social.events.v1} (key = the owner's id).
 *
 * @param listId list id
 * @param ownerId the list's owner (OIDC {@code sub})
 * @param mediaId the removed media item's id
 * @param occurredAt when the item was removed
 */
public record ListItemRemoved(UUID listId, String ownerId, UUID mediaId, Instant occurredAt) {}
