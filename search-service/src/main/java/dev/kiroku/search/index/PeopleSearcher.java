package dev.kiroku.search.index;

import dev.kiroku.search.service.Person;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;

/** Runs people searches against one {@link PeopleIndex}. Blocking: call on a worker. */
public final class PeopleSearcher {

  private static final Sort RELEVANCE_THEN_HANDLE =
      new Sort(
          SortField.FIELD_SCORE, new SortField(PeopleFields.SORT_HANDLE, SortField.Type.STRING));

  private static final Set<String> SHOWN =
      Set.of(
          PeopleFields.STORED_HANDLE,
          PeopleFields.STORED_DISPLAY_NAME,
          PeopleFields.STORED_AVATAR_URL);

  public PeopleSearcher() {}

  /**
   * Up to {@code limit} public profiles matching {@code q}, best first (equal scores by handle),
   * none of a user who blocked {@code callerId}. Words are matched as typed first; only when that
   * finds nobody, with typos. Empty when {@code q} has no searchable characters.
   *
   * @param callerId the caller's user id (token {@code sub}); null for a visitor without a token
   * @param limit 1-50
   * @throws IOException when the index cannot be read
   */
  public List<Person> search(PeopleIndex index, String q, String callerId, int limit)
      throws IOException {
    List<String> words = PeopleQueries.words(q);
    if (words.isEmpty()) {
      return List.of();
    }
    IndexSearcher searcher = index.acquire();
    try {
      Set<String> blockers = callerId == null ? Set.of() : blockersOf(searcher, callerId);
      TopDocs top =
          searcher.search(
              PeopleQueries.search(words, false, blockers), limit, RELEVANCE_THEN_HANDLE, true);
      if (top.scoreDocs.length == 0) {
        top =
            searcher.search(
                PeopleQueries.search(words, true, blockers), limit, RELEVANCE_THEN_HANDLE, true);
      }
      StoredFields stored = searcher.storedFields();
      List<Person> people = new ArrayList<>(top.scoreDocs.length);
      for (ScoreDoc hit : top.scoreDocs) {
        Document doc = stored.document(hit.doc, SHOWN);
        people.add(
            new Person(
                doc.get(PeopleFields.STORED_HANDLE),
                doc.get(PeopleFields.STORED_DISPLAY_NAME),
                doc.get(PeopleFields.STORED_AVATAR_URL)));
      }
      return List.copyOf(people);
    } finally {
      index.release(searcher);
    }
  }

  /** Ids of the users who block {@code userId} now (read from doc values, not stored fields). */
  static Set<String> blockersOf(IndexSearcher searcher, String userId) throws IOException {
    Query query = searcher.rewrite(PeopleQueries.blockersOf(userId));
    Weight weight = searcher.createWeight(query, ScoreMode.COMPLETE_NO_SCORES, 1f);
    Set<String> blockers = new LinkedHashSet<>();
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      SortedDocValues values = DocValues.getSorted(leaf.reader(), PeopleFields.BLOCKER);
      Bits live = leaf.reader().getLiveDocs();
      DocIdSetIterator docs = scorer.iterator();
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        if ((live == null || live.get(doc)) && values.advanceExact(doc)) {
          blockers.add(values.lookupOrd(values.ordValue()).utf8ToString());
        }
      }
    }
    return blockers;
  }
}
