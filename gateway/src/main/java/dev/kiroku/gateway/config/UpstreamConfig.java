package dev.kiroku.gateway.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code kiroku.gateway.upstreams.<service>.*}: how the gateway calls one service. */
public interface UpstreamConfig {

  /**
   * {@code timeout}: the longest the service may stay silent on one request, i.e. send no byte:
   * before its response head (the upload of the request body included) and between chunks of its
   * response body. Past it, the request to the service is reset and the client gets 503. Default 30
   * s; {@link RouteTimeoutConfig} overrides it per route.
   */
  @WithDefault("30s")
  Duration timeout();

  /** {@code circuit-breaker.*}: when the gateway stops calling the service for a while. */
  CircuitBreakerConfig circuitBreaker();

  /**
   * A circuit breaker per service (SmallRye Fault Tolerance): counts requests that got no response
   * head (connection refused or reset, timeout); any HTTP status, 5xx included, is an answer.
   */
  interface CircuitBreakerConfig {

    /** {@code request-volume}: the rolling window, in requests, the failure ratio is taken over. */
    @WithDefault("20")
    int requestVolume();

    /** {@code failure-ratio}: the share of failed requests in the window (0-1) that opens it. */
    @WithDefault("0.5")
    double failureRatio();

    /**
     * {@code delay}: how long an open circuit answers 503 at once before one trial request goes
     * through; also the {@code Retry-After} (whole seconds, rounded up) of every 503 naming the
     * service. Default 10 s.
     */
    @WithDefault("10s")
    Duration delay();
  }
}
