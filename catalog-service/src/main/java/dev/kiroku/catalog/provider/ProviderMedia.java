package dev.kiroku.catalog.provider;

import dev.kiroku.contracts.catalog.MediaSnapshot;
import java.time.LocalDate;
import java.util.List;

/**
 * What a provider knows about one item, already mapped to the canonical model.
 *
 * @param media the item as a snapshot with {@code id} and {@code slug} null (catalog-service
 *     assigns them); {@code externalIds} holds at least the provider's own id; {@code
 *     sourceProvider} is the provider's {@link MediaProvider#name()}; {@code lastRefreshedAt} is
 *     the fetch time
 * @param episodes every episode the provider listed (anime, TV, podcasts), in order; empty for
 *     other types and for search results
 * @param complete true for a full {@link MediaProvider#fetch} result, false for a search summary
 *     (which must not overwrite richer stored data)
 */
public record ProviderMedia(MediaSnapshot media, List<Episode> episodes, boolean complete) {

  /**
   * One episode.
   *
   * @param seasonNumber TV season (0 = specials); null for anime and podcasts
   * @param number episode number within the season (anime: overall number, from 1)
   * @param title episode title, may be null
   * @param airDate first air or release date, may be null
   * @param runtimeMinutes runtime in minutes, may be null
   */
  public record Episode(
      Integer seasonNumber, int number, String title, LocalDate airDate, Integer runtimeMinutes) {}
}
