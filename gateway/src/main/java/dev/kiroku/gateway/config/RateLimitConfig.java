package dev.kiroku.gateway.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code kiroku.gateway.rate-limit.*}: request budgets per caller (the token's {@code sub}, or the
 * client address for calls without a valid token) and per route class, kept in Redis so that every
 * gateway replica spends the same budget.
 */
public interface RateLimitConfig {

  /** {@code enabled}: off, nothing is counted and no rate-limit header is sent. Default on. */
  @WithDefault("true")
  boolean enabled();

  /** {@code key-prefix}: prefix of the gateway's Redis keys. */
  @WithDefault("kiroku:gateway:ratelimit:")
  String keyPrefix();

  /**
   * {@code fail-closed-writes}: when Redis cannot be asked, refuse writes (POST, PUT, PATCH,
   * DELETE) with 503 instead of letting them through. Reads are always let through. Default false.
   */
  @WithDefault("false")
  boolean failClosedWrites();

  /** {@code redis-timeout}: how long a budget check waits for Redis before it counts as down. */
  @WithDefault("250ms")
  Duration redisTimeout();

  /**
   * {@code unavailable-retry-after}: {@code Retry-After} of a write refused while Redis is down.
   */
  @WithDefault("5s")
  Duration unavailableRetryAfter();

  /** {@code failure-log-interval}: at most one log line per interval about Redis failures. */
  @WithDefault("30s")
  Duration failureLogInterval();

  /**
   * {@code classes.<class>.*}: the route classes. {@code reads} (GET, HEAD, OPTIONS) and {@code
   * writes} (every other method) must be present: they take every request no other class matches.
   */
  Map<String, RateLimitClass> classes();

  /** {@code kiroku.gateway.rate-limit.classes.<class>.*}: one budget. */
  interface RateLimitClass {

    /**
     * {@code match}: the routes of this class, comma-separated patterns (see {@link
     * dev.kiroku.gateway.route.RoutePattern}); none for {@code reads} and {@code writes}.
     */
    Optional<List<String>> match();

    /** {@code limit}: requests per window for a signed-in caller with no role listed below. */
    int limit();

    /** {@code window}: the window, whole seconds. Default 60 s. */
    @WithDefault("60s")
    Duration window();

    /**
     * {@code roles.<realm role>}: requests per window for callers with that realm role ({@code
     * realm_access.roles} of the token); the largest applies when several match.
     */
    Map<String, Integer> roles();

    /** {@code anonymous}: requests per window per client address without a valid token. */
    OptionalInt anonymous();
  }
}
