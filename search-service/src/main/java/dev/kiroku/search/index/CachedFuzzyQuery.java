package dev.kiroku.search.index;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.atomic.LongAdder;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.util.AttributeImpl;
import org.apache.lucene.util.AttributeSource;

/**
 * A {@link FuzzyQuery} (same matching and scoring) that reuses the Levenshtein automata an earlier
 * query built for the same word, edit distance, prefix and transpositions.
 *
 * <p>Building them is most of the cost of a typo search: measured on this machine, ~1 ms of CPU for
 * a word of 9-13 characters with 2 edits (automata for 0, 1 and 2 edits, converted to UTF-8),
 * against ~0.1 ms for the term expansion and scoring that follow. Words recur: a search typed as
 * you type repeats its earlier words in every request ({@code "shawshank rede"}, {@code "shawshank
 * redem"}, ...), and common misspellings recur between users.
 *
 * <p>How: Lucene's {@code FuzzyTermsEnum} keeps the automata of one query in an attribute of the
 * rewrite's {@link AttributeSource} and builds them only when that attribute is still empty (so
 * that a query builds them once for all segments). After a query built them, its attribute is kept
 * here; a later query for the same word puts it into its own attribute source before Lucene looks,
 * and Lucene uses it as built. The automata are immutable once built and only read by queries, so
 * one attribute serves concurrent searches. Should a Lucene upgrade rename that attribute, nothing
 * is cached and queries build their automata as plain FuzzyQuery does ({@code CachedFuzzyQueryTest}
 * fails then).
 *
 * <p>Memory: at most {@value #CACHED_WORDS} words; ~140 KB each for 2 edits (measured with {@code
 * CompiledAutomaton.ramBytesUsed} on 9-13 character words), so under ~20 MB.
 */
final class CachedFuzzyQuery extends FuzzyQuery {

  /** Most words whose automata are kept. */
  static final int CACHED_WORDS = 128;

  /** The attribute in which FuzzyTermsEnum keeps a query's automata (Lucene 9.12). */
  static final String AUTOMATA_ATTRIBUTE =
      "org.apache.lucene.search.FuzzyTermsEnum$AutomatonAttributeImpl";

  private static final Cache<Key, AttributeImpl> AUTOMATA =
      Caffeine.newBuilder().maximumSize(CACHED_WORDS).executor(Runnable::run).build();

  private static final LongAdder REUSED = new LongAdder();

  /** What the automata depend on: not the field, not the index. */
  private record Key(String text, int maxEdits, int prefixLength, boolean transpositions) {}

  /**
   * @see FuzzyQuery#FuzzyQuery(Term, int, int, int, boolean)
   */
  CachedFuzzyQuery(
      Term term, int maxEdits, int prefixLength, int maxExpansions, boolean transpositions) {
    super(term, maxEdits, prefixLength, maxExpansions, transpositions);
  }

  @Override
  protected TermsEnum getTermsEnum(Terms terms, AttributeSource atts) throws IOException {
    Key key = new Key(getTerm().text(), getMaxEdits(), getPrefixLength(), getTranspositions());
    AttributeImpl built = AUTOMATA.getIfPresent(key);
    if (built != null) {
      atts.addAttributeImpl(built); // kept as is: an attribute already present is never replaced
      REUSED.increment();
      return super.getTermsEnum(terms, atts);
    }
    TermsEnum matching = super.getTermsEnum(terms, atts);
    AttributeImpl automata = automata(atts);
    if (automata != null) {
      AUTOMATA.put(key, automata); // fully built by this thread; the cache publishes it safely
    }
    return matching;
  }

  /** The automata attribute of {@code atts}, or null when Lucene built none (e.g. 0 edits). */
  private static AttributeImpl automata(AttributeSource atts) {
    for (Iterator<AttributeImpl> it = atts.getAttributeImplsIterator(); it.hasNext(); ) {
      AttributeImpl impl = it.next();
      if (impl.getClass().getName().equals(AUTOMATA_ATTRIBUTE)) {
        return impl;
      }
    }
    return null;
  }

  /** Words whose automata are kept now (for tests). */
  static long cachedWords() {
    AUTOMATA.cleanUp();
    return AUTOMATA.estimatedSize();
  }

  /** How many times a query (per segment) found its automata already built (for tests). */
  static long reused() {
    return REUSED.sum();
  }

  /** Forgets every kept automaton (for tests). */
  static void forgetAll() {
    AUTOMATA.invalidateAll();
    AUTOMATA.cleanUp();
  }
}
