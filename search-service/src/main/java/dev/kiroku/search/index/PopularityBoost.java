package dev.kiroku.search.index;

import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;

/**
 * The factor a text score is multiplied by: {@code 1 + popularityWeight * popularity/100 +
 * scoreWeight * averageScore/100} (both 0-100 doc values, 0 when unknown), so among comparable text
 * matches the popular, well-rated item comes first while a much better text match still wins.
 */
public final class PopularityBoost extends DoubleValuesSource {

  private final double popularityWeight;
  private final double scoreWeight;

  public PopularityBoost(double popularityWeight, double scoreWeight) {
    this.popularityWeight = popularityWeight;
    this.scoreWeight = scoreWeight;
  }

  @Override
  public DoubleValues getValues(LeafReaderContext ctx, DoubleValues scores) throws IOException {
    NumericDocValues popularity = DocValues.getNumeric(ctx.reader(), MediaFields.POPULARITY);
    NumericDocValues score = DocValues.getNumeric(ctx.reader(), MediaFields.AVERAGE_SCORE);
    return new DoubleValues() {
      private double value;

      @Override
      public double doubleValue() {
        return value;
      }

      @Override
      public boolean advanceExact(int doc) throws IOException {
        long p = popularity.advanceExact(doc) ? popularity.longValue() : 0;
        long s = score.advanceExact(doc) ? score.longValue() : 0;
        value = 1 + popularityWeight * p / 100.0 + scoreWeight * s / 100.0;
        return true;
      }
    };
  }

  @Override
  public boolean needsScores() {
    return false;
  }

  @Override
  public DoubleValuesSource rewrite(IndexSearcher reader) {
    return this;
  }

  @Override
  public boolean isCacheable(LeafReaderContext ctx) {
    return DocValues.isCacheable(ctx, MediaFields.POPULARITY, MediaFields.AVERAGE_SCORE);
  }

  @Override
  public int hashCode() {
    return Objects.hash(popularityWeight, scoreWeight);
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof PopularityBoost other
        && other.popularityWeight == popularityWeight
        && other.scoreWeight == scoreWeight;
  }

  @Override
  public String toString() {
    return "popularityBoost(" + popularityWeight + "," + scoreWeight + ")";
  }
}
