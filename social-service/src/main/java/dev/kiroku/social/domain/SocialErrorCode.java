package dev.kiroku.social.domain;

import dev.kiroku.platform.problem.ErrorCode;

/** social-service's problem codes (shared ones are in {@code CommonErrorCode}). */
public enum SocialErrorCode implements ErrorCode {
  /** No profile answers to this handle (or the caller may not know it exists). */
  USER_NOT_FOUND(404, "User not found"),
  /** The handle belongs to someone else, or was theirs less than 30 days ago. */
  HANDLE_TAKEN(409, "Handle taken"),
  /** Following, requesting or blocking oneself. */
  SELF_RELATION(422, "Not possible with yourself"),
  /** One of the two users blocked the other. */
  BLOCKED(403, "Blocked"),
  /** No pending follow request from this user. */
  FOLLOW_REQUEST_NOT_FOUND(404, "Follow request not found"),
  /** No list with this id belongs to the caller (or may be seen by them). */
  LIST_NOT_FOUND(404, "List not found"),
  /** The media item is not in the list. */
  LIST_ITEM_NOT_FOUND(404, "List item not found"),
  /** The media item is already in the list (an item appears at most once). */
  LIST_ITEM_EXISTS(409, "Already in the list"),
  /** A list, or the favorites of a media type, would go over its limit. */
  LIMIT_REACHED(422, "Limit reached"),
  /** The catalog does not know this media id (social-service's projection of catalog.media.v1). */
  UNKNOWN_MEDIA(422, "Unknown media"),
  /** The pagination cursor is not one this service handed out. */
  INVALID_CURSOR(400, "Invalid cursor"),
  /** {@code DELETE /me} without the confirmation header naming the caller's handle. */
  CONFIRMATION_REQUIRED(428, "Confirmation required");

  private final int status;
  private final String title;

  SocialErrorCode(int status, String title) {
    this.status = status;
    this.title = title;
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public String title() {
    return title;
  }
}
