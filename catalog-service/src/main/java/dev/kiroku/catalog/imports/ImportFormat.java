package dev.kiroku.catalog.imports;

import java.util.Optional;

/** Dataset formats {@code POST /admin/imports?format=} accepts. */
public enum ImportFormat {
  /** Kaggle "Anime Recommendations Database" anime.csv (MAL ids); part {@code file}. */
  ANIME_CSV("anime-csv", "dataset:anime-csv"),
  /**
   * MovieLens movies.csv with links.csv (TMDB and IMDb ids); parts {@code movies}, {@code links}.
   */
  MOVIELENS("movielens", "dataset:movielens"),
  /** goodbooks-10k books.csv (Goodreads ids, ISBN); part {@code file}. */
  GOODBOOKS_CSV("goodbooks-csv", "dataset:goodbooks-csv");

  private final String key;
  private final String sourceProvider;

  ImportFormat(String key, String sourceProvider) {
    this.key = key;
    this.sourceProvider = sourceProvider;
  }

  /** The value of the {@code format} query parameter. */
  public String key() {
    return key;
  }

  /** {@code sourceProvider} of items this dataset created, e.g. {@code dataset:anime-csv}. */
  public String sourceProvider() {
    return sourceProvider;
  }

  public static Optional<ImportFormat> fromKey(String key) {
    for (ImportFormat format : values()) {
      if (format.key.equals(key)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }
}
