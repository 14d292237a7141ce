package dev.kiroku.catalog.provider;

import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.catalog.MediaType;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One external metadata source (Jikan, TMDB, IGDB, Hardcover, Google Books, iTunes), adapted to
 * Kiroku's canonical model. Implementations wrap a REST client with the provider's resilience
 * policy (timeout, retries on 5xx and 429 honouring {@code Retry-After}, circuit breaker, rate
 * limit) and never block the calling thread.
 *
 * <p>Failures surface as the {@code Uni}'s failure: {@link ProviderNotConfiguredException} when the
 * provider has no credentials, {@link ProviderUnavailableException} when it cannot answer (timeout,
 * 5xx after retries, open circuit, rate limit exceeded, unparseable body).
 */
public interface MediaProvider {

  /**
   * Short lower-case name, e.g. {@code "jikan"}; used as {@code sourceProvider} and in problems.
   */
  String name();

  /** The media types this provider serves, e.g. {@code ANIME, MANGA} for Jikan. */
  Set<MediaType> mediaTypes();

  /** The source this provider's own ids belong to, e.g. {@link ExternalSource#MAL} for Jikan. */
  ExternalSource idSource();

  /** Whether the credentials this provider needs are configured (always true for keyless ones). */
  boolean configured();

  /**
   * Searches the provider.
   *
   * @param query the user's text, 1-500 characters
   * @param type the media type to search (one of {@link #mediaTypes()})
   * @param page 1-based page
   * @return summaries ({@link ProviderMedia#complete()} false unless the provider's search gives
   *     full details); empty when nothing matches
   */
  Uni<List<ProviderMedia>> search(String query, MediaType type, int page);

  /**
   * Fetches one item with everything the provider has: details, and for anime, TV and podcasts
   * every episode (all pages, every season including specials, season 0).
   *
   * @param type the media type (a MAL id is an anime or a manga; a TMDB id a movie or a TV show)
   * @param externalId the id in {@link #idSource()}
   * @return empty when the provider has no such item (its 404 or an empty result)
   */
  Uni<Optional<ProviderMedia>> fetch(MediaType type, String externalId);
}
