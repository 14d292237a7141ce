package dev.kiroku.catalog.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kiroku.catalog.config.CatalogConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.UUID;

/**
 * The Redis cache of media bodies ({@code <prefix>media:<id>}, the exact JSON bytes of {@code GET
 * /media/{id}}, kept {@code kiroku.catalog.cache.media-ttl}) and of search pages ({@code
 * <prefix>search:<type>:<page>:<query hash>}, kept {@code kiroku.catalog.cache.search-ttl}). Values
 * are stored and served as bytes: a hit is never parsed or re-serialised.
 */
@ApplicationScoped
public class MediaCache {

  private final Redis redis;
  private final String prefix;
  private final String mediaTtlSeconds;
  private final String searchTtlSeconds;
  private final Cache<UUID, byte[]> local;

  @Inject
  MediaCache(Redis redis, CatalogConfig config) {
    this.redis = redis;
    this.prefix = config.cache().keyPrefix();
    this.mediaTtlSeconds = Long.toString(config.cache().mediaTtl().toSeconds());
    this.searchTtlSeconds = Long.toString(config.cache().searchTtl().toSeconds());
    Duration localTtl = config.cache().localTtl();
    this.local =
        localTtl.isZero() || localTtl.isNegative()
            ? null
            : Caffeine.newBuilder()
                .expireAfterWrite(localTtl)
                .maximumSize(config.cache().localMaxEntries())
                .build();
  }

  /** The key of a media item's cached body. */
  public String mediaKey(UUID id) {
    return prefix + "media:" + id;
  }

  /** The cached body of a media item, or null. */
  public Uni<byte[]> media(UUID id) {
    if (local != null) {
      byte[] hot = local.getIfPresent(id);
      if (hot != null) {
        return Uni.createFrom().item(hot);
      }
      return get(mediaKey(id))
          .invoke(
              body -> {
                if (body != null) {
                  local.put(id, body);
                }
              });
    }
    return get(mediaKey(id));
  }

  /** Caches the body of a media item for the media TTL. */
  public Uni<Void> putMedia(UUID id, byte[] json) {
    if (local != null) {
      local.put(id, json);
    }
    return set(mediaKey(id), json, mediaTtlSeconds);
  }

  /** Removes the cached bodies of these items. */
  public Uni<Void> evict(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    Request del = Request.cmd(Command.DEL);
    for (UUID id : ids) {
      if (local != null) {
        local.invalidate(id);
      }
      del.arg(mediaKey(id));
    }
    return redis.send(del).replaceWithVoid();
  }

  /** The key of a cached search page. */
  public String searchKey(String type, int page, String queryHash) {
    return prefix + "search:" + type + ":" + page + ":" + queryHash;
  }

  /** A cached search page, or null. */
  public Uni<byte[]> search(String key) {
    return get(key);
  }

  /** Caches a search page for the search TTL. */
  public Uni<Void> putSearch(String key, byte[] json) {
    return set(key, json, searchTtlSeconds);
  }

  private Uni<byte[]> get(String key) {
    return redis
        .send(Request.cmd(Command.GET).arg(key))
        .map(response -> response == null ? null : response.toBytes());
  }

  private Uni<Void> set(String key, byte[] value, String ttlSeconds) {
    return redis
        .send(Request.cmd(Command.SET).arg(key).arg(value).arg("EX").arg(ttlSeconds))
        .replaceWithVoid();
  }
}
