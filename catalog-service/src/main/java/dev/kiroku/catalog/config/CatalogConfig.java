package dev.kiroku.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code kiroku.catalog.*}: cache lifetimes, the refresh rule and import batching. Durations take
 * {@code 500ms}, {@code 10s}, {@code 6h} or ISO-8601.
 */
@ConfigMapping(prefix = "kiroku.catalog")
public interface CatalogConfig {

  /** Redis cache. */
  Cache cache();

  /** Shortest time between two accepted {@code POST /media/{id}/refresh} of one item. */
  @WithDefault("24h")
  Duration refreshInterval();

  /** Rows per batched upsert (and per outbox batch) during a dataset import. */
  @WithDefault("1000")
  int importBatchSize();

  /** Most rejected rows listed one by one in an import report (all are counted). */
  @WithDefault("1000")
  int importReportedRejections();

  /** {@code kiroku.catalog.cache.*} */
  interface Cache {

    /** Prefix of every Redis key this service writes, e.g. {@code kiroku:catalog:}. */
    @WithDefault("kiroku:catalog:")
    String keyPrefix();

    /** Lifetime of a cached {@code GET /media/{id}} body. */
    @WithDefault("6h")
    Duration mediaTtl();

    /**
     * Lifetime of the small in-process copy kept in front of Redis for hot media bodies ({@code 0}
     * turns it off). A refresh evicts it on the replica that refreshed; other replicas may serve
     * the previous body for at most this long.
     */
    @WithDefault("10s")
    Duration localTtl();

    /** Most media bodies held in the in-process layer. */
    @WithDefault("10000")
    long localMaxEntries();

    /** Lifetime of a cached search result page. */
    @WithDefault("24h")
    Duration searchTtl();
  }
}
