package dev.kiroku.gateway.proxy;

import dev.kiroku.gateway.body.BodyTooLargeException;
import dev.kiroku.gateway.config.UpstreamConfig;
import io.netty.channel.EventLoop;
import io.smallrye.faulttolerance.api.Guard;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One service behind the gateway: where it listens, the pooled HTTP/2 client to it, and its circuit
 * breaker (SmallRye Fault Tolerance's programmatic {@link Guard}). The breaker counts every request
 * that got no response head (connection refused or reset, timeout) as a failure, any HTTP status as
 * a success; a client that left or a body over its limit count as neither. When it is open, calls
 * fail at once with {@code CircuitBreakerOpenException} until its delay is over.
 */
final class Upstream {

  private final String service;
  private final SocketAddress address;
  private final Supplier<HttpClient> newClient;
  private final Map<EventLoop, HttpClient> clients = new ConcurrentHashMap<>();
  private final HttpClient shared;
  private final long retryAfterSeconds;
  private final Guard breaker;

  /**
   * @param service the service's name, e.g. {@code catalog}
   * @param base its base URL
   * @param newClient makes a pooled client to it (one per event loop, {@link #client()})
   * @param config its timeout and circuit breaker
   */
  Upstream(String service, URI base, Supplier<HttpClient> newClient, UpstreamConfig config) {
    this.service = service;
    this.address =
        SocketAddress.inetSocketAddress(base.getPort() > 0 ? base.getPort() : 80, base.getHost());
    this.newClient = newClient;
    this.shared = newClient.get();
    UpstreamConfig.CircuitBreakerConfig circuit = config.circuitBreaker();
    this.retryAfterSeconds = Math.max(1, (circuit.delay().toMillis() + 999) / 1000);
    this.breaker =
        Guard.create()
            .withDescription("upstream " + service)
            .withCircuitBreaker()
            .requestVolumeThreshold(circuit.requestVolume())
            .failureRatio(circuit.failureRatio())
            .delay(circuit.delay().toMillis(), ChronoUnit.MILLIS)
            .successThreshold(1)
            .when(Upstream::upstreamFault)
            .done()
            .build();
  }

  /** The service's name. */
  String service() {
    return service;
  }

  /** Where it listens. */
  SocketAddress address() {
    return address;
  }

  /**
   * The pooled client to the service for the calling event loop: one per event loop, so a request's
   * exchange with the service runs on the event loop that took the request (a connection is bound
   * to the event loop that opened it; one client for all would funnel every request through the
   * loops of its few HTTP/2 connections, and hand each answer over to another thread). Off an event
   * loop, one shared client.
   */
  HttpClient client() {
    if (!(Vertx.currentContext() instanceof ContextInternal context)
        || !context.isEventLoopContext()) {
      return shared;
    }
    EventLoop loop = context.nettyEventLoop();
    HttpClient client = clients.get(loop);
    return client != null ? client : clients.computeIfAbsent(loop, ignored -> newClient.get());
  }

  /** {@code Retry-After} of a 503 naming this service: the breaker's delay, whole seconds. */
  long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** Closes every client (the gateway is stopping). */
  void close() {
    clients.values().forEach(HttpClient::close);
    shared.close();
  }

  /**
   * Runs one exchange with the service under its circuit breaker.
   *
   * @param exchange sends the request; completes with the response (head, or all of it)
   * @return the response, on the caller's Vert.x context; fails as {@code exchange} does, or with
   *     {@code CircuitBreakerOpenException} without calling it
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  <T> Future<T> call(Supplier<Future<T>> exchange) {
    Context context = Vertx.currentContext();
    // The breaker tells an asynchronous action by its declared type: CompletionStage.
    Class<CompletionStage<T>> stageType = (Class) CompletionStage.class;
    CompletionStage<T> stage = breaker.get(() -> exchange.get().toCompletionStage(), stageType);
    return context == null
        ? Future.fromCompletionStage(stage)
        : Future.fromCompletionStage(stage, context);
  }

  /** Whether a failure counts against the service. */
  static boolean upstreamFault(Throwable failure) {
    return !(failure instanceof ClientLeftException)
        && !(failure instanceof BodyTooLargeException)
        && !(failure instanceof ShortDeadlineException);
  }

  /**
   * A call with a deadline of its own, shorter than the service's timeout, ran out (a part of
   * {@code GET /api/v1/me}): not counted against the service, whose proxied requests may take
   * longer.
   */
  static final class ShortDeadlineException extends RuntimeException {
    ShortDeadlineException(Throwable cause) {
      super("deadline passed", cause, false, false);
    }
  }

  /** The client went away before the service answered: not the service's fault. */
  static final class ClientLeftException extends RuntimeException {
    ClientLeftException(Throwable cause) {
      super("client left", cause, false, false);
    }
  }
}
