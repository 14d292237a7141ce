package dev.kiroku.platform.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code kiroku.inbox.*}: de-duplication of consumed events. Durations take {@code 30s}, {@code
 * 5m}, {@code 1h}, {@code 35d} or ISO-8601 ({@code P35D}).
 */
@ConfigMapping(prefix = "kiroku.inbox")
public interface InboxConfig {

  /**
   * Build time: turns the {@link Inbox} bean on. A service that consumes events sets it to {@code
   * true} in {@code application.properties} (changing it needs a rebuild); it also needs {@code
   * quarkus-reactive-pg-client} and {@code classpath:db/platform} among its Flyway locations.
   */
  @WithDefault("false")
  boolean enabled();

  /**
   * How long processed event ids are remembered. A duplicate older than this is processed again, so
   * keep it longer than the retention of every consumed topic you may replay (30 days for {@code
   * progress.events.v1} and {@code social.events.v1}).
   */
  @WithDefault("35d")
  Duration retention();

  /** How often each replica deletes ids older than {@link #retention()}; {@code 0} turns it off. */
  @WithDefault("1h")
  Duration cleanupInterval();
}
