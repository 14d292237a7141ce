package dev.kiroku.catalog.provider;

import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.catalog.MediaType;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the provider for a request, so the rest of catalog-service never names one: anime and
 * manga → Jikan; movies and TV → TMDB; games → IGDB; books → Hardcover, falling back to Google
 * Books when Hardcover has no token or no match; podcasts → iTunes.
 *
 * <p>Failures are those of {@link MediaProvider}: {@link ProviderNotConfiguredException}, {@link
 * ProviderUnavailableException}.
 */
public interface MediaProviders {

  /** Searches the provider for {@code type}; see {@link MediaProvider#search}. */
  Uni<List<ProviderMedia>> search(String query, MediaType type, int page);

  /**
   * Fetches one item by an external id.
   *
   * @param source where the id comes from; {@code mal}, {@code tmdb}, {@code igdb}, {@code
   *     hardcover}, {@code google_books}, {@code isbn} (looked up through the book providers) and
   *     {@code itunes} are fetchable
   * @param type the media type the id is for
   * @param externalId the id as the source writes it
   * @return empty when the provider has no such item
   * @throws UnsupportedSourceException (as the Uni's failure) when no provider can look up {@code
   *     source} ids for {@code type} (e.g. {@code kitsu}, or {@code mal} for a movie)
   */
  Uni<Optional<ProviderMedia>> fetch(ExternalSource source, MediaType type, String externalId);

  /** No provider can look up ids of this source for this media type. */
  class UnsupportedSourceException extends RuntimeException {
    public UnsupportedSourceException(ExternalSource source, MediaType type) {
      super("no provider looks up " + source.key() + " ids for " + type);
    }
  }
}
