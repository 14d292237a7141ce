package dev.kiroku.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Problem+json for failures that happen before a request reaches JAX-RS: a missing or invalid
 * bearer token rejected by the HTTP security layer, a denied path permission, and paths nothing
 * serves. Installed on the application router of every service (and the gateway).
 */
@ApplicationScoped
public class ProblemRouteHandlers {

  @Inject ObjectMapper objectMapper;

  void install(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE).failureHandler(this::onFailure);
    // The HTTP permission on /api/* (quarkus.http.auth.permission) answers a request without
    // credentials with a bare challenge; fail it first so the client gets problem+json as well.
    router.route("/api/*").order(Integer.MIN_VALUE).handler(this::requireCredentials);
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

  private void requireCredentials(RoutingContext ctx) {
    if (ctx.request().getHeader("Authorization") == null) {
      ctx.fail(new UnauthorizedException());
    } else {
      ctx.next();
    }
  }

  private void onFailure(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.next();
      return;
    }
    Throwable failure = ctx.failure();
    Problem problem;
    if (failure != null) {
      problem = Problems.from(failure, ctx.normalizedPath());
    } else if (ctx.statusCode() >= 400) {
      problem =
          Problems.forStatus(ctx.statusCode(), "The request was rejected.", ctx.normalizedPath());
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
    String body;
    try {
      body = objectMapper.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      body = "{\"status\":" + problem.status() + ",\"code\":\"" + problem.code() + "\"}";
    }
    var response = ctx.response().setStatusCode(problem.status());
    response.putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
    if (problem.status() == 401) {
      response.putHeader("WWW-Authenticate", "Bearer");
    }
    response.end(body);
  }
}
