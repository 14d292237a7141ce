package dev.kiroku.catalog.provider;

import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.catalog.MediaType;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Routes requests to the {@link MediaProvider} beans: anime and manga → {@code jikan}; movies and
 * TV → {@code tmdb}; games → {@code igdb}; books → {@code hardcover}, then {@code googlebooks} when
 * Hardcover has no token ({@link MediaProvider#configured()} false) or no match (empty search,
 * empty fetch); podcasts → {@code itunes}. {@code isbn} ids go through the book providers that
 * implement {@link IsbnLookup}, in the same order.
 *
 * <p>When every provider for a type lacks credentials, the first one is asked anyway, so its {@link
 * ProviderNotConfiguredException} (naming the missing keys) is the failure. A {@link
 * ProviderUnavailableException} of Hardcover is not hidden by Google Books (the issue asks for the
 * fallback on no token or no match only).
 */
@ApplicationScoped
public class DefaultMediaProviders implements MediaProviders {

  /** Providers in order of preference (the book chain is Hardcover, then Google Books). */
  static final List<String> PREFERENCE =
      List.of("jikan", "tmdb", "igdb", "hardcover", "googlebooks", "itunes");

  private final List<MediaProvider> providers;

  @Inject
  public DefaultMediaProviders(@All List<MediaProvider> providers) {
    List<MediaProvider> sorted = new ArrayList<>(providers);
    sorted.sort(
        Comparator.comparingInt(
            p ->
                PREFERENCE.indexOf(p.name()) < 0
                    ? Integer.MAX_VALUE
                    : PREFERENCE.indexOf(p.name())));
    this.providers = List.copyOf(sorted);
  }

  @Override
  public Uni<List<ProviderMedia>> search(String query, MediaType type, int page) {
    List<MediaProvider> chain =
        providers.stream().filter(p -> p.mediaTypes().contains(type)).toList();
    if (chain.isEmpty()) {
      return Uni.createFrom()
          .failure(
              new ProviderUnavailableException(
                  type.name().toLowerCase(), "no provider serves " + type, null));
    }
    return firstNonEmpty(chain, p -> p.search(query, type, page), List::isEmpty, List.of());
  }

  @Override
  public Uni<Optional<ProviderMedia>> fetch(
      ExternalSource source, MediaType type, String externalId) {
    if (source == ExternalSource.ISBN) {
      List<MediaProvider> chain =
          providers.stream()
              .filter(
                  p ->
                      type == MediaType.BOOK
                          && p.mediaTypes().contains(type)
                          && p instanceof IsbnLookup)
              .toList();
      if (chain.isEmpty()) {
        return Uni.createFrom().failure(new UnsupportedSourceException(source, type));
      }
      String isbn = externalId.replaceAll("[^0-9Xx]", "").toUpperCase();
      return firstNonEmpty(
          chain, p -> ((IsbnLookup) p).fetchByIsbn(isbn), Optional::isEmpty, Optional.empty());
    }
    List<MediaProvider> chain =
        providers.stream()
            .filter(p -> p.idSource() == source && p.mediaTypes().contains(type))
            .toList();
    if (chain.isEmpty()) {
      return Uni.createFrom().failure(new UnsupportedSourceException(source, type));
    }
    return firstNonEmpty(
        chain, p -> p.fetch(type, externalId), Optional::isEmpty, Optional.empty());
  }

  /**
   * Asks the configured providers of {@code chain} in order until one answers non-empty; the last
   * answer (possibly empty) otherwise. When none is configured, fails with the first one's {@link
   * ProviderNotConfiguredException}.
   */
  private <T> Uni<T> firstNonEmpty(
      List<MediaProvider> chain,
      Function<MediaProvider, Uni<T>> call,
      java.util.function.Predicate<T> empty,
      T none) {
    List<MediaProvider> configured = chain.stream().filter(MediaProvider::configured).toList();
    if (configured.isEmpty()) {
      // the provider itself fails with ProviderNotConfiguredException naming its missing keys
      return Uni.createFrom().deferred(() -> call.apply(chain.get(0)));
    }
    return ask(configured, 0, call, empty, none);
  }

  private <T> Uni<T> ask(
      List<MediaProvider> chain,
      int index,
      Function<MediaProvider, Uni<T>> call,
      java.util.function.Predicate<T> empty,
      T none) {
    return Uni.createFrom()
        .deferred(() -> call.apply(chain.get(index)))
        .flatMap(
            answer -> {
              if (empty.test(answer) && index + 1 < chain.size()) {
                return ask(chain, index + 1, call, empty, none);
              }
              return Uni.createFrom().item(answer == null ? none : answer);
            });
  }
}
