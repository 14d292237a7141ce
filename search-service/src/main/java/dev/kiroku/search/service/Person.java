package dev.kiroku.search.service;

/**
 * One person in a people search answer: what their public profile shows.
 *
 * @param handle public handle ({@code [a-z0-9_]{3,30}})
 * @param displayName display name, null when the user set none
 * @param avatarUrl https URL of the avatar, null when none
 */
public record Person(String handle, String displayName, String avatarUrl) {}
