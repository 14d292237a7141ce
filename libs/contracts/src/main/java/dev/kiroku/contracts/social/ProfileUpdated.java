package dev.kiroku.contracts.social;

import java.time.Instant;

/**
 * Payload of {@code ProfileUpdated} on {@code social.events.v1} (key = user id): the profile as it
 * now is, sent when it is created and after every change of what it carries. Consumers that show
 * people (search) keep only {@code PUBLIC} profiles and drop the others.
 *
 * @param user the user (handle, display name, avatar)
 * @param previousHandle the handle before a rename; null otherwise
 * @param visibility {@code PUBLIC}, {@code FOLLOWERS} or {@code PRIVATE}
 * @param createdAt when the profile was created
 * @param occurredAt when the change was committed
 */
public record ProfileUpdated(
    UserRef user,
    String previousHandle,
    String visibility,
    Instant createdAt,
    Instant occurredAt) {}
