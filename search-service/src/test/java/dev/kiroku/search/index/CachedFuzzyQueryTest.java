package dev.kiroku.search.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CachedFuzzyQuery} finds and scores exactly what {@link FuzzyQuery} does, and a second
 * query for the same word reuses the automata the first one built, on every segment and from
 * concurrent searches.
 */
class CachedFuzzyQueryTest {

  private static final List<String> TITLES =
      List.of(
          "the shawshank redemption",
          "redemption song",
          "shaw brothers",
          "interstellar",
          "inception",
          "the godfather",
          "godfather part ii",
          "the father",
          "slaughterhouse five",
          "hellsing ultimate");

  private static ByteBuffersDirectory directory;
  private static DirectoryReader reader;
  private static IndexSearcher searcher;

  @BeforeAll
  static void index() throws IOException {
    directory = new ByteBuffersDirectory();
    try (IndexWriter writer =
        new IndexWriter(directory, new IndexWriterConfig(new WhitespaceAnalyzer()))) {
      // several segments, so that one query runs its terms enum once per segment
      for (int i = 0; i < TITLES.size(); i++) {
        Document doc = new Document();
        doc.add(new StringField("id", String.valueOf(i), Field.Store.YES));
        doc.add(new TextField("title", TITLES.get(i), Field.Store.NO));
        writer.addDocument(doc);
        if (i % 3 == 2) {
          writer.commit();
        }
      }
    }
    reader = DirectoryReader.open(directory);
    assertThat(reader.leaves()).hasSizeGreaterThan(1);
    searcher = new IndexSearcher(reader);
  }

  @AfterAll
  static void close() throws IOException {
    reader.close();
    directory.close();
  }

  @BeforeEach
  void forget() {
    CachedFuzzyQuery.forgetAll();
  }

  @Test
  void findsAndScoresWhatFuzzyQueryDoes() throws IOException {
    for (String word : List.of("redemtion", "shawshenk", "godfater", "intersteler", "hellsng")) {
      int edits = MediaQueries.maxEdits(word);
      Term term = new Term("title", word);
      List<String> plain = hits(new FuzzyQuery(term, edits, 1, 30, true));
      List<String> first = hits(new CachedFuzzyQuery(term, edits, 1, 30, true));
      List<String> again = hits(new CachedFuzzyQuery(term, edits, 1, 30, true));

      assertThat(plain).as(word).isNotEmpty();
      assertThat(first).as(word).isEqualTo(plain);
      assertThat(again).as(word + ", with the kept automata").isEqualTo(plain);
    }
  }

  @Test
  void aSecondQueryForTheSameWordReusesTheAutomataOnEverySegment() throws IOException {
    long before = CachedFuzzyQuery.reused();
    Term term = new Term("title", "redemtion");

    hits(new CachedFuzzyQuery(term, 2, 1, 30, true));
    assertThat(CachedFuzzyQuery.cachedWords()).isEqualTo(1);
    long afterFirst = CachedFuzzyQuery.reused();
    // the first query built them on its first segment and reused them on the others
    assertThat(afterFirst - before).isEqualTo(reader.leaves().size() - 1);

    hits(new CachedFuzzyQuery(term, 2, 1, 30, true));
    assertThat(CachedFuzzyQuery.reused() - afterFirst).isEqualTo(reader.leaves().size());
    assertThat(CachedFuzzyQuery.cachedWords()).isEqualTo(1);

    // other edits, another prefix or another word: other automata
    hits(new CachedFuzzyQuery(term, 1, 1, 30, true));
    hits(new CachedFuzzyQuery(term, 2, 0, 30, true));
    hits(new CachedFuzzyQuery(new Term("title", "godfater"), 2, 1, 30, true));
    assertThat(CachedFuzzyQuery.cachedWords()).isEqualTo(4);
  }

  @Test
  void concurrentSearchesShareTheKeptAutomata() throws Exception {
    Term term = new Term("title", "slaughterhous");
    List<String> expected = hits(new FuzzyQuery(term, 2, 1, 30, true));
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        answers.add(threads.submit(() -> hits(new CachedFuzzyQuery(term, 2, 1, 30, true))));
      }
      for (Future<List<String>> answer : answers) {
        assertThat(answer.get()).isEqualTo(expected);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(CachedFuzzyQuery.cachedWords()).isEqualTo(1);
  }

  /** "id score" of every hit, best first. */
  private static List<String> hits(Query query) throws IOException {
    List<String> hits = new ArrayList<>();
    for (ScoreDoc hit : searcher.search(query, 20).scoreDocs) {
      hits.add(searcher.storedFields().document(hit.doc).get("id") + " " + hit.score);
    }
    return hits;
  }
}
