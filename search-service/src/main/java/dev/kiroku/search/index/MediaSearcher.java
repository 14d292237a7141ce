package dev.kiroku.search.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.catalog.ReleaseStatus;
import dev.kiroku.search.service.SearchItem;
import dev.kiroku.search.service.SearchRequest;
import dev.kiroku.search.service.SearchResult;
import dev.kiroku.search.service.Suggestion;
import java.io.IOException;
import java.util.ArrayList;
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

  private final ObjectMapper json;

  public MediaSearcher(ObjectMapper json) {
    this.json = json;
  }

  /**
   * Searches {@code index}.
   *
   * @throws IOException when the index cannot be read
   */
  public SearchResult search(MediaIndex index, SearchRequest request) throws IOException {
    List<String> tokens = SearchAnalyzers.tokens(request.query());
    MediaIndex.FacetedSearcher searcher = index.acquire();
    try {
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
        items.add(item(searcher, top.scoreDocs[i]));
      }
      return new SearchResult(total, request.page(), request.size(), items, facets(searcher, hits));
    } finally {
      index.release(searcher);
    }
  }

  /**
   * Up to {@code limit} completions for what the user typed so far, distinct by title, best first;
   * empty when {@code prefix} has no searchable characters.
   */
  public List<Suggestion> suggest(MediaIndex index, String prefix, int limit) throws IOException {
    List<String> tokens = SearchAnalyzers.tokens(prefix);
    if (tokens.isEmpty()) {
      return List.of();
    }
    MediaIndex.FacetedSearcher searcher = index.acquire();
    try {
      TopDocs top = searcher.search(MediaQueries.suggest(tokens), limit * 3);
      List<Suggestion> suggestions = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (ScoreDoc hit : top.scoreDocs) {
        SearchItem item = item(searcher, hit);
        if (seen.add(SearchAnalyzers.normalize(item.title()) + "|" + item.type())) {
          suggestions.add(new Suggestion(item.id(), item.type(), item.title(), item.year()));
          if (suggestions.size() == limit) {
            break;
          }
        }
      }
      return suggestions;
    } finally {
      index.release(searcher);
    }
  }

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

  private SearchItem item(MediaIndex.FacetedSearcher searcher, ScoreDoc hit) throws IOException {
    return json.readValue(
        searcher.storedFields().document(hit.doc).getBinaryValue(MediaFields.ITEM).bytes,
        SearchItem.class);
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
    if (searcher.facetState() == null) {
      return facets;
    }
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
    return facets;
  }
}
