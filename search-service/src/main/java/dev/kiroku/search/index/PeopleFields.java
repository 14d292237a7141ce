package dev.kiroku.search.index;

/**
 * Field names of the people index: one document per public profile, a version marker per profile
 * that is not public, and one document per block (blocker, blocked) pair.
 */
public final class PeopleFields {

  /**
   * Document key (keyword): {@code p:<userId>} for a profile (searchable or marker), {@code
   * b:<blockerId>\n<blockedId>} for a block.
   */
  public static final String KEY = "key";

  /** Document kind (keyword): {@link #PERSON}, {@link #HIDDEN} or {@link #BLOCK}. */
  public static final String KIND = "kind";

  /** A searchable (public) profile. */
  public static final String PERSON = "person";

  /**
   * A profile that is not public: only its key and {@link #VERSION}, so an older event cannot bring
   * it back; no handle, name or avatar.
   */
  public static final String HIDDEN = "hidden";

  /** A block pair, active or lifted (lifted ones lack {@link #BLOCKS}). */
  public static final String BLOCK = "block";

  /** Stored long: {@code occurredAt} of the event the document reflects, epoch microseconds. */
  public static final String VERSION = "version";

  /** Handle with underscores as spaces, and display name ({@link SearchAnalyzers#text()}). */
  public static final String WORDS = "p_words";

  /** Same text, edge n-grams 1-20 ({@link SearchAnalyzers#prefix()}): as you type. */
  public static final String PREFIX = "p_prefix";

  /** Same text, 2-3 adjacent words glued ({@link SearchAnalyzers#joined()}): {@code sakurachan}. */
  public static final String JOINED = "p_joined";

  /** The whole handle, lower case (keyword). */
  public static final String HANDLE = "p_handle";

  /** The display name {@link SearchAnalyzers#normalize normalized} whole (keyword). */
  public static final String NAME_EXACT = "p_name_exact";

  /** Sorted doc value: the handle, to order equal scores. */
  public static final String SORT_HANDLE = "p_sort_handle";

  /** Stored: handle, display name (absent when none), avatar URL (absent when none). */
  public static final String STORED_HANDLE = "handle";

  public static final String STORED_DISPLAY_NAME = "display_name";
  public static final String STORED_AVATAR_URL = "avatar_url";

  /**
   * Block documents: blocker and blocked user ids (keywords; the blocker also stored, and a sorted
   * doc value that searches read: much cheaper than a stored field per block).
   */
  public static final String BLOCKER = "b_blocker";

  public static final String BLOCKED = "b_blocked";

  /** Block documents of an active block only: the blocked user id (keyword), what searches ask. */
  public static final String BLOCKS = "b_blocks";

  private PeopleFields() {}
}
