package dev.kiroku.progress.domain;

import dev.kiroku.contracts.progress.MediaSummary;

/**
 * A library entry with what it is shown with: its media item (null when the catalog projection does
 * not know it) and the reader's rating scale.
 *
 * @param created true when the write that produced it created the entry
 */
public record EntryResult(Entry entry, MediaSummary media, RatingScale scale, boolean created) {

  /** An entry that was read, not written. */
  public static EntryResult read(Entry entry, MediaSummary media, RatingScale scale) {
    return new EntryResult(entry, media, scale, false);
  }
}
