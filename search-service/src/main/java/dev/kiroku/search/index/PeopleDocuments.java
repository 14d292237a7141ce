package dev.kiroku.search.index;

import java.time.Instant;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

/** Builds the documents of the people index (fields in {@link PeopleFields}). */
final class PeopleDocuments {

  private PeopleDocuments() {}

  /** Key of a user's profile document (searchable or marker). */
  static String profileKey(String userId) {
    return "p:" + userId;
  }

  /** Key of the document of the block {@code blockerId} → {@code blockedId}. */
  static String blockKey(String blockerId, String blockedId) {
    return "b:" + blockerId + "\n" + blockedId;
  }

  /** {@code occurredAt} as the stored version: epoch microseconds. */
  static long version(Instant occurredAt) {
    return Math.addExact(
        Math.multiplyExact(occurredAt.getEpochSecond(), 1_000_000L), occurredAt.getNano() / 1000);
  }

  /**
   * The searchable document of a public profile.
   *
   * @param handle not blank
   * @param displayName null or blank when none
   * @param avatarUrl null or blank when none
   */
  static Document person(
      String userId, String handle, String displayName, String avatarUrl, long version) {
    Document doc = base(profileKey(userId), PeopleFields.PERSON, version);
    String lowerHandle = handle.strip().toLowerCase(java.util.Locale.ROOT);
    // "sakura_chan" is searched as the words "sakura chan" (and glued, "sakurachan").
    String handleWords = lowerHandle.replace('_', ' ');
    doc.add(new StringField(PeopleFields.HANDLE, lowerHandle, Field.Store.NO));
    doc.add(new SortedDocValuesField(PeopleFields.SORT_HANDLE, new BytesRef(lowerHandle)));
    doc.add(new StoredField(PeopleFields.STORED_HANDLE, handle.strip()));
    for (String text : new String[] {handleWords, blankToNull(displayName)}) {
      if (text != null) {
        doc.add(new TextField(PeopleFields.WORDS, text, Field.Store.NO));
        doc.add(new TextField(PeopleFields.PREFIX, text, Field.Store.NO));
        doc.add(new TextField(PeopleFields.JOINED, text, Field.Store.NO));
      }
    }
    String name = blankToNull(displayName);
    if (name != null) {
      doc.add(new StoredField(PeopleFields.STORED_DISPLAY_NAME, name));
      String normalized = SearchAnalyzers.normalize(name);
      if (!normalized.isEmpty()) {
        doc.add(new StringField(PeopleFields.NAME_EXACT, normalized, Field.Store.NO));
      }
    }
    String avatar = blankToNull(avatarUrl);
    if (avatar != null) {
      doc.add(new StoredField(PeopleFields.STORED_AVATAR_URL, avatar));
    }
    return doc;
  }

  /** The marker of a profile that is not public: its key and version, nothing it shows. */
  static Document hidden(String userId, long version) {
    return base(profileKey(userId), PeopleFields.HIDDEN, version);
  }

  /** The document of a block pair; {@code active} false once lifted. */
  static Document block(String blockerId, String blockedId, boolean active, long version) {
    Document doc = base(blockKey(blockerId, blockedId), PeopleFields.BLOCK, version);
    doc.add(new StringField(PeopleFields.BLOCKER, blockerId, Field.Store.YES));
    doc.add(new SortedDocValuesField(PeopleFields.BLOCKER, new BytesRef(blockerId)));
    doc.add(new StringField(PeopleFields.BLOCKED, blockedId, Field.Store.NO));
    if (active) {
      doc.add(new StringField(PeopleFields.BLOCKS, blockedId, Field.Store.NO));
    }
    return doc;
  }

  private static Document base(String key, String kind, long version) {
    Document doc = new Document();
    doc.add(new StringField(PeopleFields.KEY, key, Field.Store.NO));
    doc.add(new StringField(PeopleFields.KIND, kind, Field.Store.NO));
    doc.add(new StoredField(PeopleFields.VERSION, version));
    return doc;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
