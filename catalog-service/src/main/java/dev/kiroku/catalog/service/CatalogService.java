package dev.kiroku.catalog.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.catalog.CatalogErrorCode;
import dev.kiroku.catalog.config.CatalogConfig;
import dev.kiroku.catalog.domain.DetailLevel;
import dev.kiroku.catalog.domain.MediaDraft;
import dev.kiroku.catalog.provider.MediaProviders;
import dev.kiroku.catalog.provider.ProviderMedia;
import dev.kiroku.catalog.repository.MediaRepository;
import dev.kiroku.catalog.repository.MediaRepository.StoredMedia;
import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads and refreshes media items: Redis cache first, then the database, then the provider (through
 * {@link MediaProviders}); every provider answer is stored ({@link MediaWriter}) before it is
 * served, so it has an internal id and publishes {@code MediaUpserted}.
 */
@ApplicationScoped
public class CatalogService {

  private final MediaRepository repository;
  private final MediaWriter writer;
  private final MediaCache cache;
  private final MediaProviders providers;
  private final CatalogConfig config;
  private final ObjectMapper json;

  @Inject
  CatalogService(
      MediaRepository repository,
      MediaWriter writer,
      MediaCache cache,
      MediaProviders providers,
      CatalogConfig config,
      ObjectMapper json) {
    this.repository = repository;
    this.writer = writer;
    this.cache = cache;
    this.providers = providers;
    this.config = config;
    this.json = json;
  }

  /**
   * A media item by internal id: the cached body if there is one; else the stored item, which is
   * cached for {@code kiroku.catalog.cache.media-ttl}. A stored search summary (never fetched in
   * full) is first completed from its provider; if the provider fails, the summary is served marked
   * stale and not cached.
   *
   * @throws ProblemException 404 {@code MEDIA_NOT_FOUND} (as the Uni's failure)
   */
  public Uni<MediaBody> get(UUID id) {
    return cache
        .media(id)
        .chain(
            cached -> {
              if (cached != null) {
                return Uni.createFrom().item(MediaBody.fresh(cached));
              }
              return repository
                  .find(id)
                  .chain(
                      stored ->
                          stored
                              .map(this::serveStored)
                              .orElseGet(() -> Uni.createFrom().failure(notFound(id))));
            });
  }

  /**
   * A media item by external id: the stored item known by it (as {@link #get}), else the
   * provider's, stored first.
   *
   * @throws ProblemException 404 {@code MEDIA_NOT_FOUND} when the provider has none, 400 {@code
   *     UNSUPPORTED_EXTERNAL_SOURCE}, 503 {@code PROVIDER_UNAVAILABLE} / {@code
   *     PROVIDER_NOT_CONFIGURED}
   */
  public Uni<MediaBody> byExternal(ExternalSource source, MediaType type, String externalId) {
    return byExternal(source, type, externalId, true);
  }

  /**
   * {@link #byExternal(ExternalSource, MediaType, String)}; with {@code fetch = false} an id the
   * catalog does not store is a 404 at once, without asking the provider (list imports resolve the
   * ids the catalog knows this way before they ask providers).
   */
  public Uni<MediaBody> byExternal(
      ExternalSource source, MediaType type, String externalId, boolean fetch) {
    return repository
        .findByExternalId(source.key(), type.name(), externalId)
        .chain(
            stored -> {
              if (stored.isPresent()) {
                return get(stored.get().id());
              }
              if (!fetch) {
                return Uni.createFrom()
                    .failure(
                        new ProblemException(
                            CatalogErrorCode.MEDIA_NOT_FOUND,
                            "No "
                                + type
                                + " with "
                                + source.key()
                                + " id "
                                + externalId
                                + " is in the catalog (fetch=false: the provider was not asked)."));
              }
              return providers
                  .fetch(source, type, externalId)
                  .onFailure()
                  .transform(ProviderFailures::toProblem)
                  .chain(
                      found -> {
                        if (found.isEmpty()) {
                          return Uni.createFrom()
                              .failure(
                                  new ProblemException(
                                      CatalogErrorCode.MEDIA_NOT_FOUND,
                                      "No "
                                          + type
                                          + " with "
                                          + source.key()
                                          + " id "
                                          + externalId
                                          + " exists."));
                        }
                        return storeAndCache(found.get());
                      });
            });
  }

  /**
   * Searches the provider for {@code type}; a page is cached for {@code
   * kiroku.catalog.cache.search-ttl}. Every result is stored (a summary never overwrites richer
   * stored data) so it has an internal id.
   *
   * @return the page's JSON: {@code {"query": str, "type": str, "page": int, "size": int, "items":
   *     [MediaSnapshot...]}}
   */
  public Uni<byte[]> search(String query, MediaType type, int page) {
    String normalised = query.strip().replaceAll("\\s+", " ");
    String key = cache.searchKey(type.name(), page, sha256(normalised.toLowerCase(Locale.ROOT)));
    return cache
        .search(key)
        .chain(
            cached -> {
              if (cached != null) {
                return Uni.createFrom().item(cached);
              }
              return providers
                  .search(normalised, type, page)
                  .onFailure()
                  .transform(ProviderFailures::toProblem)
                  .chain(results -> storeSearch(normalised, type, page, results))
                  .call(body -> cache.putSearch(key, body));
            });
  }

  private Uni<byte[]> storeSearch(
      String query, MediaType type, int page, List<ProviderMedia> results) {
    List<MediaDraft> drafts = new ArrayList<>();
    for (ProviderMedia result : results) {
      drafts.add(MediaDraft.of(result));
    }
    return writer
        .upsert(drafts)
        .map(
            written -> {
              Set<UUID> seen = new LinkedHashSet<>();
              List<String> items = new ArrayList<>();
              for (MediaWriter.Written w : written) {
                if (seen.add(w.media().id())) {
                  items.add(w.json());
                }
              }
              StringBuilder body = new StringBuilder(256 + items.size() * 1024);
              body.append("{\"query\":")
                  .append(write(query))
                  .append(",\"type\":\"")
                  .append(type.name())
                  .append("\",\"page\":")
                  .append(page)
                  .append(",\"size\":")
                  .append(items.size())
                  .append(",\"items\":[")
                  .append(String.join(",", items))
                  .append("]}");
              return body.toString().getBytes(StandardCharsets.UTF_8);
            });
  }

  /**
   * Fetches an item again from its provider, at most once per {@code
   * kiroku.catalog.refresh-interval} (24 h) per item, and evicts its cached body. If the provider
   * fails, the claim is given back and the stored copy is served marked stale.
   *
   * @throws ProblemException 404 {@code MEDIA_NOT_FOUND}; 409 {@code MEDIA_ALREADY_REFRESHED} with
   *     extension {@code nextRefreshAt}; 422 {@code MEDIA_NOT_REFRESHABLE} when no provider knows
   *     any of the item's external ids
   */
  public Uni<MediaBody> refresh(UUID id) {
    return repository
        .find(id)
        .chain(
            found -> {
              if (found.isEmpty()) {
                return Uni.createFrom().failure(notFound(id));
              }
              StoredMedia stored = found.get();
              MediaSnapshot media = parse(stored.snapshotJson());
              Optional<Map.Entry<ExternalSource, String>> source = fetchableId(media);
              if (source.isEmpty()) {
                return Uni.createFrom()
                    .failure(
                        new ProblemException(
                            CatalogErrorCode.MEDIA_NOT_REFRESHABLE,
                            "No provider can look up any external id of media " + id + "."));
              }
              return repository
                  .claimRefresh(id, config.refreshInterval())
                  .chain(
                      claimed -> {
                        if (!claimed) {
                          return repository
                              .nextRefreshAt(id, config.refreshInterval())
                              .chain(next -> Uni.createFrom().failure(alreadyRefreshed(id, next)));
                        }
                        return fetchAndStore(media, source.get(), stored)
                            .call(() -> cache.evict(List.of(id)))
                            .onFailure(ProviderFailures::isProviderFailure)
                            .recoverWithUni(
                                failure ->
                                    repository
                                        .releaseRefresh(id)
                                        .replaceWith(
                                            new MediaBody(
                                                bytes(stored.snapshotJson()),
                                                ProviderFailures.staleReason(failure))));
                      });
            });
  }

  /** An item's seasons (TV; empty for other types). */
  public Uni<List<MediaSnapshot.SeasonSummary>> seasons(UUID id) {
    return requireExists(id).chain(() -> repository.seasons(id));
  }

  /**
   * One page of an item's episodes.
   *
   * @param season a season number (TV), or null for every episode (anime, podcasts)
   * @param page 1-based
   * @param size episodes per page
   * @throws ProblemException 404 {@code MEDIA_NOT_FOUND} or {@code SEASON_NOT_FOUND}
   */
  public Uni<EpisodePage> episodes(UUID id, Integer season, int page, int size) {
    Uni<Void> exists = requireExists(id);
    if (season != null) {
      exists =
          exists.chain(
              () ->
                  repository
                      .hasSeason(id, season)
                      .chain(
                          has ->
                              has
                                  ? Uni.createFrom().voidItem()
                                  : Uni.createFrom()
                                      .failure(
                                          new ProblemException(
                                              CatalogErrorCode.SEASON_NOT_FOUND,
                                              "Media " + id + " has no season " + season + "."))));
    }
    return exists
        .chain(() -> repository.countEpisodes(id, season))
        .chain(
            total ->
                repository
                    .episodes(id, season, (page - 1) * size, size)
                    .map(items -> new EpisodePage(items, page, size, total)));
  }

  /**
   * A page of episodes.
   *
   * @param items the episodes of this page
   * @param page 1-based page
   * @param size page size asked for
   * @param total episodes in all pages
   */
  public record EpisodePage(List<ProviderMedia.Episode> items, int page, int size, long total) {}

  private Uni<Void> requireExists(UUID id) {
    return repository
        .find(id)
        .chain(
            found ->
                found.isPresent()
                    ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(notFound(id)));
  }

  private Uni<MediaBody> serveStored(StoredMedia stored) {
    if (stored.detail() == DetailLevel.SUMMARY.rank()) {
      MediaSnapshot media = parse(stored.snapshotJson());
      Optional<Map.Entry<ExternalSource, String>> source = fetchableId(media);
      if (source.isPresent()) {
        return fetchAndStore(media, source.get(), stored)
            .onFailure(ProviderFailures::isProviderFailure)
            .recoverWithItem(
                failure ->
                    new MediaBody(
                        bytes(stored.snapshotJson()), ProviderFailures.staleReason(failure)))
            .call(
                body ->
                    body.stale()
                        ? Uni.createFrom().voidItem()
                        : cache.putMedia(stored.id(), body.json()));
      }
    }
    byte[] body = bytes(stored.snapshotJson());
    return cache.putMedia(stored.id(), body).replaceWith(MediaBody.fresh(body));
  }

  /** Fetches the item in full and stores it; an item the provider no longer has stays as stored. */
  private Uni<MediaBody> fetchAndStore(
      MediaSnapshot media, Map.Entry<ExternalSource, String> source, StoredMedia stored) {
    return providers
        .fetch(source.getKey(), media.type(), source.getValue())
        .chain(
            found ->
                found.isEmpty()
                    ? Uni.createFrom().item(MediaBody.fresh(bytes(stored.snapshotJson())))
                    : writer
                        .upsert(List.of(MediaDraft.of(found.get())))
                        .map(written -> MediaBody.fresh(bytes(written.get(0).json()))));
  }

  private Uni<MediaBody> storeAndCache(ProviderMedia found) {
    return writer
        .upsert(List.of(MediaDraft.of(found)))
        .chain(
            written -> {
              MediaWriter.Written w = written.get(0);
              byte[] body = bytes(w.json());
              return cache.putMedia(w.media().id(), body).replaceWith(MediaBody.fresh(body));
            });
  }

  /** The first of an item's external ids a provider can fetch, in the order providers prefer. */
  static Optional<Map.Entry<ExternalSource, String>> fetchableId(MediaSnapshot media) {
    List<ExternalSource> order =
        switch (media.type()) {
          case ANIME, MANGA -> List.of(ExternalSource.MAL);
          case TV, MOVIE -> List.of(ExternalSource.TMDB);
          case GAME -> List.of(ExternalSource.IGDB);
          case BOOK ->
              List.of(ExternalSource.HARDCOVER, ExternalSource.GOOGLE_BOOKS, ExternalSource.ISBN);
          case PODCAST -> List.of(ExternalSource.ITUNES);
        };
    for (ExternalSource source : order) {
      String id = media.externalIds().get(source.key());
      if (id != null) {
        return Optional.of(Map.entry(source, id));
      }
    }
    return Optional.empty();
  }

  private static ProblemException notFound(UUID id) {
    return new ProblemException(CatalogErrorCode.MEDIA_NOT_FOUND, "No media with id " + id + ".");
  }

  private static ProblemException alreadyRefreshed(UUID id, OffsetDateTime next) {
    return new ProblemException(
        CatalogErrorCode.MEDIA_ALREADY_REFRESHED,
        "Media "
            + id
            + " was refreshed less than 24 hours ago; next refresh allowed at "
            + next
            + ".",
        List.of(),
        next == null ? Map.of() : Map.of("nextRefreshAt", next.toInstant().toString()));
  }

  private MediaSnapshot parse(String text) {
    try {
      return json.readValue(text, MediaSnapshot.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
