package dev.kiroku.contracts.catalog;

/** The kinds of media Kiroku tracks. Serialized by name, e.g. {@code "ANIME"}. */
public enum MediaType {
  ANIME,
  MANGA,
  TV,
  MOVIE,
  GAME,
  BOOK,
  PODCAST
}
