package dev.kiroku.gateway.proxy;

import dev.kiroku.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The services behind the gateway ({@link GatewayConfig#routes()}), each with its pooled HTTP/2
 * clients (one per event loop) and circuit breaker, shared by the proxy and by the gateway's own
 * composed answers ({@code GET /api/v1/me}).
 */
@ApplicationScoped
public class Upstreams {

  private final Map<String, Upstream> byService;
  private final Vertx vertx;

  Upstreams(GatewayConfig config, Vertx vertx) {
    this.vertx = vertx;
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
   * @param timeout how long the whole exchange may take; running out does not count against the
   *     service's circuit breaker (its proxied requests have a longer timeout)
   * @return the status and the whole body, whatever the status; fails with {@link
   *     UnavailableException} when the service is not configured, does not answer in time, cannot
   *     be reached, or its circuit breaker is open, the message saying which
   */
  public Future<Answer> get(String service, String uri, MultiMap headers, Duration timeout) {
    Upstream upstream = byService.get(service);
    if (upstream == null) {
      return Future.failedFuture(new UnavailableException(service, "is not configured"));
    }
    long ms = Math.max(1, timeout.toMillis());
    return upstream
        .call(
            () -> {
              // one deadline for the whole exchange (a connection from the pool, the head, the
              // whole body): a body that trickles in must not keep it alive
              Promise<Answer> answer = Promise.promise();
              AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
              long timer =
                  vertx.setTimer(
                      ms,
                      id -> {
                        if (answer.tryFail(
                                new Upstream.ShortDeadlineException(new TimeoutException()))
                            && sent.get() != null) {
                          sent.get().reset(); // the service's stream, not the connection
                        }
                      });
              upstream
                  .client()
                  .request(
                      new RequestOptions()
                          .setMethod(HttpMethod.GET)
                          .setServer(upstream.address())
                          .setURI(uri)
                          .setHeaders(headers)
                          .setConnectTimeout(ms)
                          .setIdleTimeout(ms))
                  .compose(
                      request -> {
                        sent.set(request);
                        return request.send();
                      })
                  .compose(
                      response ->
                          response.body().map(body -> new Answer(response.statusCode(), body)))
                  .onComplete(
                      done -> {
                        vertx.cancelTimer(timer);
                        if (done.succeeded()) {
                          answer.tryComplete(done.result());
                        } else {
                          answer.tryFail(
                              done.cause() instanceof TimeoutException
                                  ? new Upstream.ShortDeadlineException(done.cause())
                                  : done.cause());
                        }
                      });
              return answer.future();
            })
        .recover(failure -> Future.failedFuture(unavailable(service, failure, ms)));
  }

  private static UnavailableException unavailable(String service, Throwable failure, long ms) {
    if (failure instanceof CircuitBreakerOpenException) {
      return new UnavailableException(service, "is unavailable (its circuit breaker is open)");
    }
    if (failure instanceof Upstream.ShortDeadlineException) {
      return new UnavailableException(service, "did not answer within " + ms + " ms");
    }
    return new UnavailableException(
        service, "could not be reached (" + failure.getClass().getSimpleName() + ")");
  }

  /** Closes every client (the gateway is stopping). */
  @PreDestroy
  void close() {
    byService.values().forEach(Upstream::close);
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
