package dev.kiroku.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/** Test helper: what of a user is left anywhere in a Lucene index. */
public final class IndexTraces {

  private IndexTraces() {}

  /**
   * Every term (any field) and stored value (any document, deleted ones included) that contains one
   * of {@code needles} (matched in lower case, and with spaces or underscores alike).
   */
  public static List<String> traces(IndexReader reader, List<String> needles) throws IOException {
    List<String> lowered = new ArrayList<>();
    for (String needle : needles) {
      lowered.add(needle.toLowerCase(Locale.ROOT));
      lowered.add(needle.toLowerCase(Locale.ROOT).replace(' ', '_'));
      lowered.add(needle.toLowerCase(Locale.ROOT).replace("_", ""));
    }
    List<String> found = new ArrayList<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      for (FieldInfo field : leaf.reader().getFieldInfos()) {
        Terms terms = leaf.reader().terms(field.name);
        if (terms == null) {
          continue;
        }
        TermsEnum it = terms.iterator();
        for (BytesRef term = it.next(); term != null; term = it.next()) {
          String text = term.utf8ToString().toLowerCase(Locale.ROOT);
          for (String needle : lowered) {
            if (text.contains(needle)) {
              found.add(field.name + " term " + text);
            }
          }
        }
      }
      StoredFields stored = leaf.reader().storedFields();
      for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
        for (IndexableField value : stored.document(doc).getFields()) {
          String text = value.stringValue();
          if (text == null) {
            continue;
          }
          for (String needle : lowered) {
            if (text.toLowerCase(Locale.ROOT).contains(needle)) {
              found.add(value.name() + " stored " + text);
            }
          }
        }
      }
    }
    return found;
  }
}
