package dev.kiroku.gateway.openapi;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;

/**
 * Serves {@link MergedOpenApi}'s document in place of the gateway's own (SmallRye OpenAPI's, which
 * would list no API) at {@code /q/openapi}, without a token (it is not under {@code /api}):
 *
 * <ul>
 *   <li>{@code GET|HEAD /q/openapi}: JSON for {@code ?format=json} or an {@code Accept} naming
 *       {@code application/json}, else YAML ({@code ?format=yaml} forces it), as SmallRye does;
 *   <li>{@code /q/openapi.json}, {@code /q/openapi.yaml}, {@code /q/openapi.yml}: that format.
 * </ul>
 *
 * Swagger UI ({@code /q/swagger-ui}) reads {@code /q/openapi}, so it shows the merged document. The
 * routes come after the gateway's first checks (request id, CORS: order {@code Integer.MIN_VALUE})
 * and before Quarkus's own {@code /q/openapi} handler.
 */
@ApplicationScoped
public class OpenApiEndpoint {

  /** Route order: after {@code RequestPipeline}'s first handlers, before Quarkus's routes. */
  static final int ORDER = Integer.MIN_VALUE + 1;

  private static final String JSON = "application/json;charset=UTF-8";
  private static final String YAML = "application/yaml;charset=UTF-8";

  private final MergedOpenApi merged;

  OpenApiEndpoint(MergedOpenApi merged) {
    this.merged = merged;
  }

  void install(@Observes Router router) {
    router
        .route("/q/openapi")
        .order(ORDER)
        .method(HttpMethod.GET)
        .method(HttpMethod.HEAD)
        .handler(ctx -> serve(ctx, wantsJson(ctx)));
    router
        .route("/q/openapi.json")
        .order(ORDER)
        .method(HttpMethod.GET)
        .method(HttpMethod.HEAD)
        .handler(ctx -> serve(ctx, true));
    for (String path : new String[] {"/q/openapi.yaml", "/q/openapi.yml"}) {
      router
          .route(path)
          .order(ORDER)
          .method(HttpMethod.GET)
          .method(HttpMethod.HEAD)
          .handler(ctx -> serve(ctx, false));
    }
  }

  /** {@code ?format=json|yaml} decides; else an {@code Accept} with {@code application/json}. */
  static boolean wantsJson(RoutingContext ctx) {
    String format = ctx.request().getParam("format");
    if (format != null) {
      return "json".equalsIgnoreCase(format);
    }
    String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
    return accept != null && accept.toLowerCase().contains("application/json");
  }

  private void serve(RoutingContext ctx, boolean json) {
    merged
        .document()
        .onComplete(
            result -> {
              if (result.failed()) {
                ctx.fail(result.cause());
                return;
              }
              String body = json ? result.result().json() : result.result().yaml();
              byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
              ctx.response()
                  .putHeader(HttpHeaders.CONTENT_TYPE, json ? JSON : YAML)
                  .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
              if (ctx.request().method() == HttpMethod.HEAD) {
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(bytes.length))
                    .end();
              } else {
                ctx.response().end(io.vertx.core.buffer.Buffer.buffer(bytes));
              }
            });
  }
}
