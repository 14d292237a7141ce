package dev.kiroku.gateway.cors;

import dev.kiroku.gateway.config.CorsConfig;
import dev.kiroku.gateway.config.GatewayConfig;
import dev.kiroku.platform.problem.CommonErrorCode;
import dev.kiroku.platform.problem.Problem;
import dev.kiroku.platform.problem.ProblemRouteHandlers;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/**
 * CORS (the Fetch standard's protocol) for browsers on other origins, answered by the gateway
 * before anything else runs:
 *
 * <ul>
 *   <li>A preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method})
 *       is answered here and never forwarded, with or without a token: 204 with the allowed
 *       methods, headers and max age when the origin is allowed, else 403 problem+json ({@code
 *       FORBIDDEN}) without CORS headers.
 *   <li>Any other request from an allowed origin gets {@code Access-Control-Allow-Origin} (the
 *       origin itself, or {@code *} when every origin is allowed), the exposed headers and, if
 *       configured and origins are listed, {@code Access-Control-Allow-Credentials: true}; on 401,
 *       429 and 503 as on proxied answers, so scripts can read them.
 *   <li>A request from an origin not allowed goes on without CORS headers: the browser keeps its
 *       answer from the script. It is not refused, because same-origin requests carry an {@code
 *       Origin} too and bearer tokens are not sent by browsers on their own (no CSRF to stop).
 * </ul>
 */
@ApplicationScoped
public class Cors implements Handler<RoutingContext> {

  private final boolean enabled;
  private final boolean anyOrigin;
  private final Set<String> origins;
  private final boolean allowCredentials;
  private final String methods;
  private final String headers;
  private final String exposedHeaders;
  private final String maxAgeSeconds;
  private final ProblemRouteHandlers problems;

  @Inject
  Cors(GatewayConfig config, ProblemRouteHandlers problems) {
    this(config.cors(), problems);
  }

  Cors(CorsConfig config, ProblemRouteHandlers problems) {
    List<String> configured = config.origins().orElse(List.of());
    validate(configured, config.allowCredentials());
    this.enabled = !configured.isEmpty();
    this.anyOrigin = configured.contains("*");
    this.origins = Set.copyOf(configured);
    this.allowCredentials = config.allowCredentials() && !anyOrigin;
    this.methods = String.join(", ", config.methods());
    this.headers = String.join(", ", config.headers());
    this.exposedHeaders = String.join(", ", config.exposedHeaders());
    this.maxAgeSeconds = Long.toString(config.maxAge().toSeconds());
    this.problems = problems;
  }

  /**
   * Refuses a configuration browsers would reject or that would be unsafe.
   *
   * @param origins the configured origins
   * @param allowCredentials {@code kiroku.gateway.cors.allow-credentials}
   * @throws IllegalStateException for {@code *} together with other origins, or with credentials
   */
  static void validate(List<String> origins, boolean allowCredentials) {
    if (origins.contains("*") && origins.size() > 1) {
      throw new IllegalStateException(
          "kiroku.gateway.cors.origins: '*' allows every origin and cannot be listed with others");
    }
    if (origins.contains("*") && allowCredentials) {
      throw new IllegalStateException(
          "kiroku.gateway.cors.allow-credentials=true cannot be used with origins=*: browsers"
              + " refuse credentials for a wildcard origin, and echoing every origin instead would"
              + " let any site act with a user's cookies");
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin == null) {
      ctx.next();
      return;
    }
    boolean allowed = enabled && (anyOrigin || origins.contains(origin));
    HttpServerResponse response = ctx.response();
    if (!anyOrigin) {
      response.headers().add(HttpHeaders.VARY, "Origin");
    }
    if (isPreflight(request)) {
      answerPreflight(ctx, origin, allowed);
      return;
    }
    if (allowed) {
      allowOrigin(response, origin);
      response.putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, exposedHeaders);
    }
    ctx.next();
  }

  private void answerPreflight(RoutingContext ctx, String origin, boolean allowed) {
    HttpServerResponse response = ctx.response();
    if (!allowed) {
      problems.send(
          ctx,
          Problem.of(
              CommonErrorCode.FORBIDDEN,
              "Cross-origin requests from " + origin + " are not allowed.",
              ctx.normalizedPath()));
      return;
    }
    allowOrigin(response, origin);
    response
        .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, methods)
        .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, headers)
        .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, maxAgeSeconds)
        .setStatusCode(204)
        .end();
  }

  private void allowOrigin(HttpServerResponse response, String origin) {
    response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, anyOrigin ? "*" : origin);
    if (allowCredentials) {
      response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
    }
  }

  private static boolean isPreflight(HttpServerRequest request) {
    return request.method() == HttpMethod.OPTIONS
        && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
  }
}
