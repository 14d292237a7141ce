package dev.kiroku.progress.domain.imports.format;

/**
 * Choices a file cannot always make itself.
 *
 * @param aniListScoreFormat the rating scale of AniList {@code score} values when the file does not
 *     state its {@code scoreFormat} (AniList's {@code score} field is in the user's own scale
 *     unless the query asked for {@code score(format: ...)}); null = unknown, and then ratings are
 *     left out with a {@code RATING_SCALE_UNKNOWN} warning rather than guessed. A {@code
 *     scoreFormat} stated in the file always wins.
 */
public record ImportOptions(AniListScoreFormat aniListScoreFormat) {

  /** No choices: AniList ratings need the file to state its scale. */
  public static final ImportOptions DEFAULTS = new ImportOptions(null);
}
