package dev.kiroku.search.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The Lucene index of public profiles and blocks in one folder, with the {@code social.events.v1}
 * positions it reflects (commit user data {@code offset.<partition>} = next offset, as {@link
 * MediaIndex}).
 *
 * <p>Every document carries the {@code occurredAt} of the event it reflects ({@link
 * PeopleFields#VERSION}); a write older than the stored version is refused, so a replayed or
 * re-sent older event never undoes a newer one. Writes come from one indexing thread; searches run
 * concurrently on near-real-time searchers ({@link #acquire}/{@link #release}).
 *
 * <p>{@link #deleteUser} deletes every document of a user; {@link #eraseDeleted} then rewrites the
 * segments that held them (deleted documents otherwise stay in their segment, terms and stored
 * fields included, until a merge) and commits, so the files no longer contain anything of theirs.
 */
public final class PeopleIndex implements Closeable {

  private static final String OFFSET_PREFIX = "offset.";
  private static final long NONE = Long.MIN_VALUE;

  private final Path folder;
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Map<Integer, Long> positions = new ConcurrentHashMap<>();
  private volatile Map<Integer, Long> committedPositions;

  /** Versions written since the last refresh (the searcher does not see them yet); NONE = gone. */
  private final Map<String, Long> unrefreshed = new HashMap<>();

  private boolean erasurePending;

  private PeopleIndex(Path folder) throws IOException {
    this.folder = folder;
    this.directory = FSDirectory.open(folder);
    IndexWriterConfig config =
        new IndexWriterConfig(
            new PerFieldAnalyzerWrapper(
                SearchAnalyzers.text(),
                Map.of(
                    PeopleFields.PREFIX, SearchAnalyzers.prefix(),
                    PeopleFields.JOINED, SearchAnalyzers.joined())));
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    config.setCommitOnClose(false);
    TieredMergePolicy merges = new TieredMergePolicy();
    // forceMergeDeletes rewrites every segment holding a deleted document, however few.
    merges.setForceMergeDeletesPctAllowed(0);
    config.setMergePolicy(merges);
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
    this.searchers = new SearcherManager(writer, null);
  }

  /**
   * Opens the people index in {@code folder}, creating an empty one if there is none.
   *
   * @throws IOException when the folder cannot be read or written, or is locked by another writer
   */
  public static PeopleIndex open(Path folder) throws IOException {
    return new PeopleIndex(folder);
  }

  /** The folder of this index. */
  public Path folder() {
    return folder;
  }

  /**
   * Stores the public profile of {@code userId} unless the index holds a newer version of it.
   *
   * @param handle not blank
   * @param displayName null when none
   * @param avatarUrl null when none
   * @return false when a newer version was kept (nothing written)
   */
  public boolean putProfile(
      String userId, String handle, String displayName, String avatarUrl, Instant occurredAt)
      throws IOException {
    String key = PeopleDocuments.profileKey(userId);
    long version = PeopleDocuments.version(occurredAt);
    if (version < version(key)) {
      return false;
    }
    write(key, version, PeopleDocuments.person(userId, handle, displayName, avatarUrl, version));
    return true;
  }

  /**
   * Takes {@code userId}'s profile out of search (it is not public any more) unless the index holds
   * a newer version; keeps only a marker with the version.
   *
   * @return false when a newer version was kept
   */
  public boolean hideProfile(String userId, Instant occurredAt) throws IOException {
    String key = PeopleDocuments.profileKey(userId);
    long version = PeopleDocuments.version(occurredAt);
    if (version < version(key)) {
      return false;
    }
    write(key, version, PeopleDocuments.hidden(userId, version));
    return true;
  }

  /**
   * Records that {@code blockerId} blocks ({@code active}) or no longer blocks {@code blockedId},
   * unless the index holds a newer version of that pair.
   *
   * @return false when a newer version was kept
   */
  public boolean putBlock(String blockerId, String blockedId, boolean active, Instant occurredAt)
      throws IOException {
    String key = PeopleDocuments.blockKey(blockerId, blockedId);
    long version = PeopleDocuments.version(occurredAt);
    if (version < version(key)) {
      return false;
    }
    write(key, version, PeopleDocuments.block(blockerId, blockedId, active, version));
    return true;
  }

  /**
   * Deletes every document of {@code userId}: the profile (or its marker) and the blocks both ways.
   * Visible at once to later writes; {@link #eraseDeleted} must follow to purge the files.
   */
  public void deleteUser(String userId) throws IOException {
    writer.deleteDocuments(
        new Term(PeopleFields.KEY, PeopleDocuments.profileKey(userId)),
        new Term(PeopleFields.BLOCKER, userId),
        new Term(PeopleFields.BLOCKED, userId));
    erasurePending = true;
    refresh(); // later version checks of this batch must not see the deleted documents
  }

  /** Whether {@link #deleteUser} ran since the last {@link #eraseDeleted}. */
  public boolean erasurePending() {
    return erasurePending;
  }

  /**
   * Rewrites every segment holding a deleted document (so no term or stored field of a deleted user
   * is left in a live file), commits with the current positions (the old files are then deleted
   * once no search uses them) and refreshes.
   */
  public void eraseDeleted() throws IOException {
    writer.forceMergeDeletes(true);
    commit();
    refresh();
    erasurePending = false;
  }

  private void write(String key, long version, Document doc) throws IOException {
    writer.updateDocument(new Term(PeopleFields.KEY, key), doc);
    unrefreshed.put(key, version);
  }

  /** The stored version of document {@code key}, {@link #NONE} when there is none. */
  private long version(String key) throws IOException {
    Long pending = unrefreshed.get(key);
    if (pending != null) {
      return pending;
    }
    IndexSearcher searcher = searchers.acquire();
    try {
      TopDocs top = searcher.search(new TermQuery(new Term(PeopleFields.KEY, key)), 1);
      if (top.scoreDocs.length == 0) {
        return NONE;
      }
      Document doc =
          searcher.storedFields().document(top.scoreDocs[0].doc, Set.of(PeopleFields.VERSION));
      return doc.getField(PeopleFields.VERSION).numericValue().longValue();
    } finally {
      searchers.release(searcher);
    }
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

  /** Makes every write so far visible to searches (indexing thread only). */
  public void refresh() throws IOException {
    searchers.maybeRefreshBlocking();
    unrefreshed.clear();
  }

  /** A searcher to use and then hand back with {@link #release}. */
  public IndexSearcher acquire() throws IOException {
    return searchers.acquire();
  }

  /** Hands back a searcher from {@link #acquire}. */
  public void release(IndexSearcher searcher) throws IOException {
    searchers.release(searcher);
  }

  /** Searchable (public) profiles in the current searcher. */
  public int peopleCount() throws IOException {
    IndexSearcher searcher = acquire();
    try {
      return searcher.count(new TermQuery(new Term(PeopleFields.KIND, PeopleFields.PERSON)));
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
}
