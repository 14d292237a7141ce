package dev.kiroku.gateway.proxy;

import dev.kiroku.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The services behind the gateway ({@link GatewayConfig#routes()}), each with its pooled HTTP/2
 * clients (one per event loop) and circuit breaker, shared by the proxy and by the gateway's own
 * composed answers ({@code GET /api/v1/me}).
 */
@ApplicationScoped
public class Upstreams {

  private final Map<String, Upstream> byService;

  Upstreams(GatewayConfig config, Vertx vertx) {
    Map<String, Upstream> upstreams = new LinkedHashMap<>();
    for (Map.Entry<String, URI> route : config.routes().entrySet()) {
      String service = route.getKey();
      HttpClientOptions options =
          new HttpClientOptions()
              .setConnectTimeout((int) config.connectTimeout().toMillis())
              .setProtocolVersion(HttpVersion.HTTP_2)
              .setHttp2ClearTextUpgrade(false)
              .setHttp2MaxPoolSize(config.maxConnectionsPerUpstream())
              .setMaxPoolSize(config.maxConnectionsPerUpstream())
              .setKeepAlive(true);
      upstreams.put(
          service,
          new Upstream(
              service,
              route.getValue(),
              () -> vertx.createHttpClient(options),
              config.upstreams().get(service)));
    }
    this.byService = Collections.unmodifiableMap(upstreams);
  }

  /** Every configured service by name, in configuration order. */
  Map<String, Upstream> all() {
    return byService;
  }

  /**
   * One buffered {@code GET} to a service, under its circuit breaker (a composed answer's part; the
   * proxy streams instead).
   *
   * @param service the service's name, e.g. {@code social}
   * @param uri path and query, e.g. {@code /api/v1/social/me}
   * @param headers sent as they are (the caller's {@code Authorization}, {@code X-Request-Id}, ...)
   * @param timeout how long the service may stay silent
   * @return the status and the whole body, whatever the status; fails with {@link
   *     UnavailableException} when the service is not configured, does not answer in time, cannot
   *     be reached, or its circuit breaker is open
   */
  public Future<Answer> get(String service, String uri, MultiMap headers, Duration timeout) {
    Upstream upstream = byService.get(service);
    if (upstream == null) {
      return Future.failedFuture(new UnavailableException(service, "is not configured"));
    }
    return upstream
        .call(
            () ->
                upstream
                    .client()
                    .request(
                        new RequestOptions()
                            .setMethod(HttpMethod.GET)
                            .setServer(upstream.address())
                            .setURI(uri)
                            .setHeaders(headers)
                            .setIdleTimeout(timeout.toMillis()))
                    .compose(request -> request.send())
                    .compose(
                        response ->
                            response.body().map(body -> new Answer(response.statusCode(), body))))
        .recover(
            failure ->
                Future.failedFuture(
                    new UnavailableException(
                        service,
                        failure instanceof CircuitBreakerOpenException
                            ? "is unavailable (its circuit breaker is open)"
                            : "did not answer within " + timeout.toMillis() + " ms")));
  }

  /**
   * A service's answer.
   *
   * @param status its HTTP status
   * @param body its whole body
   */
  public record Answer(int status, Buffer body) {}

  /** A service gave no answer; the message names it and says why. */
  public static final class UnavailableException extends RuntimeException {
    private final String service;

    UnavailableException(String service, String reason) {
      super(service + "-service " + reason, null, false, false);
      this.service = service;
    }

    /** The service's name. */
    public String service() {
      return service;
    }
  }
}
