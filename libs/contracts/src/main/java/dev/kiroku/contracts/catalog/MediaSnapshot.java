package dev.kiroku.contracts.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The full state of one catalog media item: the payload of {@code MediaUpserted} on {@code
 * catalog.media.v1} (key = {@link #id()}), so consumers (search-service, progress-service's local
 * projection) can rebuild from the compacted topic alone. Fields a provider does not give are
 * {@code null} (scalars) or empty (lists, maps). Additive changes only; a breaking change is a new
 * {@code .v2} event type.
 *
 * @param id canonical Kiroku media id
 * @param type media type
 * @param slug URL slug, unique per type, e.g. {@code "cowboy-bebop"}
 * @param titles every known title
 * @param synopsis plain text, may be null
 * @param images image URLs
 * @param startDate first release or air date
 * @param endDate last release or air date; null while releasing
 * @param status release status
 * @param format provider format mapped to Kiroku's words, e.g. {@code TV}, {@code OVA}, {@code
 *     MOVIE}, {@code ONA}, {@code SPECIAL}, {@code MANGA}, {@code NOVEL}, {@code ONE_SHOT}; null
 *     when unknown
 * @param genres genre names, e.g. {@code ["Action", "Sci-Fi"]}
 * @param themes theme names (Jikan themes, IGDB themes)
 * @param studios animation studios
 * @param companies production companies, networks, developers and publishers
 * @param authors authors, artists, hosts
 * @param platforms game platforms, e.g. {@code ["PlayStation 4", "PC (Microsoft Windows)"]}
 * @param counts units fitting the type (episodes, chapters, pages, ...)
 * @param popularity 0-100, relative popularity within the provider (higher is more popular)
 * @param averageScore 0-100, the provider's average user score
 * @param externalIds provider ids by {@link ExternalSource#key()}, e.g. {@code {"mal": "1",
 *     "anilist": "1"}}
 * @param sourceProvider the provider this snapshot was last filled from, e.g. {@code "jikan"},
 *     {@code "tmdb"}, {@code "dataset:anime-csv"}
 * @param lastRefreshedAt when the item was last fetched from its provider
 * @param seasons TV seasons in order (season 0 = specials); empty for other types
 */
public record MediaSnapshot(
    UUID id,
    MediaType type,
    String slug,
    Titles titles,
    String synopsis,
    Images images,
    LocalDate startDate,
    LocalDate endDate,
    ReleaseStatus status,
    String format,
    List<String> genres,
    List<String> themes,
    List<String> studios,
    List<String> companies,
    List<String> authors,
    List<String> platforms,
    Counts counts,
    Integer popularity,
    Integer averageScore,
    Map<String, String> externalIds,
    String sourceProvider,
    Instant lastRefreshedAt,
    List<SeasonSummary> seasons) {

  /**
   * Titles of an item.
   *
   * @param canonical the display title (never null)
   * @param english English title
   * @param nativeTitle title in the original script, e.g. {@code "カウボーイビバップ"}
   * @param romanized romanized title, e.g. {@code "Shingeki no Kyojin"}
   * @param synonyms other known titles
   */
  public record Titles(
      String canonical,
      String english,
      String nativeTitle,
      String romanized,
      List<String> synonyms) {}

  /**
   * Image URLs (absolute).
   *
   * @param poster cover or poster
   * @param banner wide backdrop or banner
   */
  public record Images(String poster, String banner) {}

  /**
   * Units fitting the media type; null when unknown or not applicable.
   *
   * @param episodes total episodes (anime, TV, podcast); null while unknown
   * @param airedEpisodes episodes aired so far (anime, TV, podcast)
   * @param seasons number of regular seasons, specials excluded (TV)
   * @param chapters total chapters (manga)
   * @param volumes total volumes (manga)
   * @param pages page count (books)
   * @param runtimeMinutes runtime in minutes (movie; per episode for anime and TV)
   */
  public record Counts(
      Integer episodes,
      Integer airedEpisodes,
      Integer seasons,
      Integer chapters,
      Integer volumes,
      Integer pages,
      Integer runtimeMinutes) {}

  /**
   * One TV season.
   *
   * @param number season number; 0 = specials
   * @param title season title, e.g. {@code "Season 1"}
   * @param episodeCount episodes in the season
   * @param airedEpisodeCount episodes of the season aired so far (episodes with an air date not
   *     after the snapshot's {@code lastRefreshedAt}); equals {@code episodeCount} when finished
   * @param airDate first air date
   */
  public record SeasonSummary(
      int number,
      String title,
      Integer episodeCount,
      Integer airedEpisodeCount,
      LocalDate airDate) {}
}
