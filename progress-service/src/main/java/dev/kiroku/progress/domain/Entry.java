package dev.kiroku.progress.domain;

import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.progress.EntryStatus;
import dev.kiroku.contracts.progress.MediaSummary;
import dev.kiroku.contracts.progress.Progress;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One library entry as stored in {@code library_entry} (a mutable working copy: the service copies
 * the stored row, applies a request, and writes the result with {@code version + 1}).
 */
public final class Entry {
  public UUID id;
  public String userId;
  public UUID mediaId;
  public MediaType mediaType;
  public EntryStatus status;

  /** Current position; for anime, TV, manga chapters and podcasts derived from the history. */
  public Progress progress = Progress.NONE;

  /** Completed repeats. */
  public int repeatCount;

  public boolean repeating;
  public LocalDate lastRepeatedAt;
  public LocalDate startedAt;
  public LocalDate completedAt;

  /** 0-100, null when unrated. */
  public Integer rating;

  public String reviewText;
  public boolean reviewSpoiler;
  public Visibility reviewVisibility = Visibility.PUBLIC;
  public Instant reviewedAt;
  public String notes;
  public boolean privateEntry;
  public long version;
  public Instant createdAt;
  public Instant updatedAt;

  /**
   * A new entry (not stored yet): status {@code PLANNING}, version 0, a random id, created and
   * updated at {@code now}.
   */
  public static Entry create(String userId, MediaSummary media, Instant now) {
    Entry e = new Entry();
    e.id = UUID.randomUUID();
    e.userId = userId;
    e.mediaId = media.id();
    e.mediaType = media.type();
    e.status = EntryStatus.PLANNING;
    e.createdAt = now;
    e.updatedAt = now;
    return e;
  }

  /** The repeat number of the current run through the media: 0 the first time. */
  public int currentRun() {
    return repeatCount + (repeating ? 1 : 0);
  }

  public Entry copy() {
    Entry c = new Entry();
    c.id = id;
    c.userId = userId;
    c.mediaId = mediaId;
    c.mediaType = mediaType;
    c.status = status;
    c.progress = progress;
    c.repeatCount = repeatCount;
    c.repeating = repeating;
    c.lastRepeatedAt = lastRepeatedAt;
    c.startedAt = startedAt;
    c.completedAt = completedAt;
    c.rating = rating;
    c.reviewText = reviewText;
    c.reviewSpoiler = reviewSpoiler;
    c.reviewVisibility = reviewVisibility;
    c.reviewedAt = reviewedAt;
    c.notes = notes;
    c.privateEntry = privateEntry;
    c.version = version;
    c.createdAt = createdAt;
    c.updatedAt = updatedAt;
    return c;
  }

  /** Whether status, progress, dates, repeats, notes or the private flag differ. */
  public boolean entryFieldsDiffer(Entry o) {
    return status != o.status
        || !progress.equals(o.progress)
        || repeatCount != o.repeatCount
        || repeating != o.repeating
        || !java.util.Objects.equals(lastRepeatedAt, o.lastRepeatedAt)
        || !java.util.Objects.equals(startedAt, o.startedAt)
        || !java.util.Objects.equals(completedAt, o.completedAt)
        || !java.util.Objects.equals(notes, o.notes)
        || privateEntry != o.privateEntry;
  }

  public boolean reviewDiffers(Entry o) {
    return !java.util.Objects.equals(reviewText, o.reviewText)
        || reviewSpoiler != o.reviewSpoiler
        || reviewVisibility != o.reviewVisibility;
  }
}
