package dev.kiroku.search.index;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Builds the ranking queries programmatically from analyzed tokens: user text is never parsed as
 * Lucene query syntax, so {@code "AND"}, {@code "*"}, {@code "title:x"} or {@code "\""} are just
 * searched as text.
 *
 * <p>Per query token, the best of: the word in a title (weight 1), in a synonym (0.7), as a title
 * word's prefix (0.5, as you type), glued title words (0.8, {@code "steinsgate"}), the word with
 * typos ({@link #maxEdits}: 0 edits under 4 characters, 1 for 4-7, 2 from 8; weight 0.5; a {@link
 * CachedFuzzyQuery}, which reuses the automata of words searched before), in credits such as
 * authors and studios (0.3). Most tokens must match ({@link #minimumMatch}); a whole-title match
 * and the words in order add to the score; the sum is multiplied by {@link PopularityBoost}.
 */
public final class MediaQueries {

  /** Added when the whole normalized query equals a whole normalized title. */
  static final float EXACT_TITLE_BOOST = 6f;

  /** Added (times phrase score) when the query's words appear in order in a title. */
  static final float PHRASE_BOOST = 1f;

  static final double POPULARITY_WEIGHT = 0.8;
  static final double SCORE_WEIGHT = 0.4;

  private MediaQueries() {}

  /** Typo budget of a token: 0 edits under 4 characters, 1 for 4-7, 2 from 8. */
  public static int maxEdits(String token) {
    int length = token.codePointCount(0, token.length());
    if (length >= 8) {
      return 2;
    }
    return length >= 4 ? 1 : 0;
  }

  /** Tokens that must match out of {@code n}: all up to 2, then all but one, then 75%. */
  static int minimumMatch(int n) {
    if (n <= 2) {
      return n;
    }
    if (n <= 4) {
      return n - 1;
    }
    return (int) Math.ceil(n * 0.75);
  }

  /**
   * The scored search query for analyzed {@code tokens} (see {@link SearchAnalyzers#tokens}); all
   * documents when there are none (filters then decide).
   *
   * @param typos whether words may match with typos ({@link #maxEdits}); the searcher first tries
   *     without, and only when nothing matches with typos, so exact words always rank first and
   *     correctly typed queries skip the costly fuzzy term expansion
   */
  public static Query search(List<String> tokens, boolean typos) {
    if (tokens.isEmpty()) {
      return new FunctionScoreQuery(
          new MatchAllDocsQuery(), new PopularityBoost(POPULARITY_WEIGHT, SCORE_WEIGHT));
    }
    BooleanQuery.Builder words = new BooleanQuery.Builder();
    for (int i = 0; i < tokens.size(); i++) {
      words.add(tokenQuery(tokens.get(i), i == tokens.size() - 1, typos), Occur.SHOULD);
    }
    words.setMinimumNumberShouldMatch(minimumMatch(tokens.size()));

    Query match = words.build();
    if (tokens.size() >= 2) {
      // The words typed apart may be one word in a title ("wall e" → "WALL·E", "spider man").
      String glued = String.join("", tokens);
      match =
          new BooleanQuery.Builder()
              .add(match, Occur.SHOULD)
              .add(new TermQuery(new Term(MediaFields.TITLE, glued)), Occur.SHOULD)
              .add(new TermQuery(new Term(MediaFields.TITLE_JOINED, glued)), Occur.SHOULD)
              .build();
    }
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    query.add(match, Occur.MUST);
    query.add(
        new BoostQuery(
            new ConstantScoreQuery(
                new TermQuery(new Term(MediaFields.TITLE_EXACT, String.join(" ", tokens)))),
            EXACT_TITLE_BOOST),
        Occur.SHOULD);
    if (tokens.size() >= 2) {
      query.add(
          new BoostQuery(
              new PhraseQuery(1, MediaFields.TITLE, tokens.toArray(String[]::new)), PHRASE_BOOST),
          Occur.SHOULD);
    }
    return FunctionScoreQuery.boostByValue(
        query.build(), new PopularityBoost(POPULARITY_WEIGHT, SCORE_WEIGHT));
  }

  /**
   * The autocomplete query: every token must start a title word (score 1 each, +0.3 when a finished
   * word, i.e. not the last, is a whole title word), times {@code 1 + 1.6 × popularity/100 + 0.4 ×
   * score/100}: popularity dominates.
   */
  public static Query suggest(List<String> tokens) {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      query.add(
          new ConstantScoreQuery(new TermQuery(new Term(MediaFields.TITLE_PREFIX, token))),
          Occur.MUST);
      if (i < tokens.size() - 1) {
        // Finished words count as whole words; the word being typed is only a prefix.
        query.add(
            new BoostQuery(
                new ConstantScoreQuery(new TermQuery(new Term(MediaFields.TITLE, token))), 0.3f),
            Occur.SHOULD);
      }
    }
    return FunctionScoreQuery.boostByValue(
        query.build(), new PopularityBoost(2 * POPULARITY_WEIGHT, SCORE_WEIGHT));
  }

  private static Query tokenQuery(String token, boolean last, boolean typos) {
    List<Query> alternatives = new ArrayList<>();
    alternatives.add(new TermQuery(new Term(MediaFields.TITLE, token)));
    alternatives.add(new BoostQuery(new TermQuery(new Term(MediaFields.ALIAS, token)), 0.7f));
    if (last) {
      alternatives.add(
          new BoostQuery(new TermQuery(new Term(MediaFields.TITLE_PREFIX, token)), 0.5f));
    }
    alternatives.add(new BoostQuery(new TermQuery(new Term(MediaFields.CREDITS, token)), 0.3f));
    int edits = maxEdits(token);
    if (edits > 0) {
      alternatives.add(
          new BoostQuery(new TermQuery(new Term(MediaFields.TITLE_JOINED, token)), 0.8f));
      if (typos) {
        alternatives.add(
            new BoostQuery(
                new CachedFuzzyQuery(new Term(MediaFields.TITLE, token), edits, 1, 30, true),
                0.5f));
      }
    }
    return new DisjunctionMaxQuery(alternatives, 0.1f);
  }
}
