package dev.kiroku.progress.domain.imports.format;

import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.catalog.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of an import file, in neutral terms, before any catalog lookup. Produced by an {@link
 * ImportFormat}; the import job resolves {@link #externalIds()} to a catalog media item and turns
 * the rest into a library entry.
 *
 * @param recordNumber 1-based position of the row among the file's rows (MAL: the n-th {@code
 *     <anime>}/{@code <manga>}; AniList: the n-th list entry; Trakt: the n-th array item;
 *     Goodreads: the n-th data record after the header)
 * @param line 1-based line of the file where the row starts (for a gzipped file, a line of the
 *     decompressed text), or 0 when unknown
 * @param source the format the row came from
 * @param mediaType the media type, or null when the file does not say (then {@link #problems()} has
 *     an {@code UNKNOWN_MEDIA_TYPE} error)
 * @param externalIds provider ids as strings by source, e.g. {@code MAL → "48"}, {@code ANILIST →
 *     "11759"}, {@code IMDB → "tt0110912"}, {@code ISBN → "9780756404734"} (always ISBN-13: an
 *     ISBN-10 alone is converted), {@code GOODREADS → "1215032"}; unmodifiable
 * @param otherIds ids whose source {@link ExternalSource} does not (yet) name: {@code "trakt"}
 *     (Trakt numeric id), {@code "trakt_slug"}, {@code "isbn10"} (as written in the file);
 *     unmodifiable
 * @param title the title as written in the file, for reports only (never used to match)
 * @param status the status in Kiroku's terms, or null when the format does not state one (Trakt
 *     ratings) or the file's value is unknown (then with an {@code UNKNOWN_STATUS} error)
 * @param repeating true when the user is rewatching/rereading right now
 * @param repeatCount completed repeats (rewatches, rereads), 0 when none
 * @param progress how far the user got; {@link ImportedProgress#NONE} when the file has nothing
 * @param rating the user's rating on Kiroku's 0-100 scale, or null when unrated
 * @param startedAt when the user started, or null (MAL {@code 0000-00-00})
 * @param completedAt when the user finished, or null
 * @param addedAt when the item was added to the source list (Goodreads "Date Added" at 00:00 UTC,
 *     Trakt watchlist {@code listed_at}, AniList {@code createdAt}), or null
 * @param updatedAt when the source last changed this row (AniList {@code updatedAt}, Trakt {@code
 *     last_updated_at}/{@code rated_at}/{@code listed_at}), or null; for {@code mode=merge}
 * @param notes private notes, or null
 * @param review review text, or null
 * @param reviewSpoiler true when the source marks the review as containing spoilers
 * @param tags the user's tags or shelves, in file order, without duplicates; unmodifiable
 * @param episodes per-episode watch history (Trakt shows), empty otherwise; unmodifiable
 * @param problems what could not be used; unmodifiable
 * @param kiroku what only Kiroku's own export carries; null for every other format
 */
public record ImportedEntry(
    long recordNumber,
    long line,
    ImportSource source,
    MediaType mediaType,
    Map<ExternalSource, String> externalIds,
    Map<String, String> otherIds,
    String title,
    ImportStatus status,
    boolean repeating,
    int repeatCount,
    ImportedProgress progress,
    Integer rating,
    PartialDate startedAt,
    PartialDate completedAt,
    Instant addedAt,
    Instant updatedAt,
    String notes,
    String review,
    boolean reviewSpoiler,
    List<String> tags,
    List<WatchedEpisode> episodes,
    List<RowProblem> problems,
    KirokuDetails kiroku) {

  public ImportedEntry {
    externalIds =
        externalIds.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(externalIds));
    otherIds = Collections.unmodifiableMap(new LinkedHashMap<>(otherIds));
    tags = List.copyOf(tags);
    episodes = List.copyOf(episodes);
    problems = List.copyOf(problems);
    progress = progress == null ? ImportedProgress.NONE : progress;
  }

  /** True when no {@link RowProblem.Severity#ERROR} problem stops this row from being imported. */
  public boolean importable() {
    return problems.stream().noneMatch(p -> p.severity() == RowProblem.Severity.ERROR);
  }

  /** The id for a source, or null. */
  public String externalId(ExternalSource source) {
    return externalIds.get(source);
  }

  /** A builder for a row at the given position. */
  public static Builder builder(ImportSource source, long recordNumber, long line) {
    return new Builder(source, recordNumber, line);
  }

  /** Mutable builder used by the parsers. */
  public static final class Builder {
    private final ImportSource source;
    private final long recordNumber;
    private final long line;
    private MediaType mediaType;
    private final Map<ExternalSource, String> externalIds = new EnumMap<>(ExternalSource.class);
    private final Map<String, String> otherIds = new LinkedHashMap<>();
    private String title;
    private ImportStatus status;
    private boolean repeating;
    private int repeatCount;
    private Integer season;
    private Integer episode;
    private Integer chapter;
    private Integer volume;
    private Integer page;
    private Integer rating;
    private PartialDate startedAt;
    private PartialDate completedAt;
    private Instant addedAt;
    private Instant updatedAt;
    private String notes;
    private String review;
    private boolean reviewSpoiler;
    private final List<String> tags = new ArrayList<>();
    private final List<WatchedEpisode> episodes = new ArrayList<>();
    private final List<RowProblem> problems = new ArrayList<>();
    private KirokuDetails kiroku;

    private Builder(ImportSource source, long recordNumber, long line) {
      this.source = source;
      this.recordNumber = recordNumber;
      this.line = line;
    }

    public Builder mediaType(MediaType value) {
      this.mediaType = value;
      return this;
    }

    public MediaType mediaType() {
      return mediaType;
    }

    /** Sets an id; blank values are ignored. */
    public Builder externalId(ExternalSource key, String value) {
      if (value != null && !value.isBlank()) {
        externalIds.put(key, value.trim());
      }
      return this;
    }

    /** Sets an id {@link ExternalSource} has no constant for; blank values are ignored. */
    public Builder otherId(String key, String value) {
      if (value != null && !value.isBlank()) {
        otherIds.put(key, value.trim());
      }
      return this;
    }

    public boolean hasAnyId() {
      return !externalIds.isEmpty() || !otherIds.isEmpty();
    }

    public Builder title(String value) {
      this.title = value;
      return this;
    }

    public Builder status(ImportStatus value) {
      this.status = value;
      return this;
    }

    public ImportStatus status() {
      return status;
    }

    public Builder repeating(boolean value) {
      this.repeating = value;
      return this;
    }

    public Builder repeatCount(int value) {
      this.repeatCount = value;
      return this;
    }

    public Builder season(Integer value) {
      this.season = value;
      return this;
    }

    public Builder episode(Integer value) {
      this.episode = value;
      return this;
    }

    public Builder chapter(Integer value) {
      this.chapter = value;
      return this;
    }

    public Builder volume(Integer value) {
      this.volume = value;
      return this;
    }

    public Builder page(Integer value) {
      this.page = value;
      return this;
    }

    public Builder rating(Integer value) {
      this.rating = value;
      return this;
    }

    public Builder startedAt(PartialDate value) {
      this.startedAt = value;
      return this;
    }

    public Builder completedAt(PartialDate value) {
      this.completedAt = value;
      return this;
    }

    public Builder addedAt(Instant value) {
      this.addedAt = value;
      return this;
    }

    public Builder updatedAt(Instant value) {
      this.updatedAt = value;
      return this;
    }

    /** Sets the notes; blank text counts as none. */
    public Builder notes(String value) {
      this.notes = blankToNull(value);
      return this;
    }

    /** Sets the review; blank text counts as none. */
    public Builder review(String value) {
      this.review = blankToNull(value);
      return this;
    }

    public Builder reviewSpoiler(boolean value) {
      this.reviewSpoiler = value;
      return this;
    }

    /** Adds a tag (trimmed); blank and repeated tags are ignored. */
    public Builder tag(String value) {
      if (value != null) {
        String tag = value.trim();
        if (!tag.isEmpty() && !tags.contains(tag)) {
          tags.add(tag);
        }
      }
      return this;
    }

    public Builder episodeWatched(WatchedEpisode value) {
      episodes.add(value);
      return this;
    }

    public Builder problem(RowProblem value) {
      problems.add(value);
      return this;
    }

    public Builder kiroku(KirokuDetails value) {
      this.kiroku = value;
      return this;
    }

    public ImportedEntry build() {
      ImportedProgress progress =
          season == null && episode == null && chapter == null && volume == null && page == null
              ? ImportedProgress.NONE
              : new ImportedProgress(season, episode, chapter, volume, page);
      return new ImportedEntry(
          recordNumber,
          line,
          source,
          mediaType,
          externalIds,
          otherIds,
          title,
          status,
          repeating,
          repeatCount,
          progress,
          rating,
          startedAt,
          completedAt,
          addedAt,
          updatedAt,
          notes,
          review,
          reviewSpoiler,
          tags,
          episodes,
          problems,
          kiroku);
    }

    private static String blankToNull(String value) {
      return value == null || value.isBlank() ? null : value;
    }
  }
}
