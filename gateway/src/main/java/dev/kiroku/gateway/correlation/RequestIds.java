package dev.kiroku.gateway.correlation;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * {@code X-Request-Id} on every exchange: the client's id is kept when it is usable (1 to 200
 * printable ASCII characters, 0x20-0x7E, not only spaces), else a random UUID replaces it. The id
 * is set on the request, so the proxy passes it to the service, and on every answer the router
 * sends (401, 404, 413, 429, 503 and proxied answers alike), replacing any the service sent.
 *
 * <p>W3C {@code traceparent} and {@code tracestate} are not touched: the proxy passes them on
 * unchanged.
 */
@ApplicationScoped
public class RequestIds implements Handler<RoutingContext> {

  /** The header. */
  public static final String HEADER = "X-Request-Id";

  /** Longest id kept, in characters. */
  public static final int MAX_LENGTH = 200;

  @Override
  public void handle(RoutingContext ctx) {
    String sent = ctx.request().getHeader(HEADER);
    String id = usable(sent) ? sent : UUID.randomUUID().toString();
    ctx.request().headers().set(HEADER, id);
    HttpServerResponse response = ctx.response();
    ctx.addHeadersEndHandler(ignored -> response.headers().set(HEADER, id));
    ctx.next();
  }

  /** Whether a client's id is kept: 1-200 printable ASCII characters, not only spaces. */
  static boolean usable(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH || id.isBlank()) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }
}
