package dev.kiroku.gateway.ratelimit;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Budgets in Redis, spent with GCRA ({@code gcra.lua} beside this class) in one round trip per
 * request: {@code EVALSHA} of the script, whose SHA-1 is computed here; a Redis that answers {@code
 * NOSCRIPT} (restarted, flushed, new) gets the script once by {@code EVAL}, which also caches it
 * for the next {@code EVALSHA}. The time is Redis's, so replicas with skewed clocks agree.
 *
 * <p>Non-blocking: answers complete on the caller's Vert.x context; a Redis that does not answer
 * within the timeout fails the check (a Vert.x timer, no thread waits).
 */
public final class GcraLimiter {

  private static final String SCRIPT_RESOURCE = "gcra.lua";

  private final Vertx vertx;
  private final Redis redis;
  private final String keyPrefix;
  private final long timeoutMs;
  private final String script;
  private final String sha;
  private final AtomicLong scriptLoads = new AtomicLong();

  /**
   * @param vertx for the timeout timer
   * @param redis the Redis client (Quarkus's reactive client, bare API)
   * @param keyPrefix prefix of every key, e.g. {@code kiroku:gateway:ratelimit:}
   * @param timeout how long a check waits for Redis
   */
  public GcraLimiter(Vertx vertx, Redis redis, String keyPrefix, Duration timeout) {
    this(vertx, redis, keyPrefix, timeout, loadScript());
  }

  GcraLimiter(Vertx vertx, Redis redis, String keyPrefix, Duration timeout, String script) {
    this.vertx = vertx;
    this.redis = redis;
    this.keyPrefix = keyPrefix;
    this.timeoutMs = Math.max(1, timeout.toMillis());
    this.script = script;
    this.sha = sha1(script);
  }

  /**
   * Spends one request of {@code budget} under {@code key}.
   *
   * @param key the budget's key without the prefix, e.g. {@code writes:u:<sub>}
   * @param budget quota and window
   * @return the decision; fails with {@link RateLimitStoreException} when Redis answers an error or
   *     nothing within the timeout
   */
  public Future<Decision> acquire(String key, Budget budget) {
    Promise<Decision> decision = Promise.promise();
    long timer =
        vertx.setTimer(
            timeoutMs,
            id ->
                decision.tryFail(
                    new RateLimitStoreException(
                        "Redis did not answer within " + timeoutMs + " ms", null)));
    String fullKey = keyPrefix + key;
    send(Command.EVALSHA, sha, fullKey, budget)
        .recover(
            failure -> {
              if (!noScript(failure)) {
                return Future.failedFuture(failure);
              }
              scriptLoads.incrementAndGet();
              return send(Command.EVAL, script, fullKey, budget);
            })
        .onComplete(
            answer -> {
              vertx.cancelTimer(timer);
              if (answer.failed()) {
                decision.tryFail(
                    new RateLimitStoreException(
                        "Redis failed: " + answer.cause().getMessage(), answer.cause()));
                return;
              }
              try {
                decision.tryComplete(decision(answer.result()));
              } catch (RuntimeException e) {
                decision.tryFail(
                    new RateLimitStoreException("unexpected answer from Redis: " + e, e));
              }
            });
    return decision.future();
  }

  /** The full Redis key of {@code key} (for tests and operators). */
  public String redisKey(String key) {
    return keyPrefix + key;
  }

  /** How often the script had to be sent whole after {@code NOSCRIPT}. */
  public long scriptLoads() {
    return scriptLoads.get();
  }

  /** The script's SHA-1, as {@code EVALSHA} takes it. */
  public String scriptSha() {
    return sha;
  }

  private Future<Response> send(Command command, String scriptOrSha, String key, Budget budget) {
    return redis.send(
        Request.cmd(command)
            .arg(scriptOrSha)
            .arg(1)
            .arg(key)
            .arg(budget.quota())
            .arg(budget.windowMs()));
  }

  private static Decision decision(Response response) {
    return new Decision(
        response.get(0).toInteger() == 1,
        response.get(1).toLong(),
        response.get(2).toLong(),
        response.get(3).toLong());
  }

  private static boolean noScript(Throwable failure) {
    String message = failure.getMessage();
    return message != null && message.startsWith("NOSCRIPT");
  }

  private static String loadScript() {
    try (InputStream in = GcraLimiter.class.getResourceAsStream(SCRIPT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + SCRIPT_RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha1(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }
}
