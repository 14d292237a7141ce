package dev.kiroku.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Gateway configuration, prefix {@code kiroku.gateway}. */
@ConfigMapping(prefix = "kiroku.gateway")
public interface GatewayConfig {

  /**
   * {@code kiroku.gateway.routes.<service>}: base URL of each upstream service, e.g. {@code
   * catalog=http://127.0.0.1:8081}. Requests to {@code /api/v1/<service>/**} go to that URL with
   * the path unchanged.
   */
  Map<String, URI> routes();

  /** {@code kiroku.gateway.connect-timeout}: TCP connect timeout to an upstream. Default 2 s. */
  @WithDefault("2s")
  Duration connectTimeout();

  /**
   * {@code kiroku.gateway.max-connections-per-upstream}: size of each event loop's connection pool
   * to each upstream (HTTP/2 cleartext; each connection multiplexes many requests). Default 64.
   */
  @WithDefault("64")
  int maxConnectionsPerUpstream();

  /**
   * {@code kiroku.gateway.upstreams.<service>.*}: timeout and circuit breaker of each upstream; a
   * service not listed gets the defaults.
   */
  @WithDefaults
  Map<String, UpstreamConfig> upstreams();

  /**
   * {@code kiroku.gateway.route-timeouts.<name>.*}: routes whose upstream timeout differs from
   * their service's ({@link UpstreamConfig#timeout()}), e.g. imports and provider-backed calls.
   */
  Map<String, RouteTimeoutConfig> routeTimeouts();

  /** {@code kiroku.gateway.body-limit.*}: the largest request body per route. */
  BodyLimitConfig bodyLimit();

  /** {@code kiroku.gateway.rate-limit.*}: budgets per caller and route class, kept in Redis. */
  RateLimitConfig rateLimit();

  /** {@code kiroku.gateway.cors.*}: which web origins may call the API from a browser. */
  CorsConfig cors();

  /** {@code kiroku.gateway.openapi.*}: the merged API document at {@code /q/openapi}. */
  OpenApiConfig openapi();

  /** {@code kiroku.gateway.me.*}: {@code GET /api/v1/me}. */
  MeConfig me();
}
