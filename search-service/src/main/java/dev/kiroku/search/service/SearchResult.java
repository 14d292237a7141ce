package dev.kiroku.search.service;

import java.util.List;
import java.util.Map;

/**
 * The answer to a search.
 *
 * @param total number of matching media items
 * @param page 1-based page number
 * @param size items per page
 * @param items this page's items, best first
 * @param facets per dimension ({@code type}, {@code genre}, {@code year}, {@code format}, {@code
 *     status}) the matching item count per value, largest first, e.g. {@code {"type": {"ANIME":
 *     12}}}
 */
public record SearchResult(
    long total,
    int page,
    int size,
    List<SearchItem> items,
    Map<String, Map<String, Long>> facets) {}
