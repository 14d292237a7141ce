package dev.kiroku.social.domain;

import java.time.Instant;

/**
 * A user's public profile, as stored.
 *
 * @param userId OIDC {@code sub}
 * @param handle lower-case handle, 3-30 of {@code [a-z0-9_]}
 * @param displayName at most 100 characters; null when none
 * @param bio at most 1,000 characters; null when none
 * @param avatarUrl https URL; null when none
 * @param visibility who sees the details
 * @param ratingScale the preferred rating scale
 * @param followerCount accepted followers
 * @param followingCount users this one follows
 * @param createdAt when the profile was created (the user's first call)
 * @param updatedAt last change
 */
public record Profile(
    String userId,
    String handle,
    String displayName,
    String bio,
    String avatarUrl,
    Visibility visibility,
    RatingScale ratingScale,
    int followerCount,
    int followingCount,
    Instant createdAt,
    Instant updatedAt) {

  /** Whether {@code other} has the same editable fields (handle ... rating scale). */
  public boolean sameFields(Profile other) {
    return handle.equals(other.handle)
        && java.util.Objects.equals(displayName, other.displayName)
        && java.util.Objects.equals(bio, other.bio)
        && java.util.Objects.equals(avatarUrl, other.avatarUrl)
        && visibility == other.visibility
        && ratingScale == other.ratingScale;
  }

  /**
   * This profile with these editable fields, changed at {@code now} (id, counts, creation kept).
   */
  public Profile withFields(
      String handle,
      String displayName,
      String bio,
      String avatarUrl,
      Visibility visibility,
      RatingScale ratingScale,
      Instant now) {
    return new Profile(
        userId,
        handle,
        displayName,
        bio,
        avatarUrl,
        visibility,
        ratingScale,
        followerCount,
        followingCount,
        createdAt,
        now);
  }
}
