package dev.kiroku.search.service;

import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.catalog.ReleaseStatus;
import java.util.List;

/**
 * A validated search. Within one filter the values are alternatives (OR); different filters all
 * apply (AND), together with the query.
 *
 * @param query user text, searched as text only (never parsed as query syntax); may be blank when a
 *     filter is given
 * @param types media types
 * @param genres genre names (case-insensitive)
 * @param years start years
 * @param formats formats, e.g. {@code TV}, {@code MOVIE} (case-insensitive)
 * @param statuses release statuses
 * @param sort result order
 * @param page 1-based page number
 * @param size items per page (1-50)
 */
public record SearchRequest(
    String query,
    List<MediaType> types,
    List<String> genres,
    List<Integer> years,
    List<String> formats,
    List<ReleaseStatus> statuses,
    SearchSort sort,
    int page,
    int size) {

  /** A relevance-sorted first page of 20 for {@code query} without filters. */
  public static SearchRequest of(String query) {
    return new SearchRequest(
        query, List.of(), List.of(), List.of(), List.of(), List.of(), SearchSort.RELEVANCE, 1, 20);
  }

  /** This request with another {@code query}. */
  public SearchRequest withQuery(String query) {
    return new SearchRequest(query, types, genres, years, formats, statuses, sort, page, size);
  }

  /** True when at least one filter is set. */
  public boolean hasFilters() {
    return !types.isEmpty()
        || !genres.isEmpty()
        || !years.isEmpty()
        || !formats.isEmpty()
        || !statuses.isEmpty();
  }
}
