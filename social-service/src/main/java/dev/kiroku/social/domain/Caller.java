package dev.kiroku.social.domain;

/**
 * The signed-in user, from the access token.
 *
 * @param userId token {@code sub}
 * @param username token {@code preferred_username} (a new profile's handle starts from it); may be
 *     null
 * @param name token {@code name} (a new profile's display name); may be null
 */
public record Caller(String userId, String username, String name) {}
