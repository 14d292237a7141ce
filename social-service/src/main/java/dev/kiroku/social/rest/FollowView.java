package dev.kiroku.social.rest;

/**
 * The answer to {@code POST /users/{handle}/follow}.
 *
 * @param handle the followed (or asked) user's current handle
 * @param state {@code FOLLOWING} (a public profile, or already followed) or {@code REQUESTED} (a
 *     followers-only or private profile: the request awaits its owner)
 */
public record FollowView(String handle, String state) {}
