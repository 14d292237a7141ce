package dev.kiroku.catalog.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroku.catalog.config.CatalogConfig;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The media cache against the machine's real Redis, with and without the in-process layer. */
class MediaCacheLocalLayerTest {

  static Vertx vertx;
  static Redis redis;
  static final String PREFIX = "kiroku:catalog:unit:" + UUID.randomUUID() + ":";

  @BeforeAll
  static void connect() {
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, "redis://127.0.0.1:6379");
  }

  @AfterAll
  static void close() {
    redis.close();
    vertx.closeAndAwait();
  }

  @Test
  void hotBodiesAreServedInProcessUntilEvicted() {
    MediaCache cache = new MediaCache(redis, config(Duration.ofSeconds(30)));
    UUID id = UUID.randomUUID();
    byte[] body = "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    cache.putMedia(id, body).await().indefinitely();
    assertThat(redisGet(cache.mediaKey(id))).isEqualTo("{\"id\":\"x\"}");

    deleteInRedis(cache.mediaKey(id));
    assertThat(cache.media(id).await().indefinitely()).as("in-process copy").isEqualTo(body);

    cache.evict(List.of(id)).await().indefinitely();
    assertThat(cache.media(id).await().indefinitely()).isNull();
  }

  @Test
  void withoutTheLocalLayerEveryReadGoesToRedis() {
    MediaCache cache = new MediaCache(redis, config(Duration.ZERO));
    UUID id = UUID.randomUUID();
    cache.putMedia(id, "{}".getBytes(StandardCharsets.UTF_8)).await().indefinitely();
    assertThat(cache.media(id).await().indefinitely())
        .isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
    deleteInRedis(cache.mediaKey(id));
    assertThat(cache.media(id).await().indefinitely()).isNull();
  }

  @Test
  void aBodyFirstReadFromRedisIsKeptInProcess() {
    MediaCache writer = new MediaCache(redis, config(Duration.ZERO));
    MediaCache reader = new MediaCache(redis, config(Duration.ofSeconds(30)));
    UUID id = UUID.randomUUID();
    writer.putMedia(id, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)).await().indefinitely();
    assertThat(reader.media(id).await().indefinitely()).isNotNull();
    deleteInRedis(reader.mediaKey(id));
    assertThat(new String(reader.media(id).await().indefinitely(), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":1}");
  }

  private static String redisGet(String key) {
    var response = redis.send(Request.cmd(Command.GET).arg(key)).await().indefinitely();
    return response == null ? null : response.toString();
  }

  private static void deleteInRedis(String key) {
    redis.send(Request.cmd(Command.DEL).arg(key)).await().indefinitely();
  }

  private static CatalogConfig config(Duration localTtl) {
    return new CatalogConfig() {
      @Override
      public Cache cache() {
        return new Cache() {
          @Override
          public String keyPrefix() {
            return PREFIX;
          }

          @Override
          public Duration mediaTtl() {
            return Duration.ofMinutes(5);
          }

          @Override
          public Duration localTtl() {
            return localTtl;
          }

          @Override
          public long localMaxEntries() {
            return 100;
          }

          @Override
          public Duration searchTtl() {
            return Duration.ofMinutes(5);
          }
        };
      }

      @Override
      public Duration refreshInterval() {
        return Duration.ofHours(24);
      }

      @Override
      public int importBatchSize() {
        return 1000;
      }

      @Override
      public int importReportedRejections() {
        return 1000;
      }
    };
  }
}
