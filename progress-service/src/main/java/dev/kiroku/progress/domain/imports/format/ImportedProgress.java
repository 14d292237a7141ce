package dev.kiroku.progress.domain.imports.format;

/**
 * How far the user got, in the units the file gives. Every field is null when the file does not say
 * it. Counts, not positions: {@code episode = 12} means twelve episodes watched (MAL, AniList),
 * except for Trakt where {@code season}/{@code episode} is the last watched episode (the highest
 * season with a watched episode, and the highest episode number watched in it).
 *
 * @param season season number (Trakt shows)
 * @param episode episodes watched (MAL {@code my_watched_episodes}, AniList anime {@code
 *     progress}), or the last watched episode number in {@code season} (Trakt)
 * @param chapter chapters read (MAL {@code my_read_chapters}, AniList manga {@code progress})
 * @param volume volumes read (MAL {@code my_read_volumes}, AniList {@code progressVolumes})
 * @param page pages read (no supported format has it yet; Goodreads' "Number of Pages" is the
 *     book's length, not progress)
 */
public record ImportedProgress(
    Integer season, Integer episode, Integer chapter, Integer volume, Integer page) {

  /** No progress stated. */
  public static final ImportedProgress NONE = new ImportedProgress(null, null, null, null, null);

  /** True when no field is set. */
  public boolean isEmpty() {
    return season == null && episode == null && chapter == null && volume == null && page == null;
  }
}
