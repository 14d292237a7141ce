package dev.kiroku.gateway.me;

import dev.kiroku.gateway.config.GatewayConfig;
import dev.kiroku.gateway.proxy.Upstreams;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@code GET /api/v1/me}: asks the services for every {@link MePart} at once, with the
 * caller's own request headers (token, request id, trace context), and puts together what came
 * back. A part whose service is down, slow (past {@code kiroku.gateway.me.timeout}), behind an open
 * circuit breaker or answering other than 200 is {@code null}, and {@code warnings} names it.
 */
@ApplicationScoped
public class MeComposer {

  private final Upstreams upstreams;
  private final Duration timeout;

  MeComposer(Upstreams upstreams, GatewayConfig config) {
    this.upstreams = upstreams;
    this.timeout = config.me().timeout();
  }

  /**
   * The overview, never failing.
   *
   * @param headers what each service is sent (the caller's {@code Authorization} among them)
   * @return {@code {"profile": {...}, "statusCounts": {"WATCHING": 3, ...}, "upNext": [...],
   *     "unreadNotifications": 2, "warnings": [{"part", "service", "status", "detail"}]}}: a
   *     missing part is null and has a warning ({@code status} is the service's HTTP status, absent
   *     when it gave none)
   */
  public Future<JsonObject> compose(MultiMap headers) {
    MePart[] parts = MePart.values();
    List<Future<Object>> asked = new ArrayList<>(parts.length);
    for (MePart part : parts) {
      asked.add(ask(part, headers));
    }
    return Future.join(asked)
        .transform(
            ignored -> {
              JsonObject me = new JsonObject();
              JsonArray warnings = new JsonArray();
              for (int i = 0; i < parts.length; i++) {
                Future<Object> answer = asked.get(i);
                if (answer.succeeded()) {
                  me.put(parts[i].member, answer.result());
                } else {
                  me.putNull(parts[i].member);
                  warnings.add(warning(parts[i], answer.cause()));
                }
              }
              return Future.succeededFuture(me.put("warnings", warnings));
            });
  }

  private Future<Object> ask(MePart part, MultiMap headers) {
    return upstreams
        .get(part.service, part.uri, headers, timeout)
        .compose(
            answer -> {
              if (answer.status() != 200) {
                return Future.failedFuture(
                    new PartRefused(answer.status(), problemDetail(answer.body().toString())));
              }
              Object value;
              try {
                value = part.pick(answer.body().toJsonObject());
              } catch (DecodeException | ClassCastException e) {
                return Future.failedFuture(new PartRefused(200, "its answer was not JSON"));
              }
              return value != null
                  ? Future.succeededFuture(value)
                  : Future.failedFuture(new PartRefused(200, "its answer had no " + part.source));
            });
  }

  private static JsonObject warning(MePart part, Throwable cause) {
    JsonObject warning =
        new JsonObject().put("part", part.member).put("service", part.service + "-service");
    if (cause instanceof PartRefused refused) {
      warning.put("status", refused.status);
      warning.put(
          "detail",
          part.service
              + "-service answered "
              + refused.status
              + (refused.detail == null ? "" : ": " + refused.detail));
    } else {
      warning.put("detail", cause.getMessage());
    }
    return warning;
  }

  /** The {@code detail} of a problem+json body; null for anything else. */
  private static String problemDetail(String body) {
    try {
      return new JsonObject(body).getString("detail");
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  /** A service answered, but not with its part. */
  private static final class PartRefused extends RuntimeException {
    final int status;
    final String detail;

    PartRefused(int status, String detail) {
      super(null, null, false, false);
      this.status = status;
      this.detail = detail;
    }
  }
}
