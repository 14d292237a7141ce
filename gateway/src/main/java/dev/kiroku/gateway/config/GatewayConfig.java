package dev.kiroku.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
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
   * {@code kiroku.gateway.max-connections-per-upstream}: size of the connection pool to each
   * upstream (HTTP/2 cleartext; each connection multiplexes many requests). Default 64.
   */
  @WithDefault("64")
  int maxConnectionsPerUpstream();
}
