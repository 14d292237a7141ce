package dev.kiroku.gateway.body;

import dev.kiroku.gateway.config.BodyLimitConfig;
import dev.kiroku.gateway.config.GatewayConfig;
import dev.kiroku.gateway.route.RouteTable;
import dev.kiroku.platform.problem.EdgeProblems;
import dev.kiroku.platform.problem.ProblemRouteHandlers;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;

/**
 * The largest request body each route takes ({@code kiroku.gateway.body-limit}): the limit of the
 * most specific matching route, else the default. A body over it gets 413 problem+json ({@code
 * PAYLOAD_TOO_LARGE} with {@code maxBytes}) and never reaches the service:
 *
 * <ul>
 *   <li>a {@code Content-Length} over the limit is answered at once by {@link
 *       #checkDeclaredLength}, before any byte of the body is read, and the connection is closed
 *       after the answer (HTTP/1.x), as Quarkus does for its own limit;
 *   <li>a body without {@code Content-Length} (chunked, or an HTTP/2 stream) is counted while the
 *       proxy streams it ({@link CountingBody}); past the limit the service's request is reset and
 *       the client gets the 413.
 * </ul>
 */
@ApplicationScoped
public class BodyLimits {

  private static final String MAX_BYTES = BodyLimits.class.getName() + ".maxBytes";

  private final long defaultMaxBytes;
  private final RouteTable<Long> routes;
  private final ProblemRouteHandlers problems;

  @Inject
  BodyLimits(GatewayConfig config, ProblemRouteHandlers problems) {
    BodyLimitConfig limits = config.bodyLimit();
    this.defaultMaxBytes = limits.maxSize().asLongValue();
    RouteTable.Builder<Long> table = RouteTable.builder();
    for (Map.Entry<String, BodyLimitConfig.RouteBodyLimit> entry :
        new TreeMap<>(limits.routes()).entrySet()) {
      long max = entry.getValue().maxSize().asLongValue();
      for (String pattern : entry.getValue().match()) {
        try {
          table.add(pattern, max);
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException(
              "kiroku.gateway.body-limit.routes." + entry.getKey() + ".match: " + e.getMessage(),
              e);
        }
      }
    }
    this.routes = table.build();
    this.problems = problems;
  }

  /**
   * The limit of a route.
   *
   * @param method the HTTP method, upper case
   * @param path the router's normalized path
   * @return bytes
   */
  public long maxBytes(String method, String path) {
    return routes.find(method, path).orElse(defaultMaxBytes);
  }

  /**
   * The limit {@link #checkDeclaredLength} found for this request, or {@code -1} when it did not
   * run.
   */
  public static long maxBytes(RoutingContext ctx) {
    Long max = ctx.get(MAX_BYTES);
    return max == null ? -1 : max;
  }

  /**
   * Route handler: finds the request's limit (kept for the proxy, see {@link #maxBytes(
   * RoutingContext)}) and answers 413 when {@code Content-Length} is over it.
   */
  public void checkDeclaredLength(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    long max = maxBytes(request.method().name(), ctx.normalizedPath());
    ctx.put(MAX_BYTES, max);
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && ProblemRouteHandlers.declaredLength(length) > max) {
      HttpServerResponse response = ctx.response();
      if (request.version() != HttpVersion.HTTP_2) {
        // The body is not read: close the connection once the answer is out.
        response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        response.endHandler(ended -> request.connection().close());
      }
      problems.send(ctx, EdgeProblems.bodyTooLarge(max, ctx.normalizedPath()));
      return;
    }
    ctx.next();
  }
}
