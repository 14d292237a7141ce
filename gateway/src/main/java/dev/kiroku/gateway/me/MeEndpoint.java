package dev.kiroku.gateway.me;

import dev.kiroku.gateway.correlation.RequestIds;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * {@code GET /api/v1/me}: the signed-in user's profile, entries per status, up-next list and unread
 * notification count in one call ({@link MeComposer}). It needs a token and spends one read of the
 * caller's budget like any other route ({@code RequestPipeline}); it always answers 200 with what
 * the services gave, {@code warnings} naming what is missing.
 */
@ApplicationScoped
public class MeEndpoint {

  /** The request headers each service is sent. */
  static final List<String> FORWARDED =
      List.of(
          HttpHeaders.AUTHORIZATION.toString(),
          RequestIds.HEADER,
          "traceparent",
          "tracestate",
          HttpHeaders.ACCEPT_LANGUAGE.toString());

  private final MeComposer composer;

  MeEndpoint(MeComposer composer) {
    this.composer = composer;
  }

  void install(@Observes Router router) {
    router.get("/api/v1/me").handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (String name : FORWARDED) {
      String value = ctx.request().getHeader(name);
      if (value != null) {
        headers.set(name, value);
      }
    }
    headers.set(HttpHeaders.ACCEPT, "application/json");
    composer
        .compose(headers)
        .onSuccess(
            me -> {
              if (!ctx.response().closed()) {
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end(me.toBuffer());
              }
            })
        .onFailure(ctx::fail);
  }
}
