package dev.kiroku.search.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.search.service.SearchItem;
import dev.kiroku.search.service.SearchRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Relevance on real data: the three shared datasets (about 32,000 items) indexed through {@link
 * MediaIndex#upsert} (the service's indexing code), then every query of {@code
 * relevance-queries.tsv} (category, query, expected title, media type). The intended item must be
 * in the top 3 for at least 95% of the queries. Prints the top-1 and top-3 hit rates, per category,
 * and every miss with what came first instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelevanceTest {

  static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

  @TempDir static Path folder;
  MediaIndex index;
  MediaSearcher searcher;

  @BeforeAll
  void indexTheDatasets() throws Exception {
    long start = System.nanoTime();
    List<MediaSnapshot> media = DatasetMedia.all();
    long loaded = System.nanoTime();
    index = MediaIndex.open(folder.resolve("index"), JSON);
    for (MediaSnapshot item : media) {
      index.upsert(item);
    }
    index.commit();
    index.refresh();
    searcher = new MediaSearcher();
    System.out.printf(
        "Relevance: %d items read in %d ms, indexed in %d ms%n",
        media.size(), (loaded - start) / 1_000_000, (System.nanoTime() - loaded) / 1_000_000);
    assertThat(index.documentCount()).isGreaterThan(30_000);
  }

  @AfterAll
  void close() throws Exception {
    index.close();
  }

  record Case(String category, String query, String title, MediaType type) {}

  static List<Case> cases() throws Exception {
    List<Case> cases = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                RelevanceTest.class.getResourceAsStream("/relevance-queries.tsv"),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t");
        assertThat(cols).as("4 tab-separated columns: %s", line).hasSize(4);
        cases.add(new Case(cols[0], cols[1], cols[2], MediaType.valueOf(cols[3])));
      }
    }
    return cases;
  }

  @Test
  void intendedTitleIsInTheTop3ForAtLeast95PercentOfTheQueries() throws Exception {
    List<Case> cases = cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(150);
    int top1 = 0;
    int top3 = 0;
    Map<String, int[]> perCategory = new TreeMap<>();
    List<String> misses = new ArrayList<>();
    long started = System.nanoTime();
    for (Case c : cases) {
      List<SearchItem> items = searcher.search(index, SearchRequest.of(c.query())).items();
      int rank = -1;
      for (int i = 0; i < Math.min(3, items.size()); i++) {
        if (items.get(i).type() == c.type() && items.get(i).title().equals(c.title())) {
          rank = i;
          break;
        }
      }
      int[] stats = perCategory.computeIfAbsent(c.category(), k -> new int[3]);
      stats[2]++;
      if (rank == 0) {
        top1++;
        stats[0]++;
      }
      if (rank >= 0) {
        top3++;
        stats[1]++;
      } else {
        misses.add(
            String.format(
                "  MISS [%s] %-32s want %s (%s); got %s",
                c.category(),
                "\"" + c.query() + "\"",
                c.title(),
                c.type(),
                items.stream().limit(3).map(i -> i.title() + " (" + i.type() + ")").toList()));
      }
    }
    long micros = (System.nanoTime() - started) / 1000 / cases.size();
    System.out.printf(
        "Relevance: %d queries, top-1 %.1f%% (%d), top-3 %.1f%% (%d), %d µs per query%n",
        cases.size(), 100.0 * top1 / cases.size(), top1, 100.0 * top3 / cases.size(), top3, micros);
    perCategory.forEach(
        (category, s) ->
            System.out.printf(
                "  %-20s %3d queries, top-1 %5.1f%%, top-3 %5.1f%%%n",
                category, s[2], 100.0 * s[0] / s[2], 100.0 * s[1] / s[2]));
    misses.forEach(System.out::println);
    assertThat((double) top3 / cases.size()).isGreaterThanOrEqualTo(0.95);
  }
}
