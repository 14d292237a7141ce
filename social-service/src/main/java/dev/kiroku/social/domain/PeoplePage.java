package dev.kiroku.social.domain;

import java.util.List;

/**
 * One page of a list of users, newest first.
 *
 * @param items at most the page size
 * @param nextCursor pass as {@code cursor} for the next page; null on the last one
 * @param count the list's whole length (hidden entries included)
 */
public record PeoplePage(List<ListedUser> items, String nextCursor, long count) {}
