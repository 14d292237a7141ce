package dev.kiroku.search.index;

import dev.kiroku.search.service.Person;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;

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
   * @param callerId the caller's user id (token {@code sub})
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
      Set<String> blockers = blockersOf(searcher, callerId);
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

  /** Ids of the users who block {@code userId} now. */
  static Set<String> blockersOf(IndexSearcher searcher, String userId) throws IOException {
    Query query = PeopleQueries.blockersOf(userId);
    int count = searcher.count(query);
    Set<String> blockers = new LinkedHashSet<>();
    if (count == 0) {
      return blockers;
    }
    StoredFields stored = searcher.storedFields();
    for (ScoreDoc hit : searcher.search(query, count).scoreDocs) {
      IndexableField blocker =
          stored.document(hit.doc, Set.of(PeopleFields.BLOCKER)).getField(PeopleFields.BLOCKER);
      if (blocker != null) {
        blockers.add(blocker.stringValue());
      }
    }
    return blockers;
  }
}
