package dev.kiroku.gateway.config;

import java.time.Duration;
import java.util.List;

/** {@code kiroku.gateway.route-timeouts.<name>.*}: an upstream timeout for some routes. */
public interface RouteTimeoutConfig {

  /**
   * {@code match}: route patterns, comma-separated, e.g. {@code POST /api/v1/progress/imports} (see
   * {@link dev.kiroku.gateway.route.RoutePattern}).
   */
  List<String> match();

  /** {@code timeout}: replaces {@link UpstreamConfig#timeout()} for those routes. */
  Duration timeout();
}
