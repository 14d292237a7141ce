package dev.kiroku.search.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.search.service.SearchItem;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.BytesRef;

/**
 * The {@link SearchItem} of each document, decoded once from its stored JSON ({@link
 * MediaFields#ITEM}) and then kept for as long as its segment lives.
 *
 * <p>Reading a stored field decompresses a block of the segment and parsing the JSON allocates, so
 * doing it for every hit of every search was a large share of a search's CPU. Segments are
 * immutable (an update writes the new version into a new segment and deletes the old one), so a
 * decoded item stays valid until its segment is closed: entries are keyed by the segment's core and
 * dropped when Lucene closes it (after a merge or when the index is closed). Memory: one slot per
 * document of each open segment, filled only for documents that were returned at least once.
 * Thread-safe.
 */
final class StoredItems {

  /**
   * One decoded document.
   *
   * @param item what a search returns for it
   * @param titleKey its normalized title and type, e.g. {@code "steins gate|ANIME"}: suggestions
   *     are distinct by this key
   */
  record Entry(SearchItem item, String titleKey) {}

  private final Map<IndexReader.CacheKey, AtomicReferenceArray<Entry>> segments =
      new ConcurrentHashMap<>();
  private final ObjectMapper json;

  StoredItems(ObjectMapper json) {
    this.json = json;
  }

  /**
   * The entry of top-level document {@code doc} of {@code searcher}.
   *
   * @throws IOException when the stored field cannot be read
   */
  Entry get(IndexSearcher searcher, int doc) throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    int local = doc - leaf.docBase;
    IndexReader.CacheHelper core = leaf.reader().getCoreCacheHelper();
    if (core == null) {
      return decode(leaf, local);
    }
    AtomicReferenceArray<Entry> slots = segments.get(core.getKey());
    if (slots == null) {
      slots = new AtomicReferenceArray<>(leaf.reader().maxDoc());
      AtomicReferenceArray<Entry> raced = segments.putIfAbsent(core.getKey(), slots);
      if (raced == null) {
        core.addClosedListener(segments::remove);
      } else {
        slots = raced;
      }
    }
    Entry entry = slots.get(local);
    if (entry == null) {
      entry = decode(leaf, local);
      slots.set(local, entry);
    }
    return entry;
  }

  /** Number of segments with decoded items (for tests). */
  int segments() {
    return segments.size();
  }

  private Entry decode(LeafReaderContext leaf, int doc) throws IOException {
    BytesRef stored = leaf.reader().storedFields().document(doc).getBinaryValue(MediaFields.ITEM);
    SearchItem item = json.readValue(stored.bytes, stored.offset, stored.length, SearchItem.class);
    return new Entry(item, SearchAnalyzers.normalize(item.title()) + "|" + item.type());
  }
}
