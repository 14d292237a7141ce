package dev.kiroku.progress.service;

import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.contracts.progress.MediaSummary;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.progress.client.CatalogMediaClient;
import dev.kiroku.progress.domain.ProgressErrorCode;
import dev.kiroku.progress.repository.MediaProjectionRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The media items the library refers to: progress-service's projection of {@code catalog.media.v1}
 * first; on a miss, catalog-service asked once (as this service, through {@link
 * CatalogMediaClient}) and the answer stored in the projection for next time.
 */
@ApplicationScoped
public class MediaCatalog {

  private static final Logger LOG = Logger.getLogger(MediaCatalog.class);

  private final MediaProjectionRepository projection;
  private final CatalogMediaClient catalog;

  @Inject
  MediaCatalog(MediaProjectionRepository projection, CatalogMediaClient catalog) {
    this.projection = projection;
    this.catalog = catalog;
  }

  /** The projection's summary, or empty; never asks catalog-service. */
  public Uni<Optional<MediaSummary>> find(UUID mediaId) {
    return projection.find(mediaId);
  }

  /** The projection's summaries of {@code ids} (those it knows). */
  public Uni<Map<UUID, MediaSummary>> findAll(List<UUID> ids) {
    return projection.findAll(ids);
  }

  /**
   * The media item, from the projection or, on a miss, from catalog-service.
   *
   * @throws ProblemException 404 {@code MEDIA_NOT_FOUND} when catalog-service does not know the id;
   *     503 {@code CATALOG_UNAVAILABLE} when it does not answer
   */
  public Uni<MediaSummary> require(UUID mediaId) {
    return projection
        .find(mediaId)
        .flatMap(
            found -> found.isPresent() ? Uni.createFrom().item(found.get()) : fromCatalog(mediaId));
  }

  /**
   * Stores what catalog-service answered for a by-external lookup, so later reads find it locally.
   *
   * @return the stored item's summary
   */
  public Uni<MediaSummary> remember(MediaSnapshot snapshot) {
    return projection.store(snapshot).map(written -> MediaProjectionRepository.summarize(snapshot));
  }

  private Uni<MediaSummary> fromCatalog(UUID mediaId) {
    return catalog
        .media(mediaId)
        .onFailure()
        .transform(
            failure -> {
              LOG.warnf("catalog-service lookup of media %s failed: %s", mediaId, failure);
              return new ProblemException(
                  ProgressErrorCode.CATALOG_UNAVAILABLE,
                  "catalog-service did not answer for media "
                      + mediaId
                      + " (not yet in progress-service's projection); try again later.");
            })
        .flatMap(
            answer -> {
              if (answer.isEmpty()) {
                return Uni.createFrom()
                    .failure(
                        new ProblemException(
                            ProgressErrorCode.MEDIA_NOT_FOUND,
                            "No media with id " + mediaId + " in the catalog."));
              }
              MediaSnapshot snapshot = answer.get();
              if (!mediaId.equals(snapshot.id()) || snapshot.type() == null) {
                return Uni.createFrom()
                    .failure(
                        new ProblemException(
                            ProgressErrorCode.CATALOG_UNAVAILABLE,
                            "catalog-service answered for media "
                                + mediaId
                                + " with another item"));
              }
              return remember(snapshot);
            });
  }
}
