package dev.kiroku.gateway.proxy;

import dev.kiroku.gateway.config.GatewayConfig;
import dev.kiroku.gateway.config.RouteTimeoutConfig;
import dev.kiroku.gateway.route.RouteTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * How long a service may stay silent on one request: the most specific {@code
 * kiroku.gateway.route-timeouts} entry matching the route, else the service's {@code
 * kiroku.gateway.upstreams.<service>.timeout}.
 */
@ApplicationScoped
public class UpstreamTimeouts {

  private final GatewayConfig config;
  private final RouteTable<Duration> routes;

  @Inject
  UpstreamTimeouts(GatewayConfig config) {
    this.config = config;
    RouteTable.Builder<Duration> table = RouteTable.builder();
    for (Map.Entry<String, RouteTimeoutConfig> entry :
        new TreeMap<>(config.routeTimeouts()).entrySet()) {
      for (String pattern : entry.getValue().match()) {
        try {
          table.add(pattern, entry.getValue().timeout());
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException(
              "kiroku.gateway.route-timeouts." + entry.getKey() + ".match: " + e.getMessage(), e);
        }
      }
    }
    this.routes = table.build();
  }

  /**
   * The timeout of one request.
   *
   * @param service the service it goes to
   * @param method the HTTP method, upper case
   * @param path the router's normalized path
   * @return at least 1 ms
   */
  public Duration timeout(String service, String method, String path) {
    Duration timeout =
        routes.find(method, path).orElseGet(() -> config.upstreams().get(service).timeout());
    return timeout.toMillis() < 1 ? Duration.ofMillis(1) : timeout;
  }
}
