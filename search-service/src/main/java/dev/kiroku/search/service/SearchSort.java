package dev.kiroku.search.service;

import java.util.Locale;
import java.util.Optional;

/** Orders of search results ({@code sort=} parameter, lower case). */
public enum SearchSort {
  /** Text relevance blended with popularity and score (default). */
  RELEVANCE,
  /** Most popular first (0-100 popularity), then relevance. */
  POPULARITY,
  /** Highest average score first (0-100), then relevance. */
  SCORE,
  /** Newest first (start year), then relevance. */
  YEAR,
  /** Canonical title A-Z (folded). */
  TITLE;

  /** The sort for a parameter value ({@code "popularity"}, case-insensitive); empty if unknown. */
  public static Optional<SearchSort> fromParameter(String value) {
    for (SearchSort sort : values()) {
      if (sort.name().equalsIgnoreCase(value.strip())) {
        return Optional.of(sort);
      }
    }
    return Optional.empty();
  }

  /** The parameter form, e.g. {@code "popularity"}. */
  public String parameter() {
    return name().toLowerCase(Locale.ROOT);
  }
}
