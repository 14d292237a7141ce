package dev.kiroku.gateway.ratelimit;

import dev.kiroku.gateway.config.GatewayConfig;
import dev.kiroku.gateway.config.RateLimitConfig;
import dev.kiroku.gateway.route.RouteTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which route class, and so which budget, a request spends: the class whose {@code match} pattern
 * fits the request most specifically ({@link RouteTable}; equally specific patterns of two classes:
 * the class first in alphabetical order), else {@code reads} for GET, HEAD and OPTIONS and {@code
 * writes} for every other method. Built once from {@code kiroku.gateway.rate-limit.classes}.
 */
@ApplicationScoped
public class RatePolicies {

  /** The class of safe methods no pattern matched. */
  public static final String READS = "reads";

  /** The class of unsafe methods no pattern matched. */
  public static final String WRITES = "writes";

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  private final RatePolicy reads;
  private final RatePolicy writes;
  private final RouteTable<RatePolicy> routes;

  @Inject
  RatePolicies(GatewayConfig config) {
    this(config.rateLimit().classes());
  }

  /**
   * @param classes {@code kiroku.gateway.rate-limit.classes}
   * @throws IllegalStateException when {@code reads} or {@code writes} is missing, a name is not a
   *     lower-case token, a limit is below 1, a window is not whole seconds of at least 1, or a
   *     pattern does not parse
   */
  RatePolicies(Map<String, RateLimitConfig.RateLimitClass> classes) {
    Map<String, RatePolicy> policies = new TreeMap<>();
    RouteTable.Builder<RatePolicy> table = RouteTable.builder();
    for (Map.Entry<String, RateLimitConfig.RateLimitClass> entry :
        new TreeMap<>(classes).entrySet()) {
      String name = entry.getKey();
      RateLimitConfig.RateLimitClass config = entry.getValue();
      RatePolicy policy = policy(name, config);
      policies.put(name, policy);
      for (String pattern : config.match().orElse(List.of())) {
        try {
          table.add(pattern, policy);
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException(
              "kiroku.gateway.rate-limit.classes." + name + ".match: " + e.getMessage(), e);
        }
      }
    }
    this.reads = required(policies, READS);
    this.writes = required(policies, WRITES);
    this.routes = table.build();
  }

  /**
   * The policy a request spends.
   *
   * @param method the HTTP method, upper case
   * @param path the router's normalized path
   */
  public RatePolicy classify(String method, String path) {
    return routes.find(method, path).orElseGet(() -> safe(method) ? reads : writes);
  }

  /** GET, HEAD and OPTIONS: methods that change nothing. */
  public static boolean safe(String method) {
    return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
  }

  private static RatePolicy policy(String name, RateLimitConfig.RateLimitClass config) {
    String key = "kiroku.gateway.rate-limit.classes." + name;
    if (!NAME.matcher(name).matches()) {
      throw new IllegalStateException(
          key + ": a class name must be lower-case letters, digits, '.', '_' or '-'");
    }
    Duration window = config.window();
    if (window.toMillis() < 1000 || window.toMillis() % 1000 != 0) {
      throw new IllegalStateException(key + ".window must be whole seconds, at least 1 s");
    }
    int anonymous = config.anonymous().orElse(config.limit());
    positive(key + ".limit", config.limit());
    positive(key + ".anonymous", anonymous);
    config.roles().forEach((role, limit) -> positive(key + ".roles." + role, limit));
    return new RatePolicy(name, config.limit(), window.toSeconds(), config.roles(), anonymous);
  }

  private static void positive(String key, int value) {
    if (value < 1) {
      throw new IllegalStateException(key + " must be at least 1, is " + value);
    }
  }

  private static RatePolicy required(Map<String, RatePolicy> policies, String name) {
    RatePolicy policy = policies.get(name);
    if (policy == null) {
      throw new IllegalStateException(
          "kiroku.gateway.rate-limit.classes."
              + name
              + " is missing: it takes every request no"
              + " other class matches");
    }
    return policy;
  }
}
