package dev.kiroku.progress.domain.export;

import dev.kiroku.contracts.progress.Progress;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;
import java.util.UUID;

/**
 * One library entry as exported: what {@code library_entry}, {@code episode_history}, {@code
 * media_projection} and {@code media_projection_external_id} hold about it, minus the bookkeeping
 * an import cannot reproduce (user id, entry id, version, {@code updatedAt}).
 *
 * @param mediaId internal (catalog) media id
 * @param mediaType {@code MediaType} name, from the projection (the entry's own type if the
 *     projection lost the item)
 * @param title {@code MediaSummary.title}; null when the projection does not know the item
 * @param externalIds provider ids by {@code ExternalSource.key()}, sorted by key; empty when none
 * @param status {@code EntryStatus} name
 * @param progress current position; fields that do not fit the type are null
 * @param repeatCount completed repeats
 * @param repeating whether a repeat is under way
 * @param lastRepeatedAt day the last repeat was completed
 * @param startedAt day the first run started
 * @param completedAt day the first run was completed
 * @param addedAt when the entry was created ({@code library_entry.created_at})
 * @param rating 0-100 score; null when unrated
 * @param review null when there is no review text
 * @param notes private notes
 * @param privateEntry hidden from everyone else
 * @param history watched episodes (chapters for manga), sorted by repeat, season, number
 */
public record ExportedEntry(
    UUID mediaId,
    String mediaType,
    String title,
    SortedMap<String, String> externalIds,
    String status,
    Progress progress,
    int repeatCount,
    boolean repeating,
    LocalDate lastRepeatedAt,
    LocalDate startedAt,
    LocalDate completedAt,
    Instant addedAt,
    Integer rating,
    Review review,
    String notes,
    boolean privateEntry,
    List<Watched> history) {

  /**
   * @param text review text
   * @param spoiler whether it reveals the plot
   * @param visibility {@code Visibility} name: PUBLIC, FOLLOWERS or PRIVATE
   * @param reviewedAt when the text last changed; null if never recorded
   */
  public record Review(String text, boolean spoiler, String visibility, Instant reviewedAt) {}

  /**
   * One {@code episode_history} row.
   *
   * @param repeat 0 = first run, n = n-th repeat
   * @param season TV season (0 = specials); 1 for types without seasons
   * @param number episode number (chapter for manga)
   * @param watchedAt when it was watched or read
   */
  public record Watched(int repeat, int season, int number, Instant watchedAt) {}
}
