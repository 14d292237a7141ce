package dev.kiroku.catalog.domain;

import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.contracts.catalog.MediaSnapshot.Counts;
import dev.kiroku.contracts.catalog.MediaSnapshot.Images;
import dev.kiroku.contracts.catalog.MediaSnapshot.Titles;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Merges incoming data into a stored item. Rules:
 *
 * <ul>
 *   <li>Incoming data at least as detailed as the stored item ({@link DetailLevel}) wins field by
 *       field; fields it lacks (null or empty) keep their stored values.
 *   <li>Less detailed data (a search summary over a full fetch, a dataset row over provider data)
 *       only fills fields the stored item lacks: it never overwrites richer data.
 *   <li>External ids are the union of both; the winning side's value is kept for a source both
 *       have.
 *   <li>{@code id} and {@code slug} never change; {@code lastRefreshedAt} changes only with a
 *       {@link DetailLevel#COMPLETE} fetch.
 * </ul>
 */
public final class MediaMerger {

  private MediaMerger() {}

  /**
   * The merged item.
   *
   * @param stored the stored snapshot (with id and slug)
   * @param storedDetail the stored item's detail level
   * @param incoming the incoming draft
   */
  public static Merged merge(MediaSnapshot stored, DetailLevel storedDetail, MediaDraft incoming) {
    boolean incomingWins = incoming.detail().rank() >= storedDetail.rank();
    MediaSnapshot top = incomingWins ? incoming.media() : stored;
    MediaSnapshot base = incomingWins ? stored : incoming.media();
    Instant refreshed =
        incoming.detail() == DetailLevel.COMPLETE
            ? pick(incoming.media().lastRefreshedAt(), stored.lastRefreshedAt())
            : stored.lastRefreshedAt();
    MediaSnapshot merged = overlay(top, base, stored.id(), stored.slug(), refreshed);
    DetailLevel detail = incomingWins ? incoming.detail() : storedDetail;
    return new Merged(merged, detail);
  }

  /**
   * A new item from a draft.
   *
   * @param id the new id
   * @param slug the new slug (unique per type)
   */
  public static MediaSnapshot create(MediaDraft draft, UUID id, String slug) {
    MediaSnapshot m = draft.media();
    Instant refreshed = draft.detail() == DetailLevel.COMPLETE ? m.lastRefreshedAt() : null;
    return overlay(m, m, id, slug, refreshed);
  }

  /**
   * @param media the merged snapshot
   * @param detail its detail level
   */
  public record Merged(MediaSnapshot media, DetailLevel detail) {}

  private static MediaSnapshot overlay(
      MediaSnapshot top, MediaSnapshot base, UUID id, String slug, Instant refreshed) {
    return new MediaSnapshot(
        id,
        top.type(),
        slug,
        titles(top.titles(), base.titles()),
        pick(top.synopsis(), base.synopsis()),
        images(top.images(), base.images()),
        pick(top.startDate(), base.startDate()),
        pick(top.endDate(), base.endDate()),
        top.status() != null && top.status() != dev.kiroku.contracts.catalog.ReleaseStatus.UNKNOWN
            ? top.status()
            : pick(base.status(), top.status()),
        pick(top.format(), base.format()),
        list(top.genres(), base.genres()),
        list(top.themes(), base.themes()),
        list(top.studios(), base.studios()),
        list(top.companies(), base.companies()),
        list(top.authors(), base.authors()),
        list(top.platforms(), base.platforms()),
        counts(top.counts(), base.counts()),
        pick(top.popularity(), base.popularity()),
        pick(top.averageScore(), base.averageScore()),
        externalIds(top.externalIds(), base.externalIds()),
        pick(top.sourceProvider(), base.sourceProvider()),
        refreshed,
        list(top.seasons(), base.seasons()));
  }

  private static Titles titles(Titles top, Titles base) {
    if (top == null) {
      return base;
    }
    if (base == null) {
      return normalise(top);
    }
    return new Titles(
        pick(top.canonical(), base.canonical()),
        pick(top.english(), base.english()),
        pick(top.nativeTitle(), base.nativeTitle()),
        pick(top.romanized(), base.romanized()),
        list(top.synonyms(), base.synonyms()));
  }

  private static Titles normalise(Titles t) {
    return new Titles(
        t.canonical(),
        t.english(),
        t.nativeTitle(),
        t.romanized(),
        t.synonyms() == null ? List.of() : t.synonyms());
  }

  private static Images images(Images top, Images base) {
    if (top == null) {
      return base;
    }
    if (base == null) {
      return top;
    }
    return new Images(pick(top.poster(), base.poster()), pick(top.banner(), base.banner()));
  }

  private static Counts counts(Counts top, Counts base) {
    if (top == null) {
      return base;
    }
    if (base == null) {
      return top;
    }
    return new Counts(
        pick(top.episodes(), base.episodes()),
        pick(top.airedEpisodes(), base.airedEpisodes()),
        pick(top.seasons(), base.seasons()),
        pick(top.chapters(), base.chapters()),
        pick(top.volumes(), base.volumes()),
        pick(top.pages(), base.pages()),
        pick(top.runtimeMinutes(), base.runtimeMinutes()));
  }

  private static Map<String, String> externalIds(
      Map<String, String> top, Map<String, String> base) {
    Map<String, String> ids = new TreeMap<>();
    if (base != null) {
      ids.putAll(base);
    }
    if (top != null) {
      ids.putAll(top);
    }
    return ids;
  }

  private static <T> List<T> list(List<T> top, List<T> base) {
    if (top != null && !top.isEmpty()) {
      return top;
    }
    return base == null ? List.of() : base;
  }

  private static <T> T pick(T top, T base) {
    if (top == null) {
      return base;
    }
    if (top instanceof String s && s.isBlank()) {
      return base;
    }
    if (top instanceof Collection<?> c && c.isEmpty()) {
      return base;
    }
    return top;
  }
}
