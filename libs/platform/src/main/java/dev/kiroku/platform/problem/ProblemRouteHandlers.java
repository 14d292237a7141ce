package dev.kiroku.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.security.BearerTokens;
import dev.kiroku.platform.security.PublicRoutes;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Problem+json for failures that happen before a request reaches JAX-RS: a request to {@code
 * /api/*} without a usable bearer token, a body over the size limit, a failed or denied
 * authentication, a request the router rejects with a 4xx, and paths nothing serves. Installed on
 * the application router of every service (and the gateway). What the HTTP layer rejects before
 * routing is {@link EdgeProblemHooks}'s.
 */
@ApplicationScoped
public class ProblemRouteHandlers {

  @Inject ObjectMapper objectMapper;
  @Inject PublicRoutes publicRoutes;

  /** {@code quarkus.http.limits.max-body-size} (Quarkus's default applies when unset). */
  @ConfigProperty(name = "quarkus.http.limits.max-body-size")
  Optional<MemorySize> maxBodySize;

  void install(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE).failureHandler(this::onFailure);
    // The HTTP permission on /api/* (quarkus.http.auth.permission) answers a request without
    // credentials with a bare challenge; fail it first so the client gets problem+json as well.
    router.route("/api/*").order(Integer.MIN_VALUE).handler(this::requireCredentials);
    // Quarkus rejects a Content-Length over the limit with an empty 413 (a route of order -2);
    // answer first, with the same limit and the same connection close.
    maxBodySize.ifPresent(
        limit -> {
          long max = limit.asLongValue();
          router.route().order(Integer.MIN_VALUE).handler(ctx -> rejectLargeBody(ctx, max));
        });
    // Last resort for API paths nothing serves (JAX-RS answers its own unmatched paths).
    router
        .route("/api/*")
        .order(Integer.MAX_VALUE)
        .handler(
            ctx ->
                send(
                    ctx,
                    Problems.forStatus(404, "Nothing exists at this path.", ctx.normalizedPath())));
  }

  /**
   * Lets through only requests whose {@code Authorization} header carries a bearer token, which
   * Quarkus OIDC then verifies (its failures reach {@link #onFailure}), and requests without one to
   * a {@link PublicRoutes public route}. A missing header, another scheme ({@code Basic ...}), or
   * {@code Bearer} with no token would otherwise get OIDC's bare challenge with an empty body.
   */
  private void requireCredentials(RoutingContext ctx) {
    String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (BearerTokens.present(authorization)
        || (authorization == null
            && publicRoutes.isPublic(ctx.request().method().name(), ctx.normalizedPath()))) {
      ctx.next();
    } else {
      ctx.fail(new UnauthorizedException());
    }
  }

  private void rejectLargeBody(RoutingContext ctx, long max) {
    String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && declaredLength(length) > max) {
      HttpServerResponse response = ctx.response();
      // The body is not read: close the connection after the answer, as Quarkus does.
      response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
      response.endHandler(ended -> ctx.request().connection().close());
      send(ctx, EdgeProblems.bodyTooLarge(max, ctx.normalizedPath()));
    } else {
      ctx.next();
    }
  }

  /**
   * A {@code Content-Length} header's value in bytes, or -1 when it is not a number (the HTTP codec
   * rejects those anyway).
   */
  public static long declaredLength(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void onFailure(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.next();
      return;
    }
    Throwable failure = ctx.failure();
    int status = ctx.statusCode();
    Problem problem;
    if (status == 413 && maxBodySize.isPresent()) {
      // e.g. a chunked body over the limit, counted while it is read
      problem = EdgeProblems.bodyTooLarge(maxBodySize.get().asLongValue(), ctx.normalizedPath());
    } else if (status >= 400 && status < 500) {
      problem = Problems.rejected(status, failure, ctx.normalizedPath());
    } else if (failure != null) {
      problem = Problems.from(failure, ctx.normalizedPath());
    } else if (status >= 400) {
      problem = Problems.forStatus(status, "The request was rejected.", ctx.normalizedPath());
    } else {
      ctx.next();
      return;
    }
    send(ctx, problem);
  }

  /**
   * Writes {@code problem} as the response, with {@code WWW-Authenticate: Bearer} on 401.
   *
   * @param ctx the request
   * @param problem the body; its status becomes the response status
   */
  public void send(RoutingContext ctx, Problem problem) {
    write(ctx.response(), objectMapper, problem);
  }

  /**
   * Writes {@code problem} as {@code response}: its status, {@code Content-Type:
   * application/problem+json}, {@code WWW-Authenticate: Bearer} on 401, the JSON body.
   *
   * @return completes when the response is written
   */
  static Future<Void> write(
      HttpServerResponse response, ObjectMapper objectMapper, Problem problem) {
    String body;
    try {
      body = objectMapper.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      body = "{\"status\":" + problem.status() + ",\"code\":\"" + problem.code() + "\"}";
    }
    response.setStatusCode(problem.status());
    response.putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
    if (problem.status() == 401) {
      response.putHeader("WWW-Authenticate", "Bearer");
    }
    return response.end(body);
  }
}
