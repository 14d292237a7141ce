package dev.kiroku.gateway.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code kiroku.gateway.me.*}: {@code GET /api/v1/me}, the signed-in user's overview. */
public interface MeConfig {

  /**
   * {@code kiroku.gateway.me.timeout}: how long each service may stay silent before its part is
   * left out with a warning. Default 2 s.
   */
  @WithDefault("2s")
  Duration timeout();
}
