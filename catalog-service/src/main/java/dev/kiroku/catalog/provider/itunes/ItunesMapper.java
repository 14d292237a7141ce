package dev.kiroku.catalog.provider.itunes;

import static dev.kiroku.catalog.provider.support.Json.at;
import static dev.kiroku.catalog.provider.support.Json.date;
import static dev.kiroku.catalog.provider.support.Json.integer;
import static dev.kiroku.catalog.provider.support.Json.longValue;
import static dev.kiroku.catalog.provider.support.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroku.catalog.provider.ProviderMedia;
import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.catalog.ReleaseStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Maps iTunes Search API results to the canonical model. A podcast is a result with {@code
 * wrapperType} "track" and {@code kind} "podcast"; its episodes are the results with {@code
 * wrapperType} "podcastEpisode".
 *
 * <ul>
 *   <li>titles: canonical ← {@code collectionName}
 *   <li>synopsis ← {@code description} when Apple gives one (lookups usually do not)
 *   <li>images.poster ← {@code artworkUrl600} (else {@code artworkUrl100})
 *   <li>no start or end date ({@code releaseDate} is the newest episode's date); status UNKNOWN
 *       (Apple does not say whether a show still runs); format PODCAST
 *   <li>genres ← {@code genres} without the umbrella "Podcasts" (primary genre first)
 *   <li>authors ← {@code artistName}
 *   <li>counts: episodes and aired episodes ← {@code trackCount} (every listed episode is out)
 *   <li>no score or popularity (the API has none)
 *   <li>externalIds ← {@code {"itunes": collectionId}}
 *   <li>episodes ← the {@code podcastEpisode} results, oldest first: title ← {@code trackName}, air
 *       date ← {@code releaseDate}, runtime ← {@code trackTimeMillis} / 60,000 rounded; number:
 *       Apple has no episode numbers, so the newest listed episode is number {@code trackCount} and
 *       each older one is one less (the lookup lists only the newest 200)
 * </ul>
 */
public final class ItunesMapper {

  /** The provider name written to {@code sourceProvider}. */
  public static final String NAME = "itunes";

  private final Clock clock;

  public ItunesMapper(Clock clock) {
    this.clock = clock;
  }

  /** Maps the podcasts of a search or lookup response. */
  public List<ProviderMedia> mapSearch(JsonNode body) {
    List<ProviderMedia> results = new ArrayList<>();
    LinkedHashSet<Long> seen = new LinkedHashSet<>();
    for (JsonNode result : at(body, "results")) {
      if (!isPodcast(result)) {
        continue;
      }
      Long id = longValue(result, "collectionId");
      if (id == null || text(result, "collectionName") == null || !seen.add(id)) {
        continue;
      }
      results.add(new ProviderMedia(snapshot(result, id), List.of(), false));
    }
    return results;
  }

  /** Maps a lookup with episodes; null when it holds no podcast. */
  public ProviderMedia mapLookup(JsonNode body) {
    JsonNode podcast = null;
    List<JsonNode> episodeResults = new ArrayList<>();
    for (JsonNode result : at(body, "results")) {
      if (podcast == null && isPodcast(result)) {
        podcast = result;
      } else if ("podcastEpisode".equals(text(result, "wrapperType"))) {
        episodeResults.add(result);
      }
    }
    if (podcast == null
        || text(podcast, "collectionName") == null
        || longValue(podcast, "collectionId") == null) {
      return null;
    }
    episodeResults.sort(
        Comparator.comparing((JsonNode e) -> String.valueOf(text(e, "releaseDate"))).reversed());
    Integer trackCount = integer(podcast, "trackCount");
    int newest = Math.max(trackCount == null ? 0 : trackCount, episodeResults.size());
    List<ProviderMedia.Episode> episodes = new ArrayList<>();
    for (int i = episodeResults.size() - 1; i >= 0; i--) {
      JsonNode e = episodeResults.get(i);
      Long millis = longValue(e, "trackTimeMillis");
      episodes.add(
          new ProviderMedia.Episode(
              null,
              newest - i,
              text(e, "trackName"),
              date(text(e, "releaseDate")),
              millis == null || millis <= 0
                  ? null
                  : (int) Math.max(1, Math.round(millis / 60_000.0))));
    }
    return new ProviderMedia(snapshot(podcast, longValue(podcast, "collectionId")), episodes, true);
  }

  private static boolean isPodcast(JsonNode result) {
    return "podcast".equals(text(result, "kind"))
        && !"podcastEpisode".equals(text(result, "wrapperType"));
  }

  private MediaSnapshot snapshot(JsonNode p, long id) {
    Instant now = clock.instant();
    LinkedHashSet<String> genres = new LinkedHashSet<>();
    String primary = text(p, "primaryGenreName");
    if (primary != null) {
      genres.add(primary);
    }
    for (JsonNode genre : at(p, "genres")) {
      String name = genre.isObject() ? text(genre, "name") : text(genre);
      if (name != null) {
        genres.add(name);
      }
    }
    genres.remove("Podcasts");
    String poster = text(p, "artworkUrl600");
    if (poster == null) {
      poster = text(p, "artworkUrl100");
    }
    Integer trackCount = integer(p, "trackCount");
    Map<String, String> externalIds = new LinkedHashMap<>();
    externalIds.put(ExternalSource.ITUNES.key(), String.valueOf(id));
    String artist = text(p, "artistName");
    return new MediaSnapshot(
        null,
        MediaType.PODCAST,
        null,
        new MediaSnapshot.Titles(text(p, "collectionName"), null, null, null, List.of()),
        text(p, "description"),
        new MediaSnapshot.Images(poster, null),
        null,
        null,
        ReleaseStatus.UNKNOWN,
        "PODCAST",
        List.copyOf(genres),
        List.of(),
        List.of(),
        List.of(),
        artist == null ? List.of() : List.of(artist),
        List.of(),
        new MediaSnapshot.Counts(trackCount, trackCount, null, null, null, null, null),
        null,
        null,
        externalIds,
        NAME,
        now,
        List.of());
  }
}
