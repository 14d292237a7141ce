package dev.kiroku.contracts.catalog;

/**
 * Where a media item is in its release. Providers' own values are mapped onto these (e.g. Jikan
 * {@code "Currently Airing"} → {@link #RELEASING}, TMDB {@code "Returning Series"} → {@link
 * #RELEASING}, {@code "Ended"} → {@link #FINISHED}).
 */
public enum ReleaseStatus {
  /** Announced, not out yet. */
  NOT_YET_RELEASED,
  /** Airing, publishing or in early access. */
  RELEASING,
  /** Complete. */
  FINISHED,
  /** On a break with more announced or expected. */
  HIATUS,
  /** Stopped before it was finished. */
  CANCELLED,
  /** The provider does not say. */
  UNKNOWN
}
