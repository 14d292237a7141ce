package dev.kiroku.catalog.provider;

import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * A book provider that can also find a book by ISBN (Hardcover, Google Books); {@link
 * MediaProviders#fetch} sends {@code isbn} ids through these.
 */
public interface IsbnLookup {

  /**
   * Fetches the book with this ISBN.
   *
   * @param isbn ISBN-13 or ISBN-10, digits (and a final {@code X}) only
   * @return empty when the provider has no such book; failures as in {@link MediaProvider}
   */
  Uni<Optional<ProviderMedia>> fetchByIsbn(String isbn);
}
