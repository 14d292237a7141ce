package dev.kiroku.contracts.social;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code ListCreated} on {@code social.events.v1} (key = the owner's id). Consumers show
 * the list only where {@code visibility} allows.
 *
 * @param listId list id
 * @param owner the list's owner
 * @param name list name (1-100 characters)
 * @param description description (at most 2,000 characters); null when none
 * @param visibility {@code PUBLIC}, {@code FOLLOWERS} or {@code PRIVATE}
 * @param occurredAt when the list was created
 */
public record ListCreated(
    UUID listId,
    UserRef owner,
    String name,
    String description,
    String visibility,
    Instant occurredAt) {}
