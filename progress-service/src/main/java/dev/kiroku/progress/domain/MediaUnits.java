package dev.kiroku.progress.domain;

import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.progress.MediaSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Episode arithmetic on a media item's totals: which units (episodes, chapters) exist, which come
 * between two positions, what is next, and whether it has aired. TV uses the catalog's seasons
 * (season 0, the specials, is never part of the rollover); other types have one implicit season 1.
 */
public final class MediaUnits {

  /** A position: TV season (1 for other types) and episode or chapter number (0 = none yet). */
  public record Unit(int season, int number) implements Comparable<Unit> {
    public static final Unit START = new Unit(1, 0);

    @Override
    public int compareTo(Unit o) {
      return season != o.season
          ? Integer.compare(season, o.season)
          : Integer.compare(number, o.number);
    }
  }

  /** The next unit, or {@code caughtUp} when the next one has not aired (or there is none). */
  public record Next(Unit unit, boolean caughtUp) {}

  private final MediaSummary media;
  private final List<MediaSummary.Season> regularSeasons;

  public MediaUnits(MediaSummary media) {
    this.media = media;
    List<MediaSummary.Season> regular = new ArrayList<>();
    if (media.type() == MediaType.TV && media.seasons() != null) {
      for (MediaSummary.Season s : media.seasons()) {
        if (s.number() > 0) {
          regular.add(s);
        }
      }
      regular.sort(Comparator.comparingInt(MediaSummary.Season::number));
    }
    this.regularSeasons = regular;
  }

  /** Whether the type keeps an episode (or chapter) history: anime, TV, manga, podcasts. */
  public static boolean hasHistory(MediaType type) {
    return type == MediaType.ANIME
        || type == MediaType.TV
        || type == MediaType.MANGA
        || type == MediaType.PODCAST;
  }

  public boolean isTv() {
    return media.type() == MediaType.TV && !regularSeasons.isEmpty();
  }

  /** Total units of {@code season} (episodes or chapters); null when unknown. */
  public Integer total(int season) {
    if (media.type() == MediaType.TV) {
      if (regularSeasons.isEmpty()) {
        return season == 1 ? media.episodes() : null;
      }
      for (MediaSummary.Season s : media.seasons()) {
        if (s.number() == season) {
          return s.episodeCount();
        }
      }
      return null;
    }
    return media.type() == MediaType.MANGA ? media.chapters() : media.episodes();
  }

  /** Whether {@code season} exists (always true for types without seasons, and season 1). */
  public boolean seasonExists(int season) {
    if (media.type() != MediaType.TV || regularSeasons.isEmpty()) {
      return season == 1;
    }
    return media.seasons().stream().anyMatch(s -> s.number() == season);
  }

  /** Units of {@code season} aired so far; unknown counts as unlimited. */
  public int aired(int season) {
    Integer aired;
    Integer total;
    if (media.type() == MediaType.TV && !regularSeasons.isEmpty()) {
      MediaSummary.Season s =
          regularSeasons.stream().filter(x -> x.number() == season).findFirst().orElse(null);
      if (s == null) {
        return 0;
      }
      aired = s.airedEpisodeCount();
      total = s.episodeCount();
    } else if (media.type() == MediaType.MANGA) {
      aired = media.chapters();
      total = media.chapters();
    } else {
      aired = media.airedEpisodes();
      total = media.episodes();
    }
    if (aired != null) {
      return aired;
    }
    return total != null ? total : Integer.MAX_VALUE;
  }

  /** The very last unit (last regular season's last episode), or null when a total is unknown. */
  public Unit last() {
    if (media.type() == MediaType.TV && !regularSeasons.isEmpty()) {
      MediaSummary.Season s = regularSeasons.get(regularSeasons.size() - 1);
      return s.episodeCount() == null || s.episodeCount() == 0
          ? null
          : new Unit(s.number(), s.episodeCount());
    }
    Integer total = total(1);
    return total == null || total == 0 ? null : new Unit(1, total);
  }

  /** The unit after {@code position}, rolling over to the next regular season. */
  public Next next(Unit position) {
    Unit pos = position == null ? Unit.START : position;
    if (media.type() == MediaType.TV && !regularSeasons.isEmpty()) {
      int season = Math.max(pos.season(), regularSeasons.get(0).number());
      int number = pos.season() < season ? 1 : pos.number() + 1;
      Integer total = total(season);
      if (total == null || number <= total) {
        return number <= aired(season)
            ? new Next(new Unit(season, number), false)
            : new Next(position, true);
      }
      for (MediaSummary.Season s : regularSeasons) {
        if (s.number() > season) {
          return aired(s.number()) >= 1
              ? new Next(new Unit(s.number(), 1), false)
              : new Next(position, true);
        }
      }
      return new Next(position, true);
    }
    int number = pos.number() + 1;
    Integer total = total(1);
    if ((total != null && number > total) || number > aired(1)) {
      return new Next(position, true);
    }
    return new Next(new Unit(1, number), false);
  }

  /**
   * The units after {@code from} up to and including {@code to}, in order. Seasons in between are
   * filled with their known episode counts (a season with an unknown count contributes none).
   */
  public List<Unit> between(Unit from, Unit to) {
    List<Unit> units = new ArrayList<>();
    if (to.compareTo(from) <= 0) {
      return units;
    }
    if (media.type() != MediaType.TV || regularSeasons.isEmpty() || from.season() == to.season()) {
      int start = from.season() == to.season() ? from.number() + 1 : 1;
      for (int n = start; n <= to.number(); n++) {
        units.add(new Unit(to.season(), n));
      }
      return units;
    }
    for (MediaSummary.Season s : regularSeasons) {
      if (s.number() < from.season() || s.number() > to.season()) {
        continue;
      }
      int start = s.number() == from.season() ? from.number() + 1 : 1;
      int end =
          s.number() == to.season()
              ? to.number()
              : (s.episodeCount() == null ? 0 : s.episodeCount());
      for (int n = start; n <= end; n++) {
        units.add(new Unit(s.number(), n));
      }
    }
    return units;
  }
}
