package dev.kiroku.contracts.catalog;

import java.util.Locale;
import java.util.Optional;

/**
 * Where an external id comes from. Provider ids are reference data on a catalog item, never keys in
 * other services. {@link #key()} is the lower-case form used in URLs ({@code
 * /media/by-external/mal/1}) and as the key of {@link MediaSnapshot#externalIds()}.
 *
 * <p>Some sources number different media types separately (a MAL anime and a MAL manga can share an
 * id; so can a TMDB movie and a TMDB TV show): an external id is unique per media type, not across
 * types.
 */
public enum ExternalSource {
  MAL,
  ANILIST,
  KITSU,
  TMDB,
  IMDB,
  TVDB,
  IGDB,
  HARDCOVER,
  ISBN,
  ITUNES,
  GOODREADS,
  GOOGLE_BOOKS;

  /** Lower-case key, e.g. {@code "mal"}, {@code "google_books"}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The source for a key, ignoring case ({@code "MAL"}, {@code "mal"}); empty for an unknown key.
   */
  public static Optional<ExternalSource> fromKey(String key) {
    if (key == null) {
      return Optional.empty();
    }
    for (ExternalSource source : values()) {
      if (source.name().equalsIgnoreCase(key)) {
        return Optional.of(source);
      }
    }
    return Optional.empty();
  }
}
