package dev.kiroku.social.rest;

import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.social.domain.MediaItem;
import dev.kiroku.social.domain.Profile;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The caller's own profile ({@code GET|PATCH /api/v1/social/me}).
 *
 * @param userId token {@code sub}
 * @param handle lower-case handle, 3-30 of {@code [a-z0-9_]}
 * @param displayName at most 100 characters; null when none
 * @param bio at most 1,000 characters; null when none
 * @param avatarUrl https URL; null when none
 * @param visibility {@code PUBLIC}, {@code FOLLOWERS} or {@code PRIVATE}
 * @param ratingScale {@code POINT_10}, {@code POINT_10_DECIMAL}, {@code POINT_100} or {@code
 *     STARS_5}
 * @param followerCount accepted followers
 * @param followingCount users followed
 * @param createdAt when the profile was created
 * @param updatedAt last change
 * @param favorites favorites by media type name ({@code ANIME}, ...; types without any left out),
 *     each in order, at most 10
 */
public record MeView(
    String userId,
    String handle,
    String displayName,
    String bio,
    String avatarUrl,
    String visibility,
    String ratingScale,
    int followerCount,
    int followingCount,
    Instant createdAt,
    Instant updatedAt,
    Map<String, List<MediaItemView>> favorites) {

  static MeView of(Profile p, Map<MediaType, List<MediaItem>> favorites) {
    return new MeView(
        p.userId(),
        p.handle(),
        p.displayName(),
        p.bio(),
        p.avatarUrl(),
        p.visibility().name(),
        p.ratingScale().name(),
        p.followerCount(),
        p.followingCount(),
        p.createdAt(),
        p.updatedAt(),
        MediaItemView.favorites(favorites));
  }
}
