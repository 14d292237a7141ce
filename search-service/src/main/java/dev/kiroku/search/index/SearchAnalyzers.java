package dev.kiroku.search.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.segmentation.DefaultICUTokenizerConfig;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceFilter;
import org.apache.lucene.analysis.shingle.ShingleFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The analyzers of the media index.
 *
 * <ul>
 *   <li>{@link #text()}: Unicode word segmentation (ICU tokenizer; Chinese, Japanese and Korean
 *       characters become overlapping bigrams so a native-script title is found by any part of it),
 *       ICU folding (case, diacritics, width: {@code "Pokémon"} → {@code "pokemon"}, full-width →
 *       half-width), apostrophes dropped ({@code "Philosopher's"} → {@code "philosophers"}).
 *   <li>{@link #prefix()}: the text tokens plus their leading edge n-grams (1-20 characters), so an
 *       as-you-type prefix is a single term lookup.
 *   <li>{@link #joined()}: adjacent text tokens glued together (2-3 tokens), so {@code
 *       "steinsgate"} finds {@code "Steins;Gate"} and {@code "spiderman"} finds {@code
 *       "Spider-Man"}.
 * </ul>
 */
public final class SearchAnalyzers {

  private static final Pattern APOSTROPHES = Pattern.compile("['’‘`´·]");

  private static final Analyzer TEXT = new TextAnalyzer(Mode.TEXT);
  private static final Analyzer PREFIX = new TextAnalyzer(Mode.PREFIX);
  private static final Analyzer JOINED = new TextAnalyzer(Mode.JOINED);

  private SearchAnalyzers() {}

  /** Folded word (and CJK bigram) tokens; used at index and query time. */
  public static Analyzer text() {
    return TEXT;
  }

  /** Text tokens plus their edge n-grams (index time only). */
  public static Analyzer prefix() {
    return PREFIX;
  }

  /** Adjacent text tokens concatenated (index time only). */
  public static Analyzer joined() {
    return JOINED;
  }

  /** The per-field analyzer used by the index writer. */
  public static Analyzer indexing() {
    return new PerFieldAnalyzerWrapper(
        TEXT,
        Map.of(
            MediaFields.TITLE_PREFIX, PREFIX,
            MediaFields.TITLE_JOINED, JOINED));
  }

  /**
   * The {@link #text()} tokens of {@code value}, in order.
   *
   * @param value any text; null gives an empty list
   */
  public static List<String> tokens(String value) {
    List<String> tokens = new ArrayList<>();
    if (value == null || value.isBlank()) {
      return tokens;
    }
    try (TokenStream stream = TEXT.tokenStream("", value)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        tokens.add(term.toString());
      }
      stream.end();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return tokens;
  }

  /**
   * A whole title reduced to its folded tokens joined by single spaces, e.g. {@code "Steins;Gate"}
   * → {@code "steins gate"}: the key of the exact-title match.
   */
  public static String normalize(String value) {
    return String.join(" ", tokens(value));
  }

  private enum Mode {
    TEXT,
    PREFIX,
    JOINED
  }

  private static final class TextAnalyzer extends Analyzer {
    private final Mode mode;

    TextAnalyzer(Mode mode) {
      this.mode = mode;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      // cjkAsWords=false: Han/Kana/Hangul come out one character each, then bigrams.
      Tokenizer tokenizer = new ICUTokenizer(new DefaultICUTokenizerConfig(false, true));
      TokenStream stream = new CJKBigramFilter(tokenizer);
      stream = new ICUFoldingFilter(stream);
      stream = new PatternReplaceFilter(stream, APOSTROPHES, "", true);
      stream = new LengthFilter(stream, 1, 100);
      switch (mode) {
        case PREFIX -> stream = new EdgeNGramTokenFilter(stream, 1, 20, true);
        case JOINED -> {
          ShingleFilter shingles = new ShingleFilter(stream, 2, 3);
          shingles.setTokenSeparator("");
          shingles.setOutputUnigrams(false);
          shingles.setFillerToken("");
          stream = shingles;
        }
        case TEXT -> {}
      }
      return new TokenStreamComponents(tokenizer, stream);
    }
  }
}
