package dev.kiroku.social.service;

import dev.kiroku.social.repository.FollowRepository.Follow;

/**
 * A follow or an unfollow waiting for its group commit ({@link FollowWriteBatcher}).
 *
 * @param kind follow or unfollow
 * @param actorId the caller, who follows or stops following
 * @param targetId the user followed
 * @param handle the handle the caller named the target by (for a 404 when the target is gone)
 */
record FollowWrite(Kind kind, String actorId, String targetId, String handle) {

  /** Which write. */
  enum Kind {
    /** {@code POST /users/{handle}/follow}: a follow, or a request for a non-public profile. */
    FOLLOW,
    /** {@code DELETE /users/{handle}/follow}: the follow ends and a pending request goes. */
    UNFOLLOW
  }

  /** The pair (actor follows target), as stored in {@code follow}. */
  Follow pair() {
    return new Follow(actorId, targetId);
  }
}
