package dev.kiroku.progress.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.contracts.progress.MediaSummary;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * progress-service's local copy of the catalog ({@code media_projection}): fed by {@code
 * catalog.media.v1}, read by every write, with a short in-memory cache (Caffeine, 30 s, 100,000
 * items) in front of single reads. Only {@code service.MediaCatalog} asks catalog-service on a miss
 * (and stores the answer here).
 */
@ApplicationScoped
public class MediaProjectionRepository {

  static final String UPSERT =
      "INSERT INTO media_projection (media_id, media_type, summary, last_refreshed_at, updated_at)"
          + " VALUES ($1, $2, $3::text::jsonb, $4, now())"
          + " ON CONFLICT (media_id) DO UPDATE SET media_type = EXCLUDED.media_type,"
          + " summary = EXCLUDED.summary, last_refreshed_at = EXCLUDED.last_refreshed_at,"
          + " updated_at = now()"
          + " WHERE media_projection.last_refreshed_at IS NULL"
          + " OR EXCLUDED.last_refreshed_at IS NULL"
          + " OR EXCLUDED.last_refreshed_at >= media_projection.last_refreshed_at";

  /** Drops the external ids a newer snapshot no longer has. */
  static final String DELETE_STALE_IDS =
      "DELETE FROM media_projection_external_id WHERE media_id = $1 AND (source, external_id)"
          + " NOT IN (SELECT * FROM unnest($2::text[], $3::text[]))";

  static final String UPSERT_IDS =
      "INSERT INTO media_projection_external_id (source, media_type, external_id, media_id)"
          + " SELECT k.source, $2, k.external_id, $1"
          + " FROM unnest($3::text[], $4::text[]) AS k(source, external_id)"
          + " ON CONFLICT (source, media_type, external_id) DO UPDATE SET media_id = EXCLUDED.media_id";

  static final String LOOKUP_EXTERNAL_IDS =
      "SELECT k.source, k.media_type, k.external_id, x.media_id"
          + " FROM unnest($1::text[], $2::text[], $3::text[]) AS k(source, media_type, external_id)"
          + " JOIN media_projection_external_id x ON x.source = k.source"
          + " AND x.media_type = k.media_type AND x.external_id = k.external_id";

  static final String SELECT = "SELECT summary::text FROM media_projection WHERE media_id = $1";

  static final String SELECT_MANY =
      "SELECT summary::text FROM media_projection WHERE media_id = ANY($1)";

  private final Pool pool;
  private final ObjectMapper json;
  private final Cache<UUID, MediaSummary> cache =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofSeconds(30)).build();

  @Inject
  MediaProjectionRepository(Pool pool, ObjectMapper json) {
    this.pool = pool;
    this.json = json;
  }

  /** The summary of a catalog snapshot (title = {@code titles.canonical}). */
  public static MediaSummary summarize(MediaSnapshot s) {
    List<MediaSummary.Season> seasons = new ArrayList<>();
    if (s.seasons() != null) {
      for (MediaSnapshot.SeasonSummary season : s.seasons()) {
        seasons.add(
            new MediaSummary.Season(
                season.number(), season.episodeCount(), season.airedEpisodeCount()));
      }
    }
    MediaSnapshot.Counts c = s.counts();
    return new MediaSummary(
        s.id(),
        s.type(),
        s.titles() == null ? null : s.titles().canonical(),
        s.genres() == null ? List.of() : List.copyOf(s.genres()),
        c == null ? null : c.episodes(),
        c == null ? null : c.airedEpisodes(),
        c == null ? null : c.chapters(),
        c == null ? null : c.volumes(),
        c == null ? null : c.pages(),
        List.copyOf(seasons));
  }

  /**
   * Stores a snapshot unless a newer one ({@code lastRefreshedAt}) is already there.
   *
   * @return true if the row was written
   */
  public Uni<Boolean> store(SqlClient client, MediaSnapshot snapshot) {
    MediaSummary summary = summarize(snapshot);
    String text;
    try {
      text = json.writeValueAsString(summary);
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(e);
    }
    return client
        .preparedQuery(UPSERT)
        .execute(
            Tuple.of(
                snapshot.id(),
                snapshot.type().name(),
                text,
                snapshot.lastRefreshedAt() == null
                    ? null
                    : snapshot.lastRefreshedAt().atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.rowCount() == 1)
        .call(written -> written ? storeExternalIds(client, snapshot) : Uni.createFrom().voidItem())
        .invoke(written -> cache.invalidate(snapshot.id()));
  }

  /** {@link #store(SqlClient, MediaSnapshot)} in a statement of its own. */
  public Uni<Boolean> store(MediaSnapshot snapshot) {
    return store(pool, snapshot);
  }

  /** Replaces the snapshot's external ids (the lookup table of list imports). */
  private static Uni<Void> storeExternalIds(SqlClient client, MediaSnapshot snapshot) {
    Map<String, String> ids = snapshot.externalIds() == null ? Map.of() : snapshot.externalIds();
    String[] sources = ids.keySet().toArray(String[]::new);
    String[] values = ids.values().toArray(String[]::new);
    Uni<Void> stale =
        client
            .preparedQuery(DELETE_STALE_IDS)
            .execute(Tuple.of(snapshot.id(), sources, values))
            .replaceWithVoid();
    if (sources.length == 0) {
      return stale;
    }
    return stale.chain(
        () ->
            client
                .preparedQuery(UPSERT_IDS)
                .execute(Tuple.of(snapshot.id(), snapshot.type().name(), sources, values))
                .replaceWithVoid());
  }

  /** The projection's summary, or empty. */
  public Uni<Optional<MediaSummary>> find(UUID mediaId) {
    MediaSummary cached = cache.getIfPresent(mediaId);
    if (cached != null) {
      return Uni.createFrom().item(Optional.of(cached));
    }
    return pool.preparedQuery(SELECT)
        .execute(Tuple.of(mediaId))
        .map(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Optional.<MediaSummary>empty();
              }
              MediaSummary summary = parse(rows.iterator().next());
              cache.put(mediaId, summary);
              return Optional.of(summary);
            });
  }

  /**
   * Summaries of several media ids (those the projection knows): from the cache, and what it lacks
   * in one query (then cached). A list page of 40 entries parsed 40 JSON summaries per request
   * before it used the cache.
   */
  public Uni<Map<UUID, MediaSummary>> findAll(List<UUID> ids) {
    Map<UUID, MediaSummary> found = new java.util.HashMap<>();
    List<UUID> missing = new ArrayList<>();
    for (UUID id : ids) {
      MediaSummary cached = cache.getIfPresent(id);
      if (cached != null) {
        found.put(id, cached);
      } else {
        missing.add(id);
      }
    }
    if (missing.isEmpty()) {
      return Uni.createFrom().item(found);
    }
    return pool.preparedQuery(SELECT_MANY)
        .execute(Tuple.of(missing.toArray(UUID[]::new)))
        .map(
            rows -> {
              for (Row row : rows) {
                MediaSummary s = parse(row);
                cache.put(s.id(), s);
                found.put(s.id(), s);
              }
              return found;
            });
  }

  /**
   * The media ids that the projection's copy of catalog-service's external ids assigns to {@code
   * keys} (source key, media type name, external id), as {@code "source|TYPE|id" -> media id}; keys
   * without a match are absent. One statement for any number of keys.
   */
  public Uni<Map<String, UUID>> mediaIdsByExternalId(
      List<String> sources, List<String> types, List<String> externalIds) {
    if (sources.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return pool.preparedQuery(LOOKUP_EXTERNAL_IDS)
        .execute(
            Tuple.of(
                sources.toArray(String[]::new),
                types.toArray(String[]::new),
                externalIds.toArray(String[]::new)))
        .map(
            rows -> {
              Map<String, UUID> found = new java.util.HashMap<>();
              for (Row r : rows) {
                found.put(
                    r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2), r.getUUID(3));
              }
              return found;
            });
  }

  private MediaSummary parse(Row row) {
    try {
      return json.readValue(row.getString(0), MediaSummary.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable media_projection row", e);
    }
  }
}
