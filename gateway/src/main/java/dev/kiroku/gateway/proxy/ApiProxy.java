package dev.kiroku.gateway.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.gateway.body.BodyLimits;
import dev.kiroku.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Routes {@code /api/v1/<service>/**} to the service configured in {@link GatewayConfig#routes()},
 * streaming method, headers (the bearer token and {@code X-Request-Id} included), body and status
 * both ways without buffering. What runs before (token, rate limit, body limit, CORS) is {@code
 * RequestPipeline}'s; each exchange itself is an {@link UpstreamCall}: the route's timeout (how
 * long the service may stay silent), the streamed body's limit, the service's circuit breaker, and
 * 503 problem+json naming the service when it does not answer.
 *
 * <p>{@code /api/v1/<service>/health[/live|/ready]} is rewritten to the service's {@code
 * /q/health[/live|/ready]}, so a client can see each service's health through the gateway.
 */
@ApplicationScoped
public class ApiProxy {

  private static final Logger LOG = Logger.getLogger(ApiProxy.class);
  private static final Pattern HEALTH_PATH =
      Pattern.compile("^/api/v1/[a-z]+/health(/live|/ready|/started)?/?(\\?.*)?$");
  private static final ProxyInterceptor HEALTH_REWRITE = new HealthRewrite();

  private final GatewayConfig config;
  private final Upstreams upstreams;
  private final UpstreamTimeouts timeouts;
  private final Vertx vertx;
  private final ObjectMapper objectMapper;

  public ApiProxy(
      GatewayConfig config,
      Upstreams upstreams,
      UpstreamTimeouts timeouts,
      Vertx vertx,
      ObjectMapper objectMapper) {
    this.config = config;
    this.upstreams = upstreams;
    this.timeouts = timeouts;
    this.vertx = vertx;
    this.objectMapper = objectMapper;
  }

  void install(@Observes Router router) {
    for (Upstream upstream : upstreams.all().values()) {
      String prefix = "/api/v1/" + upstream.service();
      router.route(prefix).handler(ctx -> forward(ctx, upstream));
      router.route(prefix + "/*").handler(ctx -> forward(ctx, upstream));
      LOG.infof("Routing %s/** to %s", prefix, config.routes().get(upstream.service()));
    }
  }

  /** Streams one request to {@code upstream} and its answer back. */
  private void forward(RoutingContext ctx, Upstream upstream) {
    Duration timeout =
        timeouts.timeout(upstream.service(), ctx.request().method().name(), ctx.normalizedPath());
    HttpProxy proxy =
        HttpProxy.reverseProxy(upstream.client())
            .origin(
                context ->
                    context
                        .client()
                        .request(
                            new RequestOptions()
                                .setServer(upstream.address())
                                .setIdleTimeout(timeout.toMillis()))
                        .map(
                            request ->
                                // failures reach UpstreamCall through the response; without a
                                // handler Vert.x would also log each one (a reset) as an error
                                request.exceptionHandler(
                                    failure ->
                                        LOG.debugf(
                                            "Request to %s failed: %s",
                                            upstream.service(), failure.toString()))));
    proxy.addInterceptor(HEALTH_REWRITE);
    proxy.addInterceptor(
        new UpstreamCall(upstream, timeout, BodyLimits.maxBytes(ctx), objectMapper, vertx));
    proxy.handle(ctx.request());
  }

  /** Maps {@code /api/v1/<service>/health...} to the upstream's {@code /q/health...}. */
  static final class HealthRewrite implements ProxyInterceptor {
    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
      String uri = context.request().getURI();
      // the regular expression only where it can match: not on every proxied request
      Matcher m = uri.contains("/health") ? HEALTH_PATH.matcher(uri) : null;
      if (m != null && m.matches()) {
        String sub = m.group(1) == null ? "" : m.group(1);
        String query = m.group(2) == null ? "" : m.group(2);
        context.request().setURI("/q/health" + sub + query);
      }
      return context.sendRequest();
    }
  }
}
