package dev.kiroku.contracts.progress;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Payload of {@code EpisodesWatched} on {@code progress.events.v1} (key = user id): episodes (or
 * chapters) recorded in, or removed from, an entry's history.
 *
 * @param entryId library entry id
 * @param userId owner (OIDC {@code sub})
 * @param media snapshot of the media item
 * @param units the episodes or chapters marked or unmarked, in order
 * @param unmarked {@code false} when they were marked watched, {@code true} when unmarked
 * @param repeat repeat number they belong to (0 = first time through)
 * @param privateEntry whether the entry is hidden from everyone but its owner
 * @param version entry version after the change
 * @param occurredAt when the change was committed
 */
public record EpisodesWatched(
    UUID entryId,
    String userId,
    MediaSummary media,
    List<Unit> units,
    boolean unmarked,
    int repeat,
    boolean privateEntry,
    long version,
    Instant occurredAt) {

  /**
   * One episode or chapter.
   *
   * @param season TV season (null for other types)
   * @param number episode or chapter number
   * @param watchedAt when it was watched (null when unmarked)
   */
  public record Unit(Integer season, int number, Instant watchedAt) {}
}
