package dev.kiroku.gateway.me;

import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * The parts of {@code GET /api/v1/me}: which service answers each, at which route (read with the
 * caller's own token, as if the caller had asked), and which member of its answer is kept.
 */
enum MePart {
  /** social-service {@code GET /api/v1/social/me}: the whole profile. */
  PROFILE("profile", "social", "/api/v1/social/me", body -> body),
  /** progress-service {@code GET /api/v1/progress/entries}: {@code counts}, entries per status. */
  STATUS_COUNTS(
      "statusCounts",
      "progress",
      "/api/v1/progress/entries?limit=1",
      body -> body.getValue("counts")),
  /** progress-service {@code GET /api/v1/progress/up-next}: {@code items}. */
  UP_NEXT("upNext", "progress", "/api/v1/progress/up-next", body -> body.getValue("items")),
  /** feed-service {@code GET /api/v1/feed/notifications/unread-count}: {@code count}. */
  UNREAD_NOTIFICATIONS(
      "unreadNotifications",
      "feed",
      "/api/v1/feed/notifications/unread-count",
      body -> body.getValue("count"));

  final String member;
  final String service;
  final String uri;
  private final Function<JsonObject, Object> pick;

  MePart(String member, String service, String uri, Function<JsonObject, Object> pick) {
    this.member = member;
    this.service = service;
    this.uri = uri;
    this.pick = pick;
  }

  /** The kept member of the service's answer; null when the answer lacks it. */
  Object pick(JsonObject body) {
    return pick.apply(body);
  }
}
