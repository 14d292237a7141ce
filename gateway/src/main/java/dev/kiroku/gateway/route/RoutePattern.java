package dev.kiroku.gateway.route;

import java.util.Arrays;
import java.util.Locale;

/**
 * A route as configuration names it: an HTTP method (or {@code *} for any) and a path pattern,
 * separated by one space, e.g. {@code "POST /api/v1/progress/imports"} or {@code "*
 * /api/v1/progress/scrobble/**"}.
 *
 * <p>Path segments are literal, {@code *} (exactly one segment, such as the media id in the
 * catalog's refresh route) or, as the last segment only, {@code **} (any number of further
 * segments, none included). Matching is case-sensitive on the path, ignores one trailing slash, and
 * is meant for the router's normalized path (no {@code ..}, no {@code //}).
 */
public final class RoutePattern {

  private static final String ANY_METHOD = "*";
  private static final String ANY_SEGMENT = "*";
  private static final String ANY_REST = "**";

  private final String text;
  private final String method;
  private final String[] segments;
  private final boolean rest;

  private RoutePattern(String text, String method, String[] segments, boolean rest) {
    this.text = text;
    this.method = method;
    this.segments = segments;
    this.rest = rest;
  }

  /**
   * Parses {@code "METHOD /path"}.
   *
   * @param text the pattern, e.g. {@code "GET /api/v1/catalog/search"}
   * @return the pattern
   * @throws IllegalArgumentException when there is no method, the path does not start with {@code
   *     /}, or {@code **} is not the last segment
   */
  public static RoutePattern parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    int space = trimmed.indexOf(' ');
    if (space <= 0) {
      throw new IllegalArgumentException(
          "route pattern '" + text + "' must be 'METHOD /path' (METHOD may be *)");
    }
    String method = trimmed.substring(0, space).toUpperCase(Locale.ROOT);
    String path = trimmed.substring(space + 1).trim();
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException(
          "route pattern '" + text + "': the path must start with /");
    }
    String[] segments = split(path);
    boolean rest = segments.length > 0 && ANY_REST.equals(segments[segments.length - 1]);
    if (rest) {
      segments = Arrays.copyOf(segments, segments.length - 1);
    }
    for (String segment : segments) {
      if (ANY_REST.equals(segment)) {
        throw new IllegalArgumentException(
            "route pattern '" + text + "': ** may only be the last segment");
      }
    }
    return new RoutePattern(trimmed, ANY_METHOD.equals(method) ? null : method, segments, rest);
  }

  /**
   * Whether a request matches.
   *
   * @param method the request's HTTP method, upper case
   * @param path the request's normalized path, without query
   */
  public boolean matches(String method, String path) {
    if (this.method != null && !this.method.equals(method)) {
      return false;
    }
    // the path's segments in turn, as split() would cut them, without allocating: on every request
    int end = path.length();
    if (end > 1 && path.charAt(end - 1) == '/') {
      end--;
    }
    int pos = path.startsWith("/") ? 1 : 0;
    if (end <= pos) { // "/" or "": no segment
      return segments.length == 0;
    }
    for (String segment : segments) {
      if (pos > end) {
        return false; // the path has fewer segments
      }
      int slash = path.indexOf('/', pos);
      if (slash < 0 || slash > end) {
        slash = end;
      }
      if (!ANY_SEGMENT.equals(segment)
          && !(segment.length() == slash - pos
              && path.regionMatches(pos, segment, 0, segment.length()))) {
        return false;
      }
      pos = slash + 1;
    }
    return rest || pos > end;
  }

  /**
   * How specific the pattern is, for choosing between several that match one request: more literal
   * segments first, then more segments, then a pattern without {@code **}, then a named method.
   */
  int specificity() {
    int literal = 0;
    for (String segment : segments) {
      if (!ANY_SEGMENT.equals(segment)) {
        literal++;
      }
    }
    return literal * 10_000 + segments.length * 100 + (rest ? 0 : 10) + (method == null ? 0 : 1);
  }

  private static String[] split(String path) {
    String trimmed = path;
    if (trimmed.endsWith("/") && trimmed.length() > 1) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (trimmed.equals("/") || trimmed.isEmpty()) {
      return new String[0];
    }
    return (trimmed.startsWith("/") ? trimmed.substring(1) : trimmed).split("/", -1);
  }

  /** The pattern as configured. */
  @Override
  public String toString() {
    return text;
  }
}
