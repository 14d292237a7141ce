package dev.kiroku.gateway.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Values looked up by route: each entry is a {@link RoutePattern} and what applies to requests it
 * matches (a rate-limit class, a body limit, a timeout). When several patterns match, the most
 * specific wins ({@link RoutePattern#specificity()}); between equally specific ones, the one added
 * first. Immutable once built; lookups are a linear scan (tables hold a handful of entries).
 *
 * @param <T> what a route maps to
 */
public final class RouteTable<T> {

  private record Entry<T>(RoutePattern pattern, T value, int order) {}

  private final List<Entry<T>> entries;

  private RouteTable(List<Entry<T>> entries) {
    List<Entry<T>> sorted = new ArrayList<>(entries);
    sorted.sort(
        Comparator.comparingInt((Entry<T> e) -> -e.pattern().specificity())
            .thenComparingInt(Entry::order));
    this.entries = List.copyOf(sorted);
  }

  /** A builder; add entries in the order that should break ties. */
  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /**
   * The value of the most specific pattern that matches.
   *
   * @param method the request's HTTP method, upper case
   * @param path the request's normalized path
   * @return the value, or empty when no pattern matches
   */
  public Optional<T> find(String method, String path) {
    for (Entry<T> entry : entries) {
      if (entry.pattern().matches(method, path)) {
        return Optional.of(entry.value());
      }
    }
    return Optional.empty();
  }

  /** Collects entries for a {@link RouteTable}. */
  public static final class Builder<T> {
    private final List<Entry<T>> entries = new ArrayList<>();

    private Builder() {}

    /**
     * Adds one pattern.
     *
     * @param pattern {@code "METHOD /path"} as {@link RoutePattern#parse} reads it
     * @param value what requests it matches get
     * @throws IllegalArgumentException when the pattern does not parse
     */
    public Builder<T> add(String pattern, T value) {
      entries.add(new Entry<>(RoutePattern.parse(pattern), value, entries.size()));
      return this;
    }

    /** The table. */
    public RouteTable<T> build() {
      return new RouteTable<>(entries);
    }
  }
}
