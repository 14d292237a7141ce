package dev.kiroku.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;

/**
 * {@code kiroku.gateway.body-limit.*}: the largest request body the gateway forwards, per route.
 * {@code quarkus.http.limits.max-body-size} stays the ceiling for every request.
 */
public interface BodyLimitConfig {

  /** {@code max-size}: the limit of every route not listed in {@link #routes()}. Default 1M. */
  @WithDefault("1M")
  MemorySize maxSize();

  /** {@code routes.<name>.*}: routes with their own limit (imports take large files). */
  Map<String, RouteBodyLimit> routes();

  /** {@code kiroku.gateway.body-limit.routes.<name>.*}. */
  interface RouteBodyLimit {

    /** {@code match}: route patterns, comma-separated. */
    List<String> match();

    /** {@code max-size}: the limit on those routes, e.g. {@code 256M}. */
    MemorySize maxSize();
  }
}
