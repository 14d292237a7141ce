package dev.kiroku.progress.domain.imports.format;

import java.util.Locale;
import java.util.Optional;

/** The import formats, with the key used in {@code ?format=} and in reports. */
public enum ImportSource {
  /** MyAnimeList XML export (anime or manga list), plain or gzipped. */
  MAL_XML("mal-xml"),
  /** AniList GraphQL {@code MediaListCollection} response (anime and manga lists). */
  ANILIST_JSON("anilist-json"),
  /** Trakt {@code /sync/watched}, {@code /sync/ratings} or {@code /sync/watchlist} JSON. */
  TRAKT_JSON("trakt-json"),
  /** Goodreads "Export Library" CSV. */
  GOODREADS_CSV("goodreads-csv"),
  /** Kiroku's own export ({@code GET /api/v1/progress/export?format=json}). */
  KIROKU_JSON("kiroku-json");

  private final String key;

  ImportSource(String key) {
    this.key = key;
  }

  /** The format key, e.g. {@code "mal-xml"}. */
  public String key() {
    return key;
  }

  /** The source for a format key ({@code "mal-xml"}, case-insensitive); empty when unknown. */
  public static Optional<ImportSource> fromKey(String key) {
    if (key == null) {
      return Optional.empty();
    }
    String wanted = key.trim().toLowerCase(Locale.ROOT);
    for (ImportSource source : values()) {
      if (source.key.equals(wanted)) {
        return Optional.of(source);
      }
    }
    return Optional.empty();
  }
}
