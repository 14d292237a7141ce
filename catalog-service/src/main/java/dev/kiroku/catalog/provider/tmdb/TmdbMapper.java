package dev.kiroku.catalog.provider.tmdb;

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

/**
 * Maps TMDB v3 JSON to the canonical model. Field by field (movie / TV):
 *
 * <ul>
 *   <li>titles: canonical and English ← {@code title} / {@code name} (TMDB's English-language
 *       title); native ← {@code original_title} / {@code original_name} when it differs; no
 *       romanized title; synonyms ← {@code alternative_titles.titles[].title} (movie) / {@code
 *       alternative_titles.results[].title} (TV) when appended
 *   <li>synopsis ← {@code overview}; images ← {@value #IMAGE_BASE} + {@code poster_path} (poster)
 *       and + {@code backdrop_path} (banner)
 *   <li>dates: movie start ← {@code release_date}, end ← {@code release_date} once released; TV
 *       start ← {@code first_air_date}, end ← {@code last_air_date} once ended or cancelled
 *   <li>status ← {@code status}: "Released", "Ended" → FINISHED; "Returning Series" → RELEASING;
 *       "Rumored", "Planned", "In Production", "Post Production", "Pilot" → NOT_YET_RELEASED;
 *       "Canceled" → CANCELLED ({@code next_episode_to_air} is not used: recorded responses repeat
 *       the last episode there)
 *   <li>format: MOVIE for movies; TV ← {@code type} ("Miniseries" → MINISERIES, else TV)
 *   <li>genres ← {@code genres[].name}; companies ← {@code production_companies[].name} + {@code
 *       networks[].name} (TV); authors ← {@code created_by[].name} (TV), {@code credits.crew[]}
 *       with department "Writing" (movie, when credits are appended)
 *   <li>counts: movie runtime ← {@code runtime}; TV episodes ← {@code number_of_episodes} (regular
 *       seasons), seasons ← {@code number_of_seasons}, runtime ← {@code episode_run_time[0]} (else
 *       {@code last_episode_to_air.runtime}), aired episodes ← episodes of seasons ≥ 1 with {@code
 *       air_date} not after the fetch
 *   <li>averageScore ← {@code vote_average} (0-10) × 10, rounded; null when {@code vote_count} is 0
 *       (TMDB writes 0.0 for "no votes")
 *   <li>popularity ← {@code vote_count} on a log scale: round(100 × log10(1 + votes) / log10(1 +
 *       35,000)), capped at 100 (TMDB's most-voted titles have about 35,000 votes; its own {@code
 *       popularity} is an unbounded trending figure)
 *   <li>externalIds: tmdb ← {@code id}; imdb ← {@code imdb_id} or {@code external_ids.imdb_id};
 *       tvdb ← {@code external_ids.tvdb_id}
 *   <li>seasons ← {@code seasons[]}: number ← {@code season_number} (0 = "Specials"), title ←
 *       {@code name}, episode count ← {@code episode_count}, aired count ← episodes of the fetched
 *       season with {@code air_date} not after the fetch (= episode count when the show ended), air
 *       date ← {@code air_date}
 *   <li>episodes ← {@code /tv/{id}/season/{n}} {@code episodes[]}: season ← {@code season_number},
 *       number ← {@code episode_number}, title ← {@code name}, air date ← {@code air_date}, runtime
 *       ← {@code runtime}
 * </ul>
 */
public final class TmdbMapper {

  /** The provider name written to {@code sourceProvider}. */
  public static final String NAME = "tmdb";

  /** Base of image URLs (original size). */
  public static final String IMAGE_BASE = "https://image.tmdb.org/t/p/original";

  static final double VOTES_CEILING = 35_000;

  private final Clock clock;

  /**
   * @param clock gives {@code lastRefreshedAt} and "aired so far"
   */
  public TmdbMapper(Clock clock) {
    this.clock = clock;
  }

  /**
   * Maps a search page ({@code results[]}) of movies or TV shows; for {@code /search/multi} keeps
   * only {@code media_type} "movie" and "tv" (people and collections are dropped), typed by it.
   *
   * @param type MOVIE or TV for {@code /search/movie} and {@code /search/tv}; null for multi
   */
  public List<ProviderMedia> mapSearch(JsonNode body, MediaType type) {
    List<ProviderMedia> results = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (JsonNode item : at(body, "results")) {
      MediaType itemType = type;
      if (itemType == null) {
        String mediaType = text(item, "media_type");
        if ("movie".equals(mediaType)) {
          itemType = MediaType.MOVIE;
        } else if ("tv".equals(mediaType)) {
          itemType = MediaType.TV;
        } else {
          continue;
        }
      }
      Long id = longValue(item, "id");
      if (id == null || !seen.add(itemType + ":" + id)) {
        continue;
      }
      MediaSnapshot snapshot = snapshot(item, itemType, List.of(), List.of());
      if (snapshot.titles().canonical() == null) {
        continue;
      }
      results.add(new ProviderMedia(snapshot, List.of(), false));
    }
    return results;
  }

  /** Maps {@code /movie/{id}} (with credits, videos, external ids, alternative titles appended). */
  public ProviderMedia mapMovie(JsonNode movie) {
    return new ProviderMedia(
        snapshot(movie, MediaType.MOVIE, List.of(), List.of()), List.of(), true);
  }

  /**
   * Maps {@code /tv/{id}} and its seasons.
   *
   * @param tv the details response
   * @param seasons the {@code /tv/{id}/season/{n}} responses that exist, any order
   */
  public ProviderMedia mapTv(JsonNode tv, List<JsonNode> seasons) {
    List<ProviderMedia.Episode> episodes = new ArrayList<>();
    List<JsonNode> ordered = new ArrayList<>(seasons);
    ordered.sort(
        (a, b) ->
            Integer.compare(
                integer(a, "season_number") == null ? 0 : integer(a, "season_number"),
                integer(b, "season_number") == null ? 0 : integer(b, "season_number")));
    for (JsonNode season : ordered) {
      Integer seasonNumber = integer(season, "season_number");
      Set<Integer> numbers = new LinkedHashSet<>();
      for (JsonNode e : at(season, "episodes")) {
        Integer number = integer(e, "episode_number");
        if (number == null || !numbers.add(number)) {
          continue;
        }
        Integer s = integer(e, "season_number");
        episodes.add(
            new ProviderMedia.Episode(
                s != null ? s : seasonNumber,
                number,
                text(e, "name"),
                date(text(e, "air_date")),
                integer(e, "runtime")));
      }
    }
    return new ProviderMedia(snapshot(tv, MediaType.TV, ordered, episodes), episodes, true);
  }

  private MediaSnapshot snapshot(
      JsonNode d, MediaType type, List<JsonNode> seasons, List<ProviderMedia.Episode> episodes) {
    Instant now = clock.instant();
    LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
    boolean movie = type == MediaType.MOVIE;
    String title = movie ? text(d, "title") : text(d, "name");
    String original = movie ? text(d, "original_title") : text(d, "original_name");
    LinkedHashSet<String> synonyms = new LinkedHashSet<>();
    synonyms.addAll(names(at(d, "alternative_titles", movie ? "titles" : "results"), "title"));
    synonyms.remove(title);
    synonyms.remove(original);

    ReleaseStatus status = status(text(d, "status"));
    LocalDate start = date(text(d, movie ? "release_date" : "first_air_date"));
    LocalDate end = null;
    if (movie && status == ReleaseStatus.FINISHED) {
      end = start;
    } else if (!movie && (status == ReleaseStatus.FINISHED || status == ReleaseStatus.CANCELLED)) {
      end = date(text(d, "last_air_date"));
    }

    Map<String, String> externalIds = new LinkedHashMap<>();
    Long id = longValue(d, "id");
    if (id != null) {
      externalIds.put(ExternalSource.TMDB.key(), String.valueOf(id));
    }
    String imdb = text(d, "imdb_id");
    if (imdb == null) {
      imdb = text(d, "external_ids", "imdb_id");
    }
    if (imdb != null) {
      externalIds.put(ExternalSource.IMDB.key(), imdb);
    }
    Long tvdb = longValue(d, "external_ids", "tvdb_id");
    if (tvdb != null) {
      externalIds.put(ExternalSource.TVDB.key(), String.valueOf(tvdb));
    }

    Integer voteCount = integer(d, "vote_count");
    Integer averageScore =
        voteCount != null && voteCount == 0
            ? null
            : Scores.scale(decimal(d, "vote_average"), 10, true);

    List<MediaSnapshot.SeasonSummary> seasonSummaries = new ArrayList<>();
    Integer airedEpisodes = null;
    MediaSnapshot.Counts counts;
    if (movie) {
      counts =
          new MediaSnapshot.Counts(
              null, null, null, null, null, null, positive(integer(d, "runtime")));
    } else {
      boolean over = status == ReleaseStatus.FINISHED || status == ReleaseStatus.CANCELLED;
      for (JsonNode s : at(d, "seasons")) {
        Integer number = integer(s, "season_number");
        if (number == null) {
          continue;
        }
        Integer count = integer(s, "episode_count");
        boolean fetched =
            seasons.stream().anyMatch(x -> number.equals(integer(x, "season_number")));
        Integer aired;
        if (fetched) {
          aired =
              (int)
                  episodes.stream()
                      .filter(e -> number.equals(e.seasonNumber()))
                      .filter(e -> e.airDate() != null && !e.airDate().isAfter(today))
                      .count();
        } else {
          aired = over ? count : null;
        }
        seasonSummaries.add(
            new MediaSnapshot.SeasonSummary(
                number, text(s, "name"), count, aired, date(text(s, "air_date"))));
      }
      if (!episodes.isEmpty()) {
        airedEpisodes =
            (int)
                episodes.stream()
                    .filter(e -> e.seasonNumber() != null && e.seasonNumber() > 0)
                    .filter(e -> e.airDate() != null && !e.airDate().isAfter(today))
                    .count();
      } else if (over) {
        airedEpisodes = integer(d, "number_of_episodes");
      }
      Integer runtime = integer(at(d, "episode_run_time").path(0));
      if (runtime == null) {
        runtime = integer(d, "last_episode_to_air", "runtime");
      }
      counts =
          new MediaSnapshot.Counts(
              integer(d, "number_of_episodes"),
              airedEpisodes,
              integer(d, "number_of_seasons"),
              null,
              null,
              null,
              positive(runtime));
    }

    List<String> authors = new ArrayList<>(names(at(d, "created_by"), "name"));
    if (movie) {
      for (JsonNode crew : at(d, "credits", "crew")) {
        String name = text(crew, "name");
        if ("Writing".equals(text(crew, "department")) && name != null && !authors.contains(name)) {
          authors.add(name);
        }
      }
    }

    return new MediaSnapshot(
        null,
        type,
        null,
        new MediaSnapshot.Titles(
            title,
            title,
            original != null && !original.equals(title) ? original : null,
            null,
            List.copyOf(synonyms)),
        text(d, "overview"),
        new MediaSnapshot.Images(image(text(d, "poster_path")), image(text(d, "backdrop_path"))),
        start,
        end,
        status,
        movie ? "MOVIE" : "Miniseries".equals(text(d, "type")) ? "MINISERIES" : "TV",
        names(at(d, "genres"), "name"),
        List.of(),
        List.of(),
        union(names(at(d, "production_companies"), "name"), names(at(d, "networks"), "name")),
        authors,
        List.of(),
        counts,
        Scores.logPopularity(voteCount, VOTES_CEILING),
        averageScore,
        externalIds,
        NAME,
        now,
        seasonSummaries);
  }

  private static Integer positive(Integer value) {
    return value == null || value <= 0 ? null : value;
  }

  private static String image(String path) {
    return path == null ? null : IMAGE_BASE + path;
  }

  /** TMDB {@code status} as a release status. */
  static ReleaseStatus status(String value) {
    if (value == null) {
      return ReleaseStatus.UNKNOWN;
    }
    return switch (value) {
      case "Released", "Ended" -> ReleaseStatus.FINISHED;
      case "Returning Series" -> ReleaseStatus.RELEASING;
      case "Rumored", "Planned", "In Production", "Post Production", "Pilot" ->
          ReleaseStatus.NOT_YET_RELEASED;
      case "Canceled", "Cancelled" -> ReleaseStatus.CANCELLED;
      default -> ReleaseStatus.UNKNOWN;
    };
  }
}
