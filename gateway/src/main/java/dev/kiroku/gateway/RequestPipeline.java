package dev.kiroku.gateway;

import dev.kiroku.gateway.body.BodyLimits;
import dev.kiroku.gateway.correlation.RequestIds;
import dev.kiroku.gateway.cors.Cors;
import dev.kiroku.gateway.ratelimit.RateLimits;
import io.vertx.ext.web.Router;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The order in which a request meets the gateway's checks, before {@code ApiProxy} streams it to
 * its service. Route orders are Vert.x Web's (lowest first); routes of equal order run in the order
 * they were added, and this observer runs before libs/platform's {@code ProblemRouteHandlers}
 * (whose observer has the default priority), so its {@code Integer.MIN_VALUE} routes come first.
 *
 * <ol>
 *   <li>{@link RequestIds}: {@code X-Request-Id} kept or made, for every answer below;
 *   <li>{@link Cors}: preflights answered here (never forwarded, no token needed); CORS headers on
 *       everything else;
 *   <li>{@link RateLimits#beforeCredentials}: {@code /api/*} without a bearer token spends the
 *       address's budget;
 *   <li>libs/platform: no bearer token → 401, except on a public route ({@code
 *       quarkus.http.auth.permission.public}); {@code Content-Length} over {@code
 *       quarkus.http.limits.max-body-size} → 413;
 *   <li>Quarkus OIDC (order -200) verifies the token, the HTTP permission (order -100) requires one
 *       except on public routes; a refusal meets {@link RateLimits#afterRejectedCredentials}
 *       (address budget) on its way to the 401;
 *   <li>{@link RateLimits#afterAuthentication} (order {@value #AFTER_AUTHORIZATION}): the user's
 *       budget;
 *   <li>{@link BodyLimits#checkDeclaredLength}: the route's body limit against {@code
 *       Content-Length};
 *   <li>{@code ApiProxy}: the exchange with the service.
 * </ol>
 */
@ApplicationScoped
public class RequestPipeline {

  /** After Quarkus's authentication (-200) and authorization (-100) filters. */
  static final int AFTER_AUTHORIZATION = -50;

  private final RequestIds requestIds;
  private final Cors cors;
  private final RateLimits rateLimits;
  private final BodyLimits bodyLimits;

  RequestPipeline(RequestIds requestIds, Cors cors, RateLimits rateLimits, BodyLimits bodyLimits) {
    this.requestIds = requestIds;
    this.cors = cors;
    this.rateLimits = rateLimits;
    this.bodyLimits = bodyLimits;
  }

  void install(@Observes @Priority(100) Router router) {
    router.route().order(Integer.MIN_VALUE).handler(requestIds);
    router.route().order(Integer.MIN_VALUE).handler(cors);
    router.route("/api/*").order(Integer.MIN_VALUE).handler(rateLimits::beforeCredentials);
    router
        .route("/api/*")
        .order(Integer.MIN_VALUE)
        .failureHandler(rateLimits::afterRejectedCredentials);
    router.route("/api/*").order(AFTER_AUTHORIZATION).handler(rateLimits::afterAuthentication);
    router.route("/api/*").order(AFTER_AUTHORIZATION + 1).handler(bodyLimits::checkDeclaredLength);
  }
}
