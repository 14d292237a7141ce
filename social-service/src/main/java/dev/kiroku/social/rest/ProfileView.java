package dev.kiroku.social.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiroku.social.domain.Profile;
import dev.kiroku.social.domain.Relationship;
import java.time.Instant;

/**
 * A profile as a visitor sees it ({@code GET /api/v1/social/users/{handle}}). When {@code
 * restricted} (a private profile, a followers-only one to a non-follower, or an owner who blocked
 * the visitor) it carries the handle, visibility and relationship only.
 *
 * @param handle lower-case handle
 * @param displayName at most 100 characters; absent when none or restricted
 * @param bio at most 1,000 characters; absent when none or restricted
 * @param avatarUrl https URL; absent when none or restricted
 * @param visibility {@code PUBLIC}, {@code FOLLOWERS} or {@code PRIVATE}
 * @param followerCount accepted followers; absent when restricted
 * @param followingCount users followed; absent when restricted
 * @param createdAt when the profile was created; absent when restricted
 * @param restricted whether the details are hidden from this visitor
 * @param relationship how the visitor stands to the owner; absent on one's own profile
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProfileView(
    String handle,
    String displayName,
    String bio,
    String avatarUrl,
    String visibility,
    Integer followerCount,
    Integer followingCount,
    Instant createdAt,
    boolean restricted,
    RelationshipView relationship) {

  /**
   * The visitor's relation to the owner (who blocked whom is not told to the blocked).
   *
   * @param following the visitor follows the owner
   * @param followedBy the owner follows the visitor
   * @param requested the visitor's follow request is pending
   * @param blocking the visitor blocked the owner
   */
  public record RelationshipView(
      boolean following, boolean followedBy, boolean requested, boolean blocking) {

    static RelationshipView of(Relationship r) {
      return new RelationshipView(r.following(), r.followedBy(), r.requested(), r.blocking());
    }
  }

  /** The whole profile. */
  static ProfileView full(Profile p, RelationshipView relationship) {
    return new ProfileView(
        p.handle(),
        p.displayName(),
        p.bio(),
        p.avatarUrl(),
        p.visibility().name(),
        p.followerCount(),
        p.followingCount(),
        p.createdAt(),
        false,
        relationship);
  }

  /** The handle only. */
  static ProfileView restricted(Profile p, RelationshipView relationship) {
    return new ProfileView(
        p.handle(), null, null, null, p.visibility().name(), null, null, null, true, relationship);
  }
}
