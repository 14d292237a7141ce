package dev.kiroku.social.service;

/**
 * A follow or an unfollow waiting for its group commit ({@link FollowWriteBatcher}). The target is
 * named by handle: the batch finds every target's profile while it locks them ({@link
 * FollowBatchWriter}), so a write costs no lookup of its own.
 *
 * @param kind follow or unfollow
 * @param actorId the caller, who follows or stops following
 * @param handle the target's handle, lower-case, as the caller named it
 */
record FollowWrite(Kind kind, String actorId, String handle) {

  /** Which write. */
  enum Kind {
    /** {@code POST /users/{handle}/follow}: a follow, or a request for a non-public profile. */
    FOLLOW,
    /** {@code DELETE /users/{handle}/follow}: the follow ends and a pending request goes. */
    UNFOLLOW
  }

  /** The shard of the write: a caller's writes on one handle commit in request order. */
  String shard() {
    return actorId + '/' + handle;
  }
}
