package dev.kiroku.progress.domain;

/** The order of an entry list; every order ends with the entry id, newest first. */
public enum EntrySort {
  /** Newest update first (the default). */
  UPDATED,
  /** Newest entry first. */
  CREATED,
  /** Highest rating first, unrated last. */
  RATING
}
