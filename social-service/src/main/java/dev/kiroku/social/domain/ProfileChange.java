package dev.kiroku.social.domain;

/**
 * A change of the caller's profile ({@code PATCH /api/v1/social/me}): each field absent (kept) or
 * set (null clears; handle, visibility and rating scale cannot be cleared).
 */
public record ProfileChange(
    Patch<String> handle,
    Patch<String> displayName,
    Patch<String> bio,
    Patch<String> avatarUrl,
    Patch<Visibility> visibility,
    Patch<RatingScale> ratingScale) {}
