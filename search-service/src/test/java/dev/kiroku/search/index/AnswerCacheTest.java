package dev.kiroku.search.index;

import static dev.kiroku.search.CatalogEventProducer.JSON;
import static dev.kiroku.search.CatalogEventProducer.media;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.search.service.SearchItem;
import dev.kiroku.search.service.SearchRequest;
import dev.kiroku.search.service.SearchResult;
import dev.kiroku.search.service.SearchSort;
import dev.kiroku.search.service.Suggestion;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answers kept per searcher ({@link MediaIndex.FacetedSearcher}) and the decoded items ({@link
 * StoredItems}): a repeated search or suggest is served from the cache, and any change made visible
 * by a refresh (new item, changed title, removal) is in the very next answer.
 */
class AnswerCacheTest {

  @TempDir Path folder;
  MediaIndex index;
  final MediaSearcher searcher = new MediaSearcher();
  final UUID naruto = UUID.randomUUID();
  final UUID narutoShippuden = UUID.randomUUID();

  @BeforeEach
  void open() throws Exception {
    index = MediaIndex.open(folder.resolve("index"), JSON);
    index.upsert(anime(naruto, "Naruto", 90));
    index.upsert(anime(narutoShippuden, "Naruto: Shippuden", 80));
    index.upsert(anime(UUID.randomUUID(), "Bleach", 85));
    index.refresh();
  }

  @AfterEach
  void close() throws Exception {
    index.close();
  }

  static dev.kiroku.contracts.catalog.MediaSnapshot anime(UUID id, String title, int popularity) {
    return media(id, MediaType.ANIME, title, null, 2002, "TV", List.of("Action"), popularity);
  }

  static List<String> titles(SearchResult result) {
    return result.items().stream().map(SearchItem::title).toList();
  }

  static List<String> suggested(List<Suggestion> suggestions) {
    return suggestions.stream().map(Suggestion::title).toList();
  }

  @Test
  void aRepeatedSearchIsAnsweredFromTheCacheUntilARefreshShowsAChange() throws Exception {
    SearchRequest request = SearchRequest.of("naruto");
    assertThat(searcher.cachedSearch(index, request)).isNull();

    SearchResult first = searcher.search(index, request);
    assertThat(titles(first)).containsExactly("Naruto", "Naruto: Shippuden");
    assertThat(searcher.cachedSearch(index, request)).isSameAs(first);
    assertThat(searcher.search(index, request)).isSameAs(first);
    // Same analyzed words: same answer.
    assertThat(searcher.search(index, SearchRequest.of("  NARUTO "))).isSameAs(first);
    // Another page size, sort or filter is another answer.
    SearchRequest bySize =
        new SearchRequest(
            "naruto",
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            SearchSort.RELEVANCE,
            1,
            1);
    assertThat(searcher.cachedSearch(index, bySize)).isNull();
    assertThat(searcher.search(index, bySize).items()).hasSize(1);

    // A refresh without changes keeps the same view and its answers.
    index.refresh();
    assertThat(searcher.cachedSearch(index, request)).isSameAs(first);

    UUID boruto = UUID.randomUUID();
    index.upsert(anime(boruto, "Boruto: Naruto Next Generations", 70));
    index.refresh();
    assertThat(searcher.cachedSearch(index, request)).isNull();
    SearchResult second = searcher.search(index, request);
    assertThat(second.total()).isEqualTo(3);
    assertThat(titles(second)).contains("Boruto: Naruto Next Generations");
    assertThat(second.facets().get("type")).containsEntry("ANIME", 3L);

    index.remove(boruto);
    index.refresh();
    assertThat(titles(searcher.search(index, request)))
        .containsExactly("Naruto", "Naruto: Shippuden");
  }

  @Test
  void anUpdatedItemIsReturnedAsUpdatedNotAsDecodedBefore() throws Exception {
    assertThat(titles(searcher.search(index, SearchRequest.of("naruto")))).contains("Naruto");

    index.upsert(anime(naruto, "Naruto (2002)", 95));
    index.refresh();

    SearchResult after = searcher.search(index, SearchRequest.of("naruto"));
    assertThat(titles(after)).contains("Naruto (2002)").doesNotContain("Naruto");
    assertThat(after.items().get(0).popularity()).isEqualTo(95);
    assertThat(suggested(searcher.suggest(index, "nar", 10))).contains("Naruto (2002)");
  }

  @Test
  void aRepeatedSuggestIsAnsweredFromTheCacheUntilARefreshShowsAChange() throws Exception {
    assertThat(searcher.cachedSuggest(index, "nar", 10)).isNull();
    List<Suggestion> first = searcher.suggest(index, "nar", 10);
    assertThat(suggested(first)).containsExactly("Naruto", "Naruto: Shippuden");
    assertThat(searcher.cachedSuggest(index, "nar", 10)).isSameAs(first);
    assertThat(searcher.suggest(index, "NAR", 10)).isSameAs(first);
    assertThat(searcher.cachedSuggest(index, "nar", 1)).isNull();
    assertThat(suggested(searcher.suggest(index, "nar", 1))).containsExactly("Naruto");
    // Nothing searchable: empty, without touching the index.
    assertThat(searcher.cachedSuggest(index, "!!", 10)).isEmpty();

    index.upsert(anime(UUID.randomUUID(), "Narutaru", 99));
    index.refresh();
    assertThat(searcher.cachedSuggest(index, "nar", 10)).isNull();
    assertThat(suggested(searcher.suggest(index, "nar", 10)))
        .containsExactly("Narutaru", "Naruto", "Naruto: Shippuden");
  }

  @Test
  void cachedAnswersCannotBeChangedByTheirReaders() throws Exception {
    SearchResult result = searcher.search(index, SearchRequest.of("naruto"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> result.items().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> result.facets().get("type").put("MANGA", 1L))
        .isInstanceOf(UnsupportedOperationException.class);
    List<Suggestion> suggestions = searcher.suggest(index, "nar", 10);
    org.assertj.core.api.Assertions.assertThatThrownBy(suggestions::clear)
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
