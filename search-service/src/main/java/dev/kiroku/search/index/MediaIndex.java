package dev.kiroku.search.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.search.service.SearchResult;
import dev.kiroku.search.service.Suggestion;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * One Lucene index of the catalog in one folder, with the Kafka positions it reflects.
 *
 * <p>Writes ({@link #upsert}, {@link #remove}) come from a single indexing thread; {@link #commit}
 * makes them durable together with the next offset to read per partition of {@code
 * catalog.media.v1}, kept in the commit's user data ({@code offset.<partition>} = next offset), so
 * a restarted replica resumes exactly where its index stands. Searches run concurrently on
 * near-real-time searchers ({@link #acquire}/{@link #release}), refreshed by {@link #refresh}.
 */
public final class MediaIndex implements Closeable {

  private static final String OFFSET_PREFIX = "offset.";

  private final Path folder;
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final MediaDocuments documents;
  private final StoredItems items;
  private final Map<Integer, Long> positions = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile Map<Integer, Long> committedPositions;

  private MediaIndex(Path folder, ObjectMapper json) throws IOException {
    this.folder = folder;
    this.documents = new MediaDocuments(json);
    this.items = new StoredItems(json);
    this.directory = FSDirectory.open(folder);
    IndexWriterConfig config = new IndexWriterConfig(SearchAnalyzers.indexing());
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    config.setRAMBufferSizeMB(64);
    config.setCommitOnClose(false);
    this.writer = new IndexWriter(directory, config);
    Map<Integer, Long> stored = new TreeMap<>();
    Iterable<Map.Entry<String, String>> userData = writer.getLiveCommitData();
    if (userData != null) {
      for (Map.Entry<String, String> entry : userData) {
        if (entry.getKey().startsWith(OFFSET_PREFIX)) {
          stored.put(
              Integer.parseInt(entry.getKey().substring(OFFSET_PREFIX.length())),
              Long.parseLong(entry.getValue()));
        }
      }
    }
    positions.putAll(stored);
    this.committedPositions = Map.copyOf(stored);
    this.searchers = new SearcherManager(writer, new FacetingSearcherFactory(items));
  }

  /**
   * Opens the index in {@code folder}, creating an empty one if there is none.
   *
   * @throws IOException when the folder cannot be read or written, or is locked by another writer
   */
  public static MediaIndex open(Path folder, ObjectMapper json) throws IOException {
    return new MediaIndex(folder, json);
  }

  /** The folder of this index. */
  public Path folder() {
    return folder;
  }

  /** Adds or replaces the document of {@code media} (by id). Visible after {@link #refresh}. */
  public void upsert(MediaSnapshot media) throws IOException {
    writer.updateDocument(
        new Term(MediaFields.ID, media.id().toString()), documents.toDocument(media));
  }

  /** Deletes the document of a media id, if present. Visible after {@link #refresh}. */
  public void remove(UUID mediaId) throws IOException {
    writer.deleteDocuments(new Term(MediaFields.ID, mediaId.toString()));
  }

  /** Records that everything before {@code nextOffset} of {@code partition} is in the index. */
  public void markPosition(int partition, long nextOffset) {
    positions.put(partition, nextOffset);
  }

  /** Next offset to read per partition, as applied (not necessarily committed yet). */
  public Map<Integer, Long> positions() {
    return Map.copyOf(positions);
  }

  /** Next offset to read per partition, as of the last commit (what a restart resumes from). */
  public Map<Integer, Long> committedPositions() {
    return committedPositions;
  }

  /** Makes every applied change durable together with {@link #positions()}. */
  public synchronized void commit() throws IOException {
    Map<Integer, Long> snapshot = new TreeMap<>(positions);
    Map<String, String> userData = new HashMap<>();
    snapshot.forEach((p, o) -> userData.put(OFFSET_PREFIX + p, Long.toString(o)));
    writer.setLiveCommitData(userData.entrySet());
    writer.commit();
    committedPositions = Map.copyOf(snapshot);
  }

  /** Opens a new near-real-time searcher if anything changed since the last one. */
  public void refresh() throws IOException {
    searchers.maybeRefresh();
  }

  /** A searcher to use and then hand back with {@link #release}. */
  public FacetedSearcher acquire() throws IOException {
    return (FacetedSearcher) searchers.acquire();
  }

  /** Hands back a searcher from {@link #acquire}. */
  public void release(FacetedSearcher searcher) throws IOException {
    searchers.release(searcher);
  }

  /** Number of live documents in the current searcher. */
  public int documentCount() throws IOException {
    FacetedSearcher searcher = acquire();
    try {
      return searcher.getIndexReader().numDocs();
    } finally {
      release(searcher);
    }
  }

  /** Closes the writer (uncommitted changes are lost) and the searcher manager. */
  @Override
  public void close() throws IOException {
    try {
      searchers.close();
    } finally {
      try {
        writer.rollback();
      } finally {
        directory.close();
      }
    }
  }

  /**
   * An {@link IndexSearcher} of one point-in-time view of the index, built once per refresh that
   * changed something, with what is derived from that view: the facet ordinals, the decoded items
   * ({@link #item}) and the answers already computed on it ({@link #searches}, {@link
   * #suggestions}). Answers are cached per searcher, so a refresh that makes a change visible
   * starts with empty caches: a cached answer is never older than the view it is served with.
   */
  public static final class FacetedSearcher extends IndexSearcher {

    /** Most search answers kept per searcher (a page of items with its facet counts each). */
    public static final int CACHED_SEARCHES = 1024;

    /** Most suggest answers kept per searcher. */
    public static final int CACHED_SUGGESTIONS = 4096;

    private final SortedSetDocValuesReaderState facetState;
    private final StoredItems items;
    private final Cache<Object, SearchResult> searches =
        Caffeine.newBuilder().maximumSize(CACHED_SEARCHES).executor(Runnable::run).build();
    private final Cache<Object, List<Suggestion>> suggestions =
        Caffeine.newBuilder().maximumSize(CACHED_SUGGESTIONS).executor(Runnable::run).build();

    FacetedSearcher(IndexReader reader, StoredItems items) throws IOException {
      super(reader);
      this.items = items;
      SortedSetDocValuesReaderState state = null;
      if (reader.numDocs() > 0) {
        try {
          state = new DefaultSortedSetDocValuesReaderState(reader, MediaDocuments.facetsConfig());
        } catch (IllegalArgumentException noFacetFieldYet) {
          state = null;
        }
      }
      this.facetState = state;
    }

    /** Facet ordinals of this reader; null while the index is empty. */
    public SortedSetDocValuesReaderState facetState() {
      return facetState;
    }

    /**
     * The decoded item of top-level document {@code doc}.
     *
     * @throws IOException when its stored field cannot be read
     */
    StoredItems.Entry item(int doc) throws IOException {
      return items.get(this, doc);
    }

    /** Search answers computed on this searcher, by request (at most {@link #CACHED_SEARCHES}). */
    Cache<Object, SearchResult> searches() {
      return searches;
    }

    /** Suggest answers computed on this searcher (at most {@link #CACHED_SUGGESTIONS}). */
    Cache<Object, List<Suggestion>> suggestions() {
      return suggestions;
    }
  }

  private static final class FacetingSearcherFactory extends SearcherFactory {
    private final StoredItems items;

    FacetingSearcherFactory(StoredItems items) {
      this.items = items;
    }

    @Override
    public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader)
        throws IOException {
      return new FacetedSearcher(reader, items);
    }
  }
}
