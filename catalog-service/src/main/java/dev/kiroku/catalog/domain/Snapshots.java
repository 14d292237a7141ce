package dev.kiroku.catalog.domain;

import dev.kiroku.contracts.catalog.MediaSnapshot;
import java.util.Map;
import java.util.TreeMap;

/** Copies of a {@link MediaSnapshot} with one part changed. */
public final class Snapshots {

  private Snapshots() {}

  /** The snapshot with another slug. */
  public static MediaSnapshot withSlug(MediaSnapshot m, String slug) {
    return new MediaSnapshot(
        m.id(),
        m.type(),
        slug,
        m.titles(),
        m.synopsis(),
        m.images(),
        m.startDate(),
        m.endDate(),
        m.status(),
        m.format(),
        m.genres(),
        m.themes(),
        m.studios(),
        m.companies(),
        m.authors(),
        m.platforms(),
        m.counts(),
        m.popularity(),
        m.averageScore(),
        m.externalIds(),
        m.sourceProvider(),
        m.lastRefreshedAt(),
        m.seasons());
  }

  /** The snapshot with its external ids sorted by source and blank ids dropped. */
  public static MediaSnapshot withCleanExternalIds(MediaSnapshot m) {
    Map<String, String> ids = new TreeMap<>();
    if (m.externalIds() != null) {
      m.externalIds()
          .forEach(
              (source, id) -> {
                if (source != null && id != null && !id.isBlank()) {
                  ids.put(source, id.strip());
                }
              });
    }
    return new MediaSnapshot(
        m.id(),
        m.type(),
        m.slug(),
        m.titles(),
        m.synopsis(),
        m.images(),
        m.startDate(),
        m.endDate(),
        m.status(),
        m.format(),
        m.genres(),
        m.themes(),
        m.studios(),
        m.companies(),
        m.authors(),
        m.platforms(),
        m.counts(),
        m.popularity(),
        m.averageScore(),
        ids,
        m.sourceProvider(),
        m.lastRefreshedAt(),
        m.seasons());
  }
}
