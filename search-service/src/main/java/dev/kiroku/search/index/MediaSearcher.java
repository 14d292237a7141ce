package dev.kiroku.search.index;

import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.catalog.ReleaseStatus;
import dev.kiroku.search.service.SearchItem;
import dev.kiroku.search.service.SearchRequest;
import dev.kiroku.search.service.SearchResult;
import dev.kiroku.search.service.Suggestion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/** Runs searches and suggestions against one {@link MediaIndex}. Blocking: call on a worker. */
public final class MediaSearcher {

  /** Facet dimensions and how many values each returns at most. */
  private static final Map<String, Integer> FACET_LIMITS =
      Map.of(
          MediaFields.DIM_TYPE, 10,
          MediaFields.DIM_GENRE, 50,
          MediaFields.DIM_YEAR, 50,
          MediaFields.DIM_FORMAT, 20,
          MediaFields.DIM_STATUS, 10);

  private static final List<String> FACET_ORDER =
      List.of(
          MediaFields.DIM_TYPE,
          MediaFields.DIM_GENRE,
          MediaFields.DIM_YEAR,
          MediaFields.DIM_FORMAT,
          MediaFields.DIM_STATUS);

  public MediaSearcher() {}

  /**
   * Searches {@code index}. An answer already computed on the index's current view (same analyzed
   * words, filters, sort and page) is returned as is, without searching again.
   *
   * @throws IOException when the index cannot be read
   */
  public SearchResult search(MediaIndex index, SearchRequest request) throws IOException {
    List<String> tokens = SearchAnalyzers.tokens(request.query());
    MediaIndex.FacetedSearcher searcher = index.acquire();
    try {
      SearchKey key = new SearchKey(tokens, request.withQuery(""));
      SearchResult cached = searcher.searches().getIfPresent(key);
      if (cached != null) {
        return cached;
      }
      SearchResult result = search(searcher, tokens, request);
      searcher.searches().put(key, result);
      return result;
    } finally {
      index.release(searcher);
    }
  }

  /**
   * The answer {@link #search} would give if it is already computed on the index's current view;
   * null otherwise. Never reads the index files nor blocks: callable on an event loop.
   */
  public SearchResult cachedSearch(MediaIndex index, SearchRequest request) throws IOException {
    List<String> tokens = SearchAnalyzers.tokens(request.query());
    MediaIndex.FacetedSearcher searcher = index.acquire();
    try {
      return searcher.searches().getIfPresent(new SearchKey(tokens, request.withQuery("")));
    } finally {
      index.release(searcher);
    }
  }

  private SearchResult search(
      MediaIndex.FacetedSearcher searcher, List<String> tokens, SearchRequest request)
      throws IOException {
    FacetsCollectorManager.FacetsResult result =
        run(searcher, filtered(MediaQueries.search(tokens, false), request), request);
    long total = total(result.facetsCollector());
    if (total == 0 && !tokens.isEmpty()) {
      result = run(searcher, filtered(MediaQueries.search(tokens, true), request), request);
      total = total(result.facetsCollector());
    }
    TopDocs top = result.topDocs();
    FacetsCollector hits = result.facetsCollector();
    List<SearchItem> items = new ArrayList<>();
    int from = (request.page() - 1) * request.size();
    for (int i = from; i < top.scoreDocs.length; i++) {
      items.add(searcher.item(top.scoreDocs[i].doc).item());
    }
    return new SearchResult(
        total, request.page(), request.size(), List.copyOf(items), facets(searcher, hits));
  }

  /**
   * Up to {@code limit} completions for what the user typed so far, distinct by title, best first;
   * empty when {@code prefix} has no searchable characters. Like {@link #search}, an answer already
   * computed on the index's current view is returned as is.
   */
  public List<Suggestion> suggest(MediaIndex index, String prefix, int limit) throws IOException {
    List<String> tokens = SearchAnalyzers.tokens(prefix);
    if (tokens.isEmpty()) {
      return List.of();
    }
    MediaIndex.FacetedSearcher searcher = index.acquire();
    try {
      SuggestKey key = new SuggestKey(tokens, limit);
      List<Suggestion> cached = searcher.suggestions().getIfPresent(key);
      if (cached != null) {
        return cached;
      }
      TopDocs top = searcher.search(MediaQueries.suggest(tokens), limit * 3);
      List<Suggestion> suggestions = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (ScoreDoc hit : top.scoreDocs) {
        StoredItems.Entry entry = searcher.item(hit.doc);
        if (seen.add(entry.titleKey())) {
          SearchItem item = entry.item();
          suggestions.add(new Suggestion(item.id(), item.type(), item.title(), item.year()));
          if (suggestions.size() == limit) {
            break;
          }
        }
      }
      List<Suggestion> result = List.copyOf(suggestions);
      searcher.suggestions().put(key, result);
      return result;
    } finally {
      index.release(searcher);
    }
  }

  /**
   * The answer {@link #suggest} would give if it is already computed on the index's current view;
   * null otherwise (an empty list when {@code prefix} has no searchable characters). Never reads
   * the index files nor blocks: callable on an event loop.
   */
  public List<Suggestion> cachedSuggest(MediaIndex index, String prefix, int limit)
      throws IOException {
    List<String> tokens = SearchAnalyzers.tokens(prefix);
    if (tokens.isEmpty()) {
      return List.of();
    }
    MediaIndex.FacetedSearcher searcher = index.acquire();
    try {
      return searcher.suggestions().getIfPresent(new SuggestKey(tokens, limit));
    } finally {
      index.release(searcher);
    }
  }

  /** What a search answer depends on: the analyzed words, the filters, the sort and the page. */
  private record SearchKey(List<String> tokens, SearchRequest withoutQuery) {}

  /** What a suggest answer depends on. */
  private record SuggestKey(List<String> tokens, int limit) {}

  private static FacetsCollectorManager.FacetsResult run(
      MediaIndex.FacetedSearcher searcher, Query query, SearchRequest request) throws IOException {
    int wanted = request.page() * request.size();
    return switch (request.sort()) {
      case RELEVANCE ->
          FacetsCollectorManager.search(searcher, query, wanted, new FacetsCollectorManager());
      default ->
          FacetsCollectorManager.search(
              searcher, query, wanted, sort(request), true, new FacetsCollectorManager());
    };
  }

  private static long total(FacetsCollector hits) {
    long total = 0;
    for (FacetsCollector.MatchingDocs docs : hits.getMatchingDocs()) {
      total += docs.totalHits;
    }
    return total;
  }

  private static Sort sort(SearchRequest request) {
    return switch (request.sort()) {
      case POPULARITY ->
          new Sort(
              new SortField(MediaFields.POPULARITY, SortField.Type.LONG, true),
              SortField.FIELD_SCORE);
      case SCORE ->
          new Sort(
              new SortField(MediaFields.AVERAGE_SCORE, SortField.Type.LONG, true),
              SortField.FIELD_SCORE);
      case YEAR ->
          new Sort(
              new SortField(MediaFields.YEAR, SortField.Type.LONG, true), SortField.FIELD_SCORE);
      case TITLE ->
          new Sort(
              new SortField(MediaFields.SORT_TITLE, SortField.Type.STRING), SortField.FIELD_SCORE);
      case RELEVANCE -> Sort.RELEVANCE;
    };
  }

  private static Query filtered(Query scored, SearchRequest request) {
    if (!request.hasFilters()) {
      return scored;
    }
    BooleanQuery.Builder query = new BooleanQuery.Builder().add(scored, Occur.MUST);
    addFilter(query, MediaFields.F_TYPE, request.types(), MediaType::name);
    addFilter(query, MediaFields.F_GENRE, request.genres(), Function.identity());
    addFilter(query, MediaFields.F_YEAR, request.years(), String::valueOf);
    addFilter(query, MediaFields.F_FORMAT, request.formats(), Function.identity());
    addFilter(query, MediaFields.F_STATUS, request.statuses(), ReleaseStatus::name);
    return query.build();
  }

  private static <T> void addFilter(
      BooleanQuery.Builder query, String field, List<T> values, Function<T, String> text) {
    if (values.isEmpty()) {
      return;
    }
    BooleanQuery.Builder anyOf = new BooleanQuery.Builder();
    for (T value : values) {
      anyOf.add(
          new TermQuery(new Term(field, MediaDocuments.key(text.apply(value)))), Occur.SHOULD);
    }
    query.add(anyOf.build(), Occur.FILTER);
  }

  private static Map<String, Map<String, Long>> facets(
      MediaIndex.FacetedSearcher searcher, FacetsCollector hits) throws IOException {
    Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
    for (String dim : FACET_ORDER) {
      facets.put(dim, new LinkedHashMap<>());
    }
    if (searcher.facetState() != null) {
      count(searcher, hits, facets);
    }
    // Answers are cached and shared between requests: read-only.
    facets.replaceAll((dim, values) -> Collections.unmodifiableMap(values));
    return Collections.unmodifiableMap(facets);
  }

  private static void count(
      MediaIndex.FacetedSearcher searcher,
      FacetsCollector hits,
      Map<String, Map<String, Long>> facets)
      throws IOException {
    SortedSetDocValuesFacetCounts counts =
        new SortedSetDocValuesFacetCounts(searcher.facetState(), hits);
    for (String dim : FACET_ORDER) {
      FacetResult result;
      try {
        result = counts.getTopChildren(FACET_LIMITS.get(dim), dim);
      } catch (IllegalArgumentException dimensionNotIndexedYet) {
        continue;
      }
      if (result != null) {
        for (LabelAndValue value : result.labelValues) {
          facets.get(dim).put(value.label, value.value.longValue());
        }
      }
    }
  }
}
