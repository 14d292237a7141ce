package dev.kiroku.gateway.me;

import io.vertx.core.json.JsonObject;

/**
 * The parts of {@code GET /api/v1/me}: which service answers each, at which route (read with the
 * caller's own token, as if the caller had asked), and which member of its answer is kept.
 */
enum MePart {
  /** social-service {@code GET /api/v1/social/me}: the whole profile. */
  PROFILE("profile", "social", "/api/v1/social/me", null),
  /** progress-service {@code GET /api/v1/progress/entries}: {@code counts}, entries per status. */
  STATUS_COUNTS("statusCounts", "progress", "/api/v1/progress/entries?limit=1", "counts"),
  /** progress-service {@code GET /api/v1/progress/up-next}: {@code items}. */
  UP_NEXT("upNext", "progress", "/api/v1/progress/up-next", "items"),
  /** feed-service {@code GET /api/v1/feed/notifications/unread-count}: {@code count}. */
  UNREAD_NOTIFICATIONS(
      "unreadNotifications", "feed", "/api/v1/feed/notifications/unread-count", "count");

  /** Its member in the overview. */
  final String member;

  /** The service that answers it. */
  final String service;

  /** The service's route, path and query. */
  final String uri;

  /** The member of the service's answer that is kept; null: the whole answer. */
  final String source;

  MePart(String member, String service, String uri, String source) {
    this.member = member;
    this.service = service;
    this.uri = uri;
    this.source = source;
  }

  /** The kept member of the service's answer; null when the answer lacks it. */
  Object pick(JsonObject body) {
    return source == null ? body : body.getValue(source);
  }
}
