package dev.kiroku.social.domain;

/**
 * A change of a list ({@code PATCH /api/v1/social/me/lists/{id}}, a JSON merge patch): each field
 * absent (kept) or set (null clears the description; name and visibility cannot be cleared).
 */
public record ListChange(
    Patch<String> name, Patch<String> description, Patch<Visibility> visibility) {}
