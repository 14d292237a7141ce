package dev.kiroku.search.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Builds people queries programmatically from analyzed words (never parsed as Lucene syntax).
 *
 * <p>Per typed word, the best of: the word in the handle or display name (weight 1), glued words
 * (0.8, {@code "sakurachan"} for the handle {@code sakura_chan}), for the last word its prefix
 * (0.5, as you type), and in the typo pass the word with typos ({@link MediaQueries#maxEdits}) in
 * words (0.5) or glued (0.4). Most words must match ({@link MediaQueries#minimumMatch}). The whole
 * handle (6) and the whole display name (4) add a fixed bonus, the words in order their phrase
 * score. Only searchable profiles match, and never those of {@code hiddenUsers}.
 */
final class PeopleQueries {

  static final float EXACT_HANDLE_BOOST = 6f;
  static final float EXACT_NAME_BOOST = 4f;

  private PeopleQueries() {}

  /**
   * @param words analyzed words of the query, handle underscores split ({@link #words}); not empty
   * @param typos whether words may match with typos (the second pass, when the first found none)
   * @param hiddenUsers user ids whose profiles must not match (who blocked the caller)
   */
  static Query search(List<String> words, boolean typos, Collection<String> hiddenUsers) {
    BooleanQuery.Builder each = new BooleanQuery.Builder();
    for (int i = 0; i < words.size(); i++) {
      each.add(wordQuery(words.get(i), i == words.size() - 1, typos), Occur.SHOULD);
    }
    each.setMinimumNumberShouldMatch(MediaQueries.minimumMatch(words.size()));
    Query match = each.build();
    if (words.size() >= 2) {
      // Words typed apart may be one handle ("sakura chan" → sakura_chan is also "sakurachan").
      match =
          new BooleanQuery.Builder()
              .add(match, Occur.SHOULD)
              .add(
                  new TermQuery(new Term(PeopleFields.WORDS, String.join("", words))), Occur.SHOULD)
              .add(
                  new TermQuery(new Term(PeopleFields.JOINED, String.join("", words))),
                  Occur.SHOULD)
              .build();
    }
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    query.add(match, Occur.MUST);
    query.add(new TermQuery(new Term(PeopleFields.KIND, PeopleFields.PERSON)), Occur.FILTER);
    if (!hiddenUsers.isEmpty()) {
      List<BytesRef> keys = new ArrayList<>();
      for (String userId : hiddenUsers) {
        keys.add(new BytesRef(PeopleDocuments.profileKey(userId)));
      }
      query.add(new TermInSetQuery(PeopleFields.KEY, keys), Occur.MUST_NOT);
    }
    query.add(
        new BoostQuery(
            new ConstantScoreQuery(
                new TermQuery(new Term(PeopleFields.HANDLE, String.join("_", words)))),
            EXACT_HANDLE_BOOST),
        Occur.SHOULD);
    query.add(
        new BoostQuery(
            new ConstantScoreQuery(
                new TermQuery(new Term(PeopleFields.NAME_EXACT, String.join(" ", words)))),
            EXACT_NAME_BOOST),
        Occur.SHOULD);
    if (words.size() >= 2) {
      query.add(new PhraseQuery(1, PeopleFields.WORDS, words.toArray(String[]::new)), Occur.SHOULD);
    }
    return query.build();
  }

  /**
   * The words of a people query: the {@link SearchAnalyzers#text()} tokens of {@code q} with
   * underscores read as spaces ({@code "@Sakura_Chan"} → {@code [sakura, chan]}).
   */
  static List<String> words(String q) {
    return SearchAnalyzers.tokens(q == null ? null : q.replace('_', ' '));
  }

  /** Block documents of active blocks against {@code userId} (their blocker is stored). */
  static Query blockersOf(String userId) {
    return new TermQuery(new Term(PeopleFields.BLOCKS, userId));
  }

  private static Query wordQuery(String word, boolean last, boolean typos) {
    List<Query> alternatives = new ArrayList<>();
    alternatives.add(new TermQuery(new Term(PeopleFields.WORDS, word)));
    if (last) {
      alternatives.add(new BoostQuery(new TermQuery(new Term(PeopleFields.PREFIX, word)), 0.5f));
    }
    int edits = MediaQueries.maxEdits(word);
    if (edits > 0) {
      alternatives.add(new BoostQuery(new TermQuery(new Term(PeopleFields.JOINED, word)), 0.8f));
      if (typos) {
        alternatives.add(
            new BoostQuery(
                new CachedFuzzyQuery(new Term(PeopleFields.WORDS, word), edits, 1, 30, true),
                0.5f));
        alternatives.add(
            new BoostQuery(
                new CachedFuzzyQuery(new Term(PeopleFields.JOINED, word), edits, 1, 30, true),
                0.4f));
      }
    }
    return new DisjunctionMaxQuery(alternatives, 0.1f);
  }
}
