package dev.kiroku.catalog.provider.jikan;

import static dev.kiroku.catalog.provider.support.Json.at;
import static dev.kiroku.catalog.provider.support.Json.date;
import static dev.kiroku.catalog.provider.support.Json.decimal;
import static dev.kiroku.catalog.provider.support.Json.integer;
import static dev.kiroku.catalog.provider.support.Json.longValue;
import static dev.kiroku.catalog.provider.support.Json.names;
import static dev.kiroku.catalog.provider.support.Json.text;
import static dev.kiroku.catalog.provider.support.Json.union;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroku.catalog.provider.ProviderMedia;
import dev.kiroku.catalog.provider.support.Json;
import dev.kiroku.catalog.provider.support.Scores;
import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.catalog.ReleaseStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps Jikan v4 JSON (MyAnimeList data) to the canonical model. Field by field:
 *
 * <ul>
 *   <li>titles: canonical and romanized ← {@code data.title} (MAL's default title is the romanized
 *       one); English ← {@code data.title_english}; native ← {@code data.title_japanese}; synonyms
 *       ← {@code data.title_synonyms} plus {@code data.titles[].title} of other types (e.g. German,
 *       Spanish), without the titles already used
 *   <li>synopsis ← {@code data.synopsis}; images.poster ← {@code data.images.jpg.large_image_url}
 *       (else {@code image_url}); no banner
 *   <li>dates ← {@code data.aired.from/to} (anime), {@code data.published.from/to} (manga)
 *   <li>status ← {@code data.status}: "Currently Airing"/"Publishing" → RELEASING, "Finished
 *       Airing"/"Finished" → FINISHED, "Not yet aired"/"Not yet published" → NOT_YET_RELEASED, "On
 *       Hiatus" → HIATUS, "Discontinued" → CANCELLED, else UNKNOWN
 *   <li>format ← {@code data.type} as a word ("TV" → TV, "Movie" → MOVIE, "One-shot" → ONE_SHOT,
 *       "Light Novel" → LIGHT_NOVEL)
 *   <li>genres ← {@code data.genres[].name} + {@code data.explicit_genres[].name}; themes ← {@code
 *       data.themes[].name} + {@code data.demographics[].name}
 *   <li>studios ← {@code data.studios[].name}; companies ← {@code data.producers[].name} + {@code
 *       data.licensors[].name} (anime), {@code data.serializations[].name} (manga); authors ←
 *       {@code data.authors[].name} (manga, "Family, Given" as MAL writes them)
 *   <li>counts: episodes ← {@code data.episodes}; aired episodes ← the number of listed episodes
 *       whose {@code aired} is not after the fetch (all of {@code data.episodes} when FINISHED);
 *       runtime minutes per episode ← {@code data.duration} ("24 min per ep", "1 hr 55 min");
 *       chapters ← {@code data.chapters}; volumes ← {@code data.volumes}
 *   <li>averageScore ← {@code data.score} (0-10) × 10, rounded; null when MAL has no score
 *   <li>popularity ← {@code data.members} on a log scale: round(100 × log10(1 + members) / log10(1
 *       + 4,000,000)) for anime, ceiling 1,000,000 for manga (MAL's most-followed titles), capped
 *       at 100
 *   <li>externalIds ← {@code {"mal": data.mal_id}}
 *   <li>episodes ← {@code /anime/{id}/episodes} {@code data[]}: number ← {@code mal_id}, title ←
 *       {@code title}, air date ← {@code aired}; runtime is not listed per episode (null)
 * </ul>
 */
public final class JikanMapper {

  /** The provider name written to {@code sourceProvider}. */
  public static final String NAME = "jikan";

  static final double ANIME_MEMBERS_CEILING = 4_000_000;
  static final double MANGA_MEMBERS_CEILING = 1_000_000;
  private static final Pattern HOURS = Pattern.compile("(\\d+)\\s*hr");
  private static final Pattern MINUTES = Pattern.compile("(\\d+)\\s*min");
  private static final Set<String> USED_TITLE_TYPES = Set.of("Default", "Japanese", "English");

  private final Clock clock;

  /**
   * @param clock the clock giving {@code lastRefreshedAt} and "aired so far"
   */
  public JikanMapper(Clock clock) {
    this.clock = clock;
  }

  /**
   * Maps a search or list response ({@code data[]}: {@code /anime?q=}, {@code /manga?q=}, {@code
   * /seasons/...}, {@code /schedules}) to summaries, dropping repeated {@code mal_id}s (Jikan lists
   * some entries twice).
   */
  public List<ProviderMedia> mapList(JsonNode body, MediaType type) {
    List<ProviderMedia> results = new ArrayList<>();
    Set<Long> seen = new LinkedHashSet<>();
    for (JsonNode item : at(body, "data")) {
      Long id = longValue(item, "mal_id");
      if (id == null || !seen.add(id) || text(item, "title") == null) {
        continue;
      }
      results.add(new ProviderMedia(snapshot(item, type, null), List.of(), false));
    }
    return results;
  }

  /**
   * Maps {@code /anime/{id}/full} or {@code /manga/{id}/full} with the anime's episode pages.
   *
   * @param body the details response ({@code {"data": {...}}})
   * @param episodePages the {@code /anime/{id}/episodes} pages in order; empty for manga
   */
  public ProviderMedia mapDetails(JsonNode body, MediaType type, List<JsonNode> episodePages) {
    JsonNode data = at(body, "data");
    List<ProviderMedia.Episode> episodes = new ArrayList<>();
    Set<Integer> numbers = new LinkedHashSet<>();
    for (JsonNode page : episodePages) {
      for (JsonNode episode : at(page, "data")) {
        Integer number = integer(episode, "mal_id");
        if (number == null || !numbers.add(number)) {
          continue;
        }
        episodes.add(
            new ProviderMedia.Episode(
                null, number, text(episode, "title"), date(text(episode, "aired")), null));
      }
    }
    return new ProviderMedia(
        snapshot(data, type, type == MediaType.ANIME ? episodes : null), episodes, true);
  }

  private MediaSnapshot snapshot(JsonNode d, MediaType type, List<ProviderMedia.Episode> episodes) {
    Instant now = clock.instant();
    boolean anime = type == MediaType.ANIME;
    String title = text(d, "title");
    String english = text(d, "title_english");
    String nativeTitle = text(d, "title_japanese");
    LinkedHashSet<String> synonyms = new LinkedHashSet<>(names(at(d, "title_synonyms"), null));
    for (JsonNode t : at(d, "titles")) {
      String kind = text(t, "type");
      String value = text(t, "title");
      if (value != null && (kind == null || !USED_TITLE_TYPES.contains(kind))) {
        synonyms.add(value);
      }
    }
    synonyms.remove(title);
    synonyms.remove(english);
    synonyms.remove(nativeTitle);

    String poster = text(d, "images", "jpg", "large_image_url");
    if (poster == null) {
      poster = text(d, "images", "jpg", "image_url");
    }
    String datesField = anime ? "aired" : "published";
    ReleaseStatus status = status(text(d, "status"));
    Integer episodeTotal = anime ? integer(d, "episodes") : null;
    Integer aired = anime ? airedEpisodes(status, episodeTotal, episodes, now) : null;

    Map<String, String> externalIds = new LinkedHashMap<>();
    externalIds.put(ExternalSource.MAL.key(), String.valueOf(longValue(d, "mal_id")));

    return new MediaSnapshot(
        null,
        type,
        null,
        new MediaSnapshot.Titles(title, english, nativeTitle, title, List.copyOf(synonyms)),
        text(d, "synopsis"),
        new MediaSnapshot.Images(poster, null),
        date(text(d, datesField, "from")),
        date(text(d, datesField, "to")),
        status,
        Json.formatWord(text(d, "type")),
        union(names(at(d, "genres"), "name"), names(at(d, "explicit_genres"), "name")),
        union(names(at(d, "themes"), "name"), names(at(d, "demographics"), "name")),
        names(at(d, "studios"), "name"),
        anime
            ? union(names(at(d, "producers"), "name"), names(at(d, "licensors"), "name"))
            : names(at(d, "serializations"), "name"),
        names(at(d, "authors"), "name"),
        List.of(),
        new MediaSnapshot.Counts(
            episodeTotal,
            aired,
            null,
            anime ? null : integer(d, "chapters"),
            anime ? null : integer(d, "volumes"),
            null,
            anime ? runtimeMinutes(text(d, "duration")) : null),
        Scores.logPopularity(
            longValue(d, "members"), anime ? ANIME_MEMBERS_CEILING : MANGA_MEMBERS_CEILING),
        Scores.scale(decimal(d, "score"), 10, false),
        externalIds,
        NAME,
        now,
        List.of());
  }

  private static Integer airedEpisodes(
      ReleaseStatus status, Integer total, List<ProviderMedia.Episode> episodes, Instant now) {
    if (status == ReleaseStatus.FINISHED && total != null) {
      return total;
    }
    if (episodes == null) {
      return status == ReleaseStatus.NOT_YET_RELEASED ? 0 : null;
    }
    LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
    int aired = 0;
    for (ProviderMedia.Episode e : episodes) {
      if (e.airDate() != null && !e.airDate().isAfter(today)) {
        aired++;
      }
    }
    return aired;
  }

  /** Jikan {@code status} as a release status. */
  static ReleaseStatus status(String value) {
    if (value == null) {
      return ReleaseStatus.UNKNOWN;
    }
    return switch (value) {
      case "Currently Airing", "Publishing" -> ReleaseStatus.RELEASING;
      case "Finished Airing", "Finished" -> ReleaseStatus.FINISHED;
      case "Not yet aired", "Not yet published" -> ReleaseStatus.NOT_YET_RELEASED;
      case "On Hiatus" -> ReleaseStatus.HIATUS;
      case "Discontinued" -> ReleaseStatus.CANCELLED;
      default -> ReleaseStatus.UNKNOWN;
    };
  }

  /** Jikan {@code duration} ("24 min per ep", "1 hr 55 min", "Unknown") in minutes, or null. */
  static Integer runtimeMinutes(String duration) {
    if (duration == null) {
      return null;
    }
    int minutes = 0;
    boolean found = false;
    Matcher h = HOURS.matcher(duration);
    if (h.find()) {
      minutes += 60 * Integer.parseInt(h.group(1));
      found = true;
    }
    Matcher m = MINUTES.matcher(duration);
    if (m.find()) {
      minutes += Integer.parseInt(m.group(1));
      found = true;
    }
    return found && minutes > 0 ? minutes : null;
  }
}
