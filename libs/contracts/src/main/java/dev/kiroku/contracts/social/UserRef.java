package dev.kiroku.contracts.social;

/**
 * A user as social events show them, so consumers can render an activity without asking
 * social-service.
 *
 * @param userId OIDC {@code sub}
 * @param handle public handle at the time of the event ({@code [a-z0-9_]{3,30}})
 * @param displayName display name; null when the user set none
 * @param avatarUrl https URL of the avatar; null when none
 */
public record UserRef(String userId, String handle, String displayName, String avatarUrl) {}
