package dev.kiroku.gateway.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.gateway.config.GatewayConfig;
import dev.kiroku.platform.problem.CommonErrorCode;
import dev.kiroku.platform.problem.Problem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Routes {@code /api/v1/<service>/**} to the service configured in {@link GatewayConfig#routes()},
 * streaming method, headers (the bearer token included), body and status both ways without
 * buffering. Authentication happens before: the HTTP permission on {@code /api/*} lets only
 * requests with a valid token reach these routes.
 *
 * <p>{@code /api/v1/<service>/health[/live|/ready]} is rewritten to the service's {@code
 * /q/health[/live|/ready]}, so a client can see each service's health through the gateway. When the
 * service does not answer, the client gets 503 problem+json with code {@code SERVICE_UNAVAILABLE}
 * naming the service.
 */
@ApplicationScoped
public class ApiProxy {

  private static final Logger LOG = Logger.getLogger(ApiProxy.class);
  private static final Pattern HEALTH_PATH =
      Pattern.compile("^/api/v1/[a-z]+/health(/live|/ready|/started)?/?(\\?.*)?$");

  private final GatewayConfig config;
  private final Vertx vertx;
  private final ObjectMapper objectMapper;

  public ApiProxy(GatewayConfig config, Vertx vertx, ObjectMapper objectMapper) {
    this.config = config;
    this.vertx = vertx;
    this.objectMapper = objectMapper;
  }

  void install(@Observes Router router) {
    for (Map.Entry<String, URI> route : config.routes().entrySet()) {
      String service = route.getKey();
      URI upstream = route.getValue();
      int port = upstream.getPort() > 0 ? upstream.getPort() : 80;
      HttpClient client =
          vertx.createHttpClient(
              new HttpClientOptions()
                  .setConnectTimeout((int) config.connectTimeout().toMillis())
                  .setProtocolVersion(HttpVersion.HTTP_2)
                  .setHttp2ClearTextUpgrade(false)
                  .setHttp2MaxPoolSize(config.maxConnectionsPerUpstream())
                  .setMaxPoolSize(config.maxConnectionsPerUpstream())
                  .setKeepAlive(true));
      HttpProxy proxy = HttpProxy.reverseProxy(client).origin(port, upstream.getHost());
      proxy.addInterceptor(new HealthRewrite());
      proxy.addInterceptor(new UnavailableAsProblem(service, objectMapper));
      String prefix = "/api/v1/" + service;
      router.route(prefix).handler(ctx -> proxy.handle(ctx.request()));
      router.route(prefix + "/*").handler(ctx -> proxy.handle(ctx.request()));
      LOG.infof("Routing %s/** to %s", prefix, upstream);
    }
  }

  /** Maps {@code /api/v1/<service>/health...} to the upstream's {@code /q/health...}. */
  static final class HealthRewrite implements ProxyInterceptor {
    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
      String uri = context.request().getURI();
      Matcher m = HEALTH_PATH.matcher(uri);
      if (m.matches()) {
        String sub = m.group(1) == null ? "" : m.group(1);
        String query = m.group(2) == null ? "" : m.group(2);
        context.request().setURI("/q/health" + sub + query);
      }
      return context.sendRequest();
    }
  }

  /**
   * Retries a bodiless idempotent request (GET, HEAD, OPTIONS) once on a fresh upstream connection
   * when the first attempt failed before any response: a pooled keep-alive connection can be closed
   * under it, e.g. right after another client hung up mid-request. Then turns a failure to reach
   * the upstream into 503 problem+json naming the service.
   */
  static final class UnavailableAsProblem implements ProxyInterceptor {
    private final String service;
    private final ObjectMapper objectMapper;

    UnavailableAsProblem(String service, ObjectMapper objectMapper) {
      this.service = service;
      this.objectMapper = objectMapper;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
      return context
          .sendRequest()
          .recover(failure -> retryOnce(context, failure))
          .recover(
              failure -> {
                var downstream = context.request().proxiedRequest().response();
                if (downstream.closed()) {
                  LOG.debugf("Client left before %s answered: %s", service, failure.getMessage());
                  return Future.failedFuture(failure);
                }
                if (downstream.headWritten()) {
                  return Future.failedFuture(failure);
                }
                LOG.warnf("Upstream %s failed: %s", service, failure.getMessage());
                Problem problem =
                    Problem.of(
                        CommonErrorCode.SERVICE_UNAVAILABLE,
                        "The " + service + " service is not answering; try again shortly.",
                        context.request().proxiedRequest().path());
                String body;
                try {
                  body = objectMapper.writeValueAsString(problem);
                } catch (JsonProcessingException e) {
                  return Future.failedFuture(e);
                }
                ProxyResponse response =
                    context
                        .request()
                        .response()
                        .setStatusCode(problem.status())
                        .putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .setBody(Body.body(Buffer.buffer(body)));
                return Future.succeededFuture(response);
              });
    }

    private static Future<ProxyResponse> retryOnce(ProxyContext context, Throwable failure) {
      var request = context.request();
      boolean bodiless = request.getBody() == null || request.getBody().length() <= 0;
      boolean idempotent =
          switch (request.getMethod().name()) {
            case "GET", "HEAD", "OPTIONS" -> true;
            default -> false;
          };
      if (!idempotent
          || !bodiless
          || request.proxiedRequest().response().headWritten()
          || request.proxiedRequest().response().closed()
          || request.proxiedRequest().headers().contains("Transfer-Encoding")) {
        return Future.failedFuture(failure);
      }
      LOG.debugf("Retrying %s %s once: %s", request.getMethod(), request.getURI(), failure);
      request.setBody(Body.body(Buffer.buffer()));
      return context.sendRequest();
    }
  }
}
