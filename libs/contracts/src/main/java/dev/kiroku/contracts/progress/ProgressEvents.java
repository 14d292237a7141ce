package dev.kiroku.contracts.progress;

/**
 * CloudEvents {@code type} and {@code source} values of {@code progress.events.v1} (key = user id,
 * so events of one user stay in order).
 */
public final class ProgressEvents {

  /** A library entry was created; payload {@link EntryCreated}. */
  public static final String ENTRY_CREATED = "kiroku.progress.entry-created.v1";

  /** Status, progress or other fields of an entry changed; payload {@link EntryUpdated}. */
  public static final String ENTRY_UPDATED = "kiroku.progress.entry-updated.v1";

  /** Episodes or chapters were marked (or unmarked) watched; payload {@link EpisodesWatched}. */
  public static final String EPISODES_WATCHED = "kiroku.progress.episodes-watched.v1";

  /** A library entry was removed; payload {@link EntryRemoved}. */
  public static final String ENTRY_REMOVED = "kiroku.progress.entry-removed.v1";

  /** An entry's rating was set or cleared; payload {@link Rated}. */
  public static final String RATED = "kiroku.progress.rated.v1";

  /** An entry's review was written, changed or cleared; payload {@link Reviewed}. */
  public static final String REVIEWED = "kiroku.progress.reviewed.v1";

  /** An import job finished and changed the library; payload {@link EntriesImported}. */
  public static final String ENTRIES_IMPORTED = "kiroku.progress.entries-imported.v1";

  /** The CloudEvents {@code source} of progress events. */
  public static final String SOURCE = "/progress-service";

  private ProgressEvents() {}
}
