package dev.kiroku.catalog.domain;

/**
 * How much an upsert knows about an item, stored as {@code media.detail}. Richer data is never
 * overwritten by poorer data: a lower level only fills fields the stored item lacks.
 */
public enum DetailLevel {
  /** A row of a bulk dataset (anime.csv, MovieLens, goodbooks-10k). */
  DATASET(1),
  /** A provider search result: a summary. */
  SUMMARY(2),
  /** A full provider fetch (details and episodes). */
  COMPLETE(3);

  private final int rank;

  DetailLevel(int rank) {
    this.rank = rank;
  }

  /** Stored value, 1-3. */
  public int rank() {
    return rank;
  }

  /** The level for a stored rank. */
  public static DetailLevel ofRank(int rank) {
    for (DetailLevel level : values()) {
      if (level.rank == rank) {
        return level;
      }
    }
    throw new IllegalArgumentException("unknown detail rank " + rank);
  }
}
