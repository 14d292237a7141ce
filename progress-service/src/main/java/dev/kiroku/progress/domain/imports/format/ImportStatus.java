package dev.kiroku.progress.domain.imports.format;

import dev.kiroku.contracts.catalog.MediaType;

/**
 * A library entry's status in Kiroku's terms, as read from an import file. Same names as the
 * library-entry API ({@code PLANNING}, {@code WATCHING}, ...). Kept in this package so the parsers
 * depend on nothing else in progress-service; the import job maps it by name.
 */
public enum ImportStatus {
  PLANNING,
  WATCHING,
  READING,
  PLAYING,
  LISTENING,
  COMPLETED,
  PAUSED,
  DROPPED;

  /**
   * The active status that fits a media type: {@link #WATCHING} for anime, TV and movies, {@link
   * #READING} for manga and books, {@link #PLAYING} for games, {@link #LISTENING} for podcasts.
   */
  public static ImportStatus activeFor(MediaType type) {
    return switch (type) {
      case ANIME, TV, MOVIE -> WATCHING;
      case MANGA, BOOK -> READING;
      case GAME -> PLAYING;
      case PODCAST -> LISTENING;
    };
  }
}
