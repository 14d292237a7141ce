package dev.kiroku.search.service;

import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.catalog.ReleaseStatus;
import dev.kiroku.platform.problem.Problem;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.search.index.MediaIndex;
import dev.kiroku.search.index.MediaSearcher;
import dev.kiroku.search.index.SearchAnalyzers;
import dev.kiroku.search.indexer.IndexerLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.lucene.store.AlreadyClosedException;

/**
 * Validates search parameters and runs searches and suggestions on the current index. Blocking
 * (Lucene): call it from a worker thread, never from the event loop.
 */
@ApplicationScoped
public class SearchService {

  /** Longest accepted {@code q}, characters. */
  public static final int MAX_QUERY_LENGTH = 200;

  /** Largest page size. */
  public static final int MAX_PAGE_SIZE = 50;

  /** Deepest result reachable by paging ({@code page * size}). */
  public static final int MAX_RESULT_WINDOW = 1000;

  /** Most completions per suggest call. */
  public static final int MAX_SUGGESTIONS = 10;

  private final IndexerLifecycle lifecycle;
  private final MediaSearcher searcher;

  public SearchService(IndexerLifecycle lifecycle) {
    this.lifecycle = lifecycle;
    this.searcher = new MediaSearcher();
  }

  /**
   * Validates raw parameters into a {@link SearchRequest}. Lists accept repeated parameters and
   * comma-separated values.
   *
   * @throws ProblemException {@link SearchErrorCode#INVALID_SEARCH_PARAMETER} naming each bad field
   *     ({@code q} over 200 characters, unknown {@code type}/{@code status}/{@code sort}, {@code
   *     year} not an integer, {@code page} < 1 or beyond 1,000 results, {@code size} outside 1-50);
   *     {@link SearchErrorCode#SEARCH_QUERY_REQUIRED} when {@code q} is blank and no filter is set
   */
  public SearchRequest request(
      String q,
      List<String> type,
      List<String> genre,
      List<String> year,
      List<String> format,
      List<String> status,
      String sort,
      String page,
      String size) {
    List<Problem.Violation> violations = new ArrayList<>();
    String query = q == null ? "" : q.strip();
    if (query.length() > MAX_QUERY_LENGTH) {
      violations.add(
          new Problem.Violation("q", "must be at most " + MAX_QUERY_LENGTH + " characters"));
    }
    List<MediaType> types =
        parse(type, "type", violations, v -> enumValue(MediaType.class, v), "a media type");
    List<ReleaseStatus> statuses =
        parse(status, "status", violations, v -> enumValue(ReleaseStatus.class, v), "a status");
    List<Integer> years = parse(year, "year", violations, SearchService::yearValue, "a year");
    List<String> genres = parse(genre, "genre", violations, SearchService::text, "a genre");
    List<String> formats = parse(format, "format", violations, SearchService::text, "a format");
    SearchSort order = SearchSort.RELEVANCE;
    if (sort != null && !sort.isBlank()) {
      Optional<SearchSort> parsed = SearchSort.fromParameter(sort);
      if (parsed.isEmpty()) {
        violations.add(
            new Problem.Violation(
                "sort", "must be one of relevance, popularity, score, year, title"));
      } else {
        order = parsed.get();
      }
    }
    int pageSize = integer(size, 20);
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      violations.add(new Problem.Violation("size", "must be between 1 and " + MAX_PAGE_SIZE));
    }
    int pageNumber = integer(page, 1);
    if (pageNumber < 1) {
      violations.add(new Problem.Violation("page", "must be at least 1"));
    } else if (pageSize >= 1 && (long) pageNumber * pageSize > MAX_RESULT_WINDOW) {
      violations.add(
          new Problem.Violation(
              "page", "page * size must be at most " + MAX_RESULT_WINDOW + "; refine the query"));
    }
    if (!violations.isEmpty()) {
      throw new ProblemException(
          SearchErrorCode.INVALID_SEARCH_PARAMETER,
          "Invalid search parameters: "
              + String.join(", ", violations.stream().map(Problem.Violation::field).toList()),
          violations,
          Map.of());
    }
    SearchRequest request =
        new SearchRequest(
            query, types, genres, years, formats, statuses, order, pageNumber, pageSize);
    if (query.isEmpty() && !request.hasFilters()) {
      throw new ProblemException(
          SearchErrorCode.SEARCH_QUERY_REQUIRED,
          "Give a query (q) or at least one filter (type, genre, year, format, status)",
          List.of(new Problem.Violation("q", "must not be blank without a filter")),
          Map.of());
    }
    return request;
  }

  /**
   * Runs a validated search; a query without searchable characters (only punctuation) and no filter
   * matches nothing. Blocking (reads the index): call it on a worker thread.
   */
  public SearchResult search(SearchRequest request) {
    SearchResult empty = emptyAnswer(request);
    if (empty != null) {
      return empty;
    }
    return withIndex(index -> searcher.search(index, request));
  }

  /**
   * What {@link #search} answers when that needs no work on the index: the empty answer of a query
   * without searchable characters, or an answer already computed on the index's current view (see
   * {@link MediaSearcher#cachedSearch}). Null when the index must be searched. Never blocks: meant
   * for the event loop, so a repeated search costs no worker thread.
   */
  public SearchResult searchWithoutIndexWork(SearchRequest request) {
    SearchResult empty = emptyAnswer(request);
    if (empty != null) {
      return empty;
    }
    return cached(index -> searcher.cachedSearch(index, request));
  }

  private static SearchResult emptyAnswer(SearchRequest request) {
    if (!request.hasFilters() && SearchAnalyzers.tokens(request.query()).isEmpty()) {
      return new SearchResult(0, request.page(), request.size(), List.of(), emptyFacets());
    }
    return null;
  }

  /**
   * Validates suggest parameters.
   *
   * @throws ProblemException {@link SearchErrorCode#INVALID_SEARCH_PARAMETER} when {@code q} is
   *     blank or over 200 characters, or {@code limit} is outside 1-10
   */
  public SuggestRequest suggestRequest(String q, String limit) {
    List<Problem.Violation> violations = new ArrayList<>();
    if (q == null || q.isBlank()) {
      violations.add(new Problem.Violation("q", "must not be blank"));
    } else if (q.length() > MAX_QUERY_LENGTH) {
      violations.add(
          new Problem.Violation("q", "must be at most " + MAX_QUERY_LENGTH + " characters"));
    }
    int n = integer(limit, MAX_SUGGESTIONS);
    if (n < 1 || n > MAX_SUGGESTIONS) {
      violations.add(new Problem.Violation("limit", "must be between 1 and " + MAX_SUGGESTIONS));
    }
    if (!violations.isEmpty()) {
      throw new ProblemException(
          SearchErrorCode.INVALID_SEARCH_PARAMETER,
          "Invalid suggest parameters",
          violations,
          Map.of());
    }
    return new SuggestRequest(q, n);
  }

  /**
   * Up to {@code request.limit()} completions of {@code request.prefix()}. Blocking (reads the
   * index): call it on a worker thread.
   */
  public List<Suggestion> suggest(SuggestRequest request) {
    return withIndex(index -> searcher.suggest(index, request.prefix(), request.limit()));
  }

  /**
   * What {@link #suggest} answers when it is already computed on the index's current view; null
   * when the index must be searched. Never blocks: meant for the event loop.
   */
  public List<Suggestion> suggestWithoutIndexWork(SuggestRequest request) {
    return cached(index -> searcher.cachedSuggest(index, request.prefix(), request.limit()));
  }

  /**
   * A validated suggest call.
   *
   * @param prefix what was typed so far, not blank, at most 200 characters
   * @param limit most completions wanted, 1-10
   */
  public record SuggestRequest(String prefix, int limit) {}

  /** {@code lookup} on the current index; null when there is none or it was just swapped. */
  private <T> T cached(IndexWork<T> lookup) {
    MediaIndex index = lifecycle.indexer().current();
    if (index == null) {
      return null;
    }
    try {
      return lookup.apply(index);
    } catch (AlreadyClosedException | IOException swappedMeanwhile) {
      return null;
    }
  }

  private interface IndexWork<T> {
    T apply(MediaIndex index) throws IOException;
  }

  private <T> T withIndex(IndexWork<T> work) {
    for (int attempt = 0; ; attempt++) {
      MediaIndex index = lifecycle.indexer().current();
      if (index == null) {
        throw new ProblemException(
            SearchErrorCode.SEARCH_INDEX_UNAVAILABLE, "The search index is not open; retry later");
      }
      try {
        return work.apply(index);
      } catch (AlreadyClosedException swappedMeanwhile) {
        if (attempt >= 2) {
          throw swappedMeanwhile;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static Map<String, Map<String, Long>> emptyFacets() {
    Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
    for (String dim : List.of("type", "genre", "year", "format", "status")) {
      facets.put(dim, Map.of());
    }
    return facets;
  }

  private static <T> List<T> parse(
      List<String> raw,
      String field,
      List<Problem.Violation> violations,
      Function<String, T> parser,
      String what) {
    List<T> values = new ArrayList<>();
    if (raw == null) {
      return values;
    }
    for (String param : raw) {
      if (param == null) {
        continue;
      }
      for (String value : param.split(",")) {
        if (value.isBlank()) {
          continue;
        }
        T parsed = parser.apply(value.strip());
        if (parsed == null) {
          String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value.strip();
          violations.add(new Problem.Violation(field, "'" + shown + "' is not " + what));
        } else {
          values.add(parsed);
        }
      }
    }
    return values;
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String value) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value.replace('-', '_'))) {
        return constant;
      }
    }
    return null;
  }

  /**
   * The integer in {@code value}; {@code fallback} when absent, {@code 0} (out of range) if bad.
   */
  private static int integer(String value, int fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Integer yearValue(String value) {
    try {
      int year = Integer.parseInt(value);
      return year >= -9999 && year <= 9999 ? year : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String text(String value) {
    return value.length() <= 100 ? value : null;
  }
}
