package dev.kiroku.catalog.provider.igdb;

import static dev.kiroku.catalog.provider.support.Json.at;
import static dev.kiroku.catalog.provider.support.Json.decimal;
import static dev.kiroku.catalog.provider.support.Json.integer;
import static dev.kiroku.catalog.provider.support.Json.longValue;
import static dev.kiroku.catalog.provider.support.Json.names;
import static dev.kiroku.catalog.provider.support.Json.text;

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
 * Maps IGDB v4 {@code /games} JSON (an array) to the canonical model. Expanded fields ({@code
 * genres.name}) are read; unexpanded id arrays ({@code fields *} responses) give no names.
 *
 * <ul>
 *   <li>titles: canonical ← {@code name}; synonyms ← {@code alternative_names[].name}; no
 *       English/native/romanized split (IGDB does not label them)
 *   <li>synopsis ← {@code summary} (else {@code storyline})
 *   <li>images: poster ← {@value #IMAGE_BASE}{@code t_cover_big/} + {@code cover.image_id} + {@code
 *       .jpg}; banner ← {@code t_1080p/} + {@code artworks[0].image_id} (else {@code
 *       screenshots[0].image_id})
 *   <li>startDate ← {@code first_release_date} (Unix seconds, UTC date); endDate null (games have
 *       no last release)
 *   <li>status ← {@code status} (0 released → FINISHED; 2 alpha, 3 beta, 4 early access →
 *       RELEASING; 6 cancelled → CANCELLED; 7 rumored → NOT_YET_RELEASED; 5 offline, 8 delisted →
 *       FINISHED); without it, {@code first_release_date} in the past → FINISHED, in the future →
 *       NOT_YET_RELEASED, absent → UNKNOWN
 *   <li>format ← {@code category}: 0 GAME, 1 DLC, 2 EXPANSION, 3 BUNDLE, 4 STANDALONE_EXPANSION, 5
 *       MOD, 6 EPISODE, 7 SEASON, 8 REMAKE, 9 REMASTER, 10 EXPANDED_GAME, 11 PORT, 12 FORK, 13
 *       PACK, 14 UPDATE
 *   <li>genres ← {@code genres[].name}; themes ← {@code themes[].name}; companies ← {@code
 *       involved_companies[].company.name} (developers first); platforms ← {@code platforms[].name}
 *   <li>averageScore ← {@code rating} (IGDB user rating, already 0-100), else {@code total_rating},
 *       rounded
 *   <li>popularity ← {@code total_rating_count} (else {@code rating_count}) on a log scale:
 *       round(100 × log10(1 + count) / log10(1 + 4,000)), capped at 100
 *   <li>externalIds ← {@code {"igdb": id}}
 * </ul>
 */
public final class IgdbMapper {

  /** The provider name written to {@code sourceProvider}. */
  public static final String NAME = "igdb";

  /** Base of IGDB image URLs; a size ({@code t_cover_big/}) and {@code <image_id>.jpg} follow. */
  public static final String IMAGE_BASE = "https://images.igdb.com/igdb/image/upload/";

  static final double RATINGS_CEILING = 4_000;

  private static final String[] CATEGORIES = {
    "GAME",
    "DLC",
    "EXPANSION",
    "BUNDLE",
    "STANDALONE_EXPANSION",
    "MOD",
    "EPISODE",
    "SEASON",
    "REMAKE",
    "REMASTER",
    "EXPANDED_GAME",
    "PORT",
    "FORK",
    "PACK",
    "UPDATE"
  };

  private final Clock clock;

  public IgdbMapper(Clock clock) {
    this.clock = clock;
  }

  /**
   * Maps a {@code /games} response.
   *
   * @param complete true for a details query, false for a search
   */
  public List<ProviderMedia> map(JsonNode games, boolean complete) {
    List<ProviderMedia> results = new ArrayList<>();
    Set<Long> seen = new LinkedHashSet<>();
    if (!games.isArray()) {
      return results;
    }
    for (JsonNode game : games) {
      Long id = longValue(game, "id");
      if (id == null || text(game, "name") == null || !seen.add(id)) {
        continue;
      }
      results.add(new ProviderMedia(snapshot(game, id), List.of(), complete));
    }
    return results;
  }

  private MediaSnapshot snapshot(JsonNode g, long id) {
    Instant now = clock.instant();
    String name = text(g, "name");
    List<String> synonyms = new ArrayList<>(names(at(g, "alternative_names"), "name"));
    synonyms.remove(name);

    Long released = longValue(g, "first_release_date");
    LocalDate start =
        released == null
            ? null
            : Instant.ofEpochSecond(released).atZone(ZoneOffset.UTC).toLocalDate();

    String banner = image("t_1080p/", text(at(g, "artworks").path(0), "image_id"));
    if (banner == null) {
      banner = image("t_1080p/", text(at(g, "screenshots").path(0), "image_id"));
    }

    List<String> developers = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (JsonNode involved : at(g, "involved_companies")) {
      String company = text(involved, "company", "name");
      if (company == null) {
        continue;
      }
      (at(involved, "developer").asBoolean(false) ? developers : others).add(company);
    }
    LinkedHashSet<String> companies = new LinkedHashSet<>(developers);
    companies.addAll(others);

    Double rating = decimal(g, "rating");
    if (rating == null) {
      rating = decimal(g, "total_rating");
    }
    Integer ratingCount = integer(g, "total_rating_count");
    if (ratingCount == null) {
      ratingCount = integer(g, "rating_count");
    }

    Map<String, String> externalIds = new LinkedHashMap<>();
    externalIds.put(ExternalSource.IGDB.key(), String.valueOf(id));

    Integer category = integer(g, "category");
    return new MediaSnapshot(
        null,
        MediaType.GAME,
        null,
        new MediaSnapshot.Titles(name, null, null, null, List.copyOf(synonyms)),
        text(g, "summary") != null ? text(g, "summary") : text(g, "storyline"),
        new MediaSnapshot.Images(image("t_cover_big/", text(g, "cover", "image_id")), banner),
        start,
        null,
        status(integer(g, "status"), released, now),
        category != null && category >= 0 && category < CATEGORIES.length
            ? CATEGORIES[category]
            : null,
        names(at(g, "genres"), "name"),
        names(at(g, "themes"), "name"),
        List.of(),
        List.copyOf(companies),
        List.of(),
        names(at(g, "platforms"), "name"),
        new MediaSnapshot.Counts(null, null, null, null, null, null, null),
        Scores.logPopularity(ratingCount, RATINGS_CEILING),
        Scores.scale(rating, 100, false),
        externalIds,
        NAME,
        now,
        List.of());
  }

  private static String image(String size, String imageId) {
    return imageId == null ? null : IMAGE_BASE + size + imageId + ".jpg";
  }

  /** IGDB {@code status} (or the release date without it) as a release status. */
  static ReleaseStatus status(Integer status, Long firstRelease, Instant now) {
    if (status != null) {
      return switch (status) {
        case 0, 5, 8 -> ReleaseStatus.FINISHED;
        case 2, 3, 4 -> ReleaseStatus.RELEASING;
        case 6 -> ReleaseStatus.CANCELLED;
        case 7 -> ReleaseStatus.NOT_YET_RELEASED;
        default -> ReleaseStatus.UNKNOWN;
      };
    }
    if (firstRelease == null) {
      return ReleaseStatus.UNKNOWN;
    }
    return firstRelease <= now.getEpochSecond()
        ? ReleaseStatus.FINISHED
        : ReleaseStatus.NOT_YET_RELEASED;
  }
}
