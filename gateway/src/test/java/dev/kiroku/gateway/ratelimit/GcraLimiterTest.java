package dev.kiroku.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The GCRA script against the real Redis on 127.0.0.1:6379, keys under a prefix of this run. */
class GcraLimiterTest {

  private static final String PREFIX = "kiroku:gateway:test:" + UUID.randomUUID() + ":";

  private static Vertx vertx;
  private static Redis redis;
  private static GcraLimiter limiter;

  @BeforeAll
  static void connect() {
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, "redis://127.0.0.1:6379");
    limiter = new GcraLimiter(vertx, redis, PREFIX, Duration.ofSeconds(5));
  }

  @AfterAll
  static void close() throws Exception {
    await(vertx.close());
  }

  @Test
  void aFullQuotaPassesAtOnceThenRequestsAreRefusedWithRetryAfter() throws Exception {
    Budget budget = new Budget("writes", 5, 60);
    String key = "writes:u:" + UUID.randomUUID();
    for (int i = 4; i >= 0; i--) {
      Decision decision = await(limiter.acquire(key, budget));
      assertThat(decision.allowed()).isTrue();
      assertThat(decision.remaining()).isEqualTo(i);
      assertThat(decision.retryAfterMs()).isZero();
    }
    Decision refused = await(limiter.acquire(key, budget));
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.remaining()).isZero();
    // one request comes back every 12 s; the whole quota in 60 s
    assertThat(refused.retryAfterMs()).isBetween(11_000L, 12_000L);
    assertThat(refused.retryAfterSeconds()).isEqualTo(12);
    assertThat(refused.resetMs()).isBetween(59_000L, 60_000L);
    // a refused request costs nothing
    assertThat(await(limiter.acquire(key, budget)).retryAfterMs()).isBetween(11_000L, 12_000L);
  }

  @Test
  void requestsComeBackEvenlyOverTheWindow() throws Exception {
    Budget budget = new Budget("reads", 4, 1); // one request back every 250 ms
    String key = "reads:u:" + UUID.randomUUID();
    for (int i = 0; i < 4; i++) {
      assertThat(await(limiter.acquire(key, budget)).allowed()).isTrue();
    }
    assertThat(await(limiter.acquire(key, budget)).allowed()).isFalse();
    Thread.sleep(300);
    Decision oneBack = await(limiter.acquire(key, budget));
    assertThat(oneBack.allowed()).isTrue();
    assertThat(oneBack.remaining()).isZero();
  }

  @Test
  void theKeyExpiresWhenTheWholeQuotaIsBack() throws Exception {
    Budget budget = new Budget("imports", 10, 3600);
    String key = "imports:u:" + UUID.randomUUID();
    Decision decision = await(limiter.acquire(key, budget));
    assertThat(decision.resetMs()).isBetween(359_000L, 360_000L);
    Response ttl = await(redis.send(Request.cmd(Command.PTTL).arg(limiter.redisKey(key))));
    assertThat(ttl.toLong()).isBetween(358_000L, 360_000L);
  }

  @Test
  void aRedisWithoutTheScriptGetsItOnceByEval() throws Exception {
    // the same script with a comment of its own: a SHA-1 no Redis has seen
    String script = "-- test " + UUID.randomUUID() + "\n" + new String(readScript(), "UTF-8");
    GcraLimiter fresh = new GcraLimiter(vertx, redis, PREFIX, Duration.ofSeconds(5), script);
    String key = "reads:u:" + UUID.randomUUID();
    Budget budget = new Budget("reads", 3, 60);
    assertThat(await(fresh.acquire(key, budget)).remaining()).isEqualTo(2);
    assertThat(await(fresh.acquire(key, budget)).remaining()).isEqualTo(1);
    assertThat(fresh.scriptLoads()).isEqualTo(1);
    Response exists =
        await(redis.send(Request.cmd(Command.SCRIPT).arg("EXISTS").arg(fresh.scriptSha())));
    assertThat(exists.get(0).toInteger()).isEqualTo(1);
  }

  @Test
  void anUnreachableRedisFailsTheCheckQuickly() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    GcraLimiter down =
        new GcraLimiter(
            vertx,
            Redis.createClient(vertx, "redis://127.0.0.1:" + closed),
            PREFIX,
            Duration.ofMillis(500));
    long start = System.nanoTime();
    assertThatThrownBy(() -> await(down.acquire("reads:u:x", new Budget("reads", 1, 60))))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(RateLimitStoreException.class);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
  }

  private static byte[] readScript() throws Exception {
    try (var in = GcraLimiter.class.getResourceAsStream("gcra.lua")) {
      return in.readAllBytes();
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
