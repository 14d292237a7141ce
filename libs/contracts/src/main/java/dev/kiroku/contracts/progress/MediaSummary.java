package dev.kiroku.contracts.progress;

import dev.kiroku.contracts.catalog.MediaType;
import java.util.List;
import java.util.UUID;

/**
 * The snapshot of a media item carried by every progress event, so consumers need no synchronous
 * call to catalog-service. Taken from progress-service's projection of {@code catalog.media.v1}
 * ({@code dev.kiroku.contracts.catalog.MediaSnapshot}) at the time of the change.
 *
 * @param id canonical media id
 * @param type media type
 * @param title display title ({@code MediaSnapshot.titles.canonical})
 * @param genres genre names
 * @param episodes total episodes (anime, TV, podcast); null when unknown
 * @param airedEpisodes episodes aired so far; null when unknown
 * @param chapters total chapters (manga); null when unknown
 * @param volumes total volumes (manga); null when unknown
 * @param pages page count (books); null when unknown
 * @param seasons TV seasons (season 0 = specials); empty for other types
 */
public record MediaSummary(
    UUID id,
    MediaType type,
    String title,
    List<String> genres,
    Integer episodes,
    Integer airedEpisodes,
    Integer chapters,
    Integer volumes,
    Integer pages,
    List<Season> seasons) {

  /**
   * One TV season's episode totals.
   *
   * @param number season number; 0 = specials
   * @param episodeCount episodes in the season; null when unknown
   * @param airedEpisodeCount episodes aired so far; null when unknown
   */
  public record Season(int number, Integer episodeCount, Integer airedEpisodeCount) {}
}
