package dev.kiroku.search.service;

import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.catalog.ReleaseStatus;
import java.util.List;
import java.util.UUID;

/**
 * One media item in a search answer: a summary of its {@link MediaSnapshot}.
 *
 * @param id canonical media id
 * @param type media type
 * @param title canonical (display) title
 * @param englishTitle English title, null when unknown
 * @param nativeTitle title in the original script, null when unknown
 * @param year year of {@code startDate}, null when unknown
 * @param format e.g. {@code TV}, {@code MOVIE}, {@code NOVEL}; null when unknown
 * @param status release status, null when unknown
 * @param genres genre names
 * @param score 0-100 average user score, null when unknown
 * @param popularity 0-100 popularity, null when unknown
 * @param poster poster or cover URL, null when unknown
 */
public record SearchItem(
    UUID id,
    MediaType type,
    String title,
    String englishTitle,
    String nativeTitle,
    Integer year,
    String format,
    ReleaseStatus status,
    List<String> genres,
    Integer score,
    Integer popularity,
    String poster) {

  /** The summary of a snapshot. */
  public static SearchItem of(MediaSnapshot media) {
    MediaSnapshot.Titles titles = media.titles();
    return new SearchItem(
        media.id(),
        media.type(),
        titles == null ? null : titles.canonical(),
        titles == null ? null : titles.english(),
        titles == null ? null : titles.nativeTitle(),
        media.startDate() == null ? null : media.startDate().getYear(),
        media.format(),
        media.status(),
        media.genres() == null ? List.of() : media.genres(),
        media.averageScore(),
        media.popularity(),
        media.images() == null ? null : media.images().poster());
  }
}
