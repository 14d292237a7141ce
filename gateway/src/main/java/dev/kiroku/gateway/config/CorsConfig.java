package dev.kiroku.gateway.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code kiroku.gateway.cors.*}: cross-origin requests from browsers. The gateway answers CORS
 * itself (not Quarkus's {@code quarkus.http.cors}), ahead of every other check, so that 401s and
 * 429s carry CORS headers too and preflights never need a token.
 */
public interface CorsConfig {

  /**
   * {@code origins}: origins allowed, e.g. {@code https://kiroku.example,http://127.0.0.1:5173}, or
   * {@code *} for any (then credentials are never allowed). None (the default): no cross-origin
   * access; the web app is served from the gateway's own origin.
   */
  Optional<List<String>> origins();

  /** {@code methods}: methods a preflight allows. */
  @WithDefault("GET,HEAD,POST,PUT,PATCH,DELETE,OPTIONS")
  List<String> methods();

  /** {@code headers}: request headers a preflight allows. */
  @WithDefault(
      "Authorization,Content-Type,Accept,If-Match,If-None-Match,X-Request-Id,traceparent,tracestate")
  List<String> headers();

  /** {@code exposed-headers}: response headers scripts may read. */
  @WithDefault(
      "RateLimit,RateLimit-Policy,Retry-After,X-Request-Id,Location,ETag,Kiroku-Stale,Warning")
  List<String> exposedHeaders();

  /** {@code max-age}: how long a browser may cache a preflight answer. Default 10 minutes. */
  @WithDefault("10m")
  Duration maxAge();

  /**
   * {@code allow-credentials}: send {@code Access-Control-Allow-Credentials: true} (cookies, not
   * needed for bearer tokens). Refused at start together with {@code origins=*}. Default false.
   */
  @WithDefault("false")
  boolean allowCredentials();
}
