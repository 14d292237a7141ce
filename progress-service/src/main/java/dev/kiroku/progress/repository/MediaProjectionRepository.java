package dev.kiroku.progress.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.contracts.progress.MediaSummary;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.progress.client.CatalogApi;
import dev.kiroku.progress.domain.ProgressErrorCode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * progress-service's local copy of the catalog ({@code media_projection}): fed by {@code
 * catalog.media.v1}, read by every write, with a short in-memory cache (Caffeine, 30 s, 100,000
 * items) in front. On a miss, {@link #require} asks catalog-service once and stores the answer.
 */
@ApplicationScoped
public class MediaProjectionRepository {

  private static final Logger LOG = Logger.getLogger(MediaProjectionRepository.class);

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

  static final String SELECT = "SELECT summary::text FROM media_projection WHERE media_id = $1";

  static final String SELECT_MANY =
      "SELECT summary::text FROM media_projection WHERE media_id = ANY($1)";

  private final Pool pool;
  private final ObjectMapper json;
  private final CatalogApi catalog;
  private final Cache<UUID, MediaSummary> cache =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofSeconds(30)).build();

  @Inject
  MediaProjectionRepository(Pool pool, ObjectMapper json, @RestClient CatalogApi catalog) {
    this.pool = pool;
    this.json = json;
    this.catalog = catalog;
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

  /** Summaries of several media ids (those the projection knows). */
  public Uni<Map<UUID, MediaSummary>> findAll(List<UUID> ids) {
    if (ids.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return pool.preparedQuery(SELECT_MANY)
        .execute(Tuple.of(ids.toArray(UUID[]::new)))
        .map(
            rows -> {
              Map<UUID, MediaSummary> found = new java.util.HashMap<>();
              for (Row row : rows) {
                MediaSummary s = parse(row);
                found.put(s.id(), s);
              }
              return found;
            });
  }

  /**
   * The projection's summary; on a miss, catalog-service's {@code GET /api/v1/catalog/media/{id}}
   * with the caller's token, stored for next time.
   *
   * @throws ProblemException 404 {@code MEDIA_NOT_FOUND} when catalog-service does not know the id;
   *     503 {@code CATALOG_UNAVAILABLE} when it does not answer
   */
  public Uni<MediaSummary> require(UUID mediaId, String authorization) {
    return find(mediaId)
        .flatMap(
            found ->
                found.isPresent()
                    ? Uni.createFrom().item(found.get())
                    : fetch(mediaId, authorization));
  }

  private Uni<MediaSummary> fetch(UUID mediaId, String authorization) {
    return catalog
        .media(mediaId, authorization)
        .onFailure()
        .transform(failure -> catalogFailure(mediaId, failure))
        .flatMap(
            snapshot -> {
              if (snapshot == null || !mediaId.equals(snapshot.id()) || snapshot.type() == null) {
                return Uni.createFrom()
                    .failure(
                        new ProblemException(
                            ProgressErrorCode.CATALOG_UNAVAILABLE,
                            "catalog-service answered for media "
                                + mediaId
                                + " with another item"));
              }
              return store(pool, snapshot).map(written -> summarize(snapshot));
            });
  }

  private static Throwable catalogFailure(UUID mediaId, Throwable failure) {
    if (failure instanceof ProblemException) {
      return failure;
    }
    if (failure instanceof WebApplicationException web
        && web.getResponse() != null
        && web.getResponse().getStatus() == 404) {
      return new ProblemException(
          ProgressErrorCode.MEDIA_NOT_FOUND, "No media with id " + mediaId + " in the catalog.");
    }
    LOG.warnf("catalog-service lookup of media %s failed: %s", mediaId, failure.toString());
    return new ProblemException(
        ProgressErrorCode.CATALOG_UNAVAILABLE,
        "catalog-service did not answer for media "
            + mediaId
            + " (not yet in progress-service's projection); try again later.");
  }

  private MediaSummary parse(Row row) {
    try {
      return json.readValue(row.getString(0), MediaSummary.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable media_projection row", e);
    }
  }
}
