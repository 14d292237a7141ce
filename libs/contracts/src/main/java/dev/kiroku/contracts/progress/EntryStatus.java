package dev.kiroku.contracts.progress;

import dev.kiroku.contracts.catalog.MediaType;
import java.util.Optional;

/**
 * Status of a library entry. Serialized by name, e.g. {@code "WATCHING"}. The active status must
 * fit the media type: {@link #WATCHING} for anime, TV and movies, {@link #READING} for manga and
 * books, {@link #PLAYING} for games, {@link #LISTENING} for podcasts ({@link #activeFor}).
 */
public enum EntryStatus {
  PLANNING,
  WATCHING,
  READING,
  PLAYING,
  LISTENING,
  COMPLETED,
  PAUSED,
  DROPPED;

  /** Whether this is one of the active statuses (watching, reading, playing, listening). */
  public boolean isActive() {
    return this == WATCHING || this == READING || this == PLAYING || this == LISTENING;
  }

  /** The one active status that fits {@code type}. */
  public static EntryStatus activeFor(MediaType type) {
    return switch (type) {
      case ANIME, TV, MOVIE -> WATCHING;
      case MANGA, BOOK -> READING;
      case GAME -> PLAYING;
      case PODCAST -> LISTENING;
    };
  }

  /** The status named {@code name} (exact, upper case), or empty. */
  public static Optional<EntryStatus> fromName(String name) {
    for (EntryStatus status : values()) {
      if (status.name().equals(name)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
