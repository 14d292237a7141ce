package dev.kiroku.social.domain;

/**
 * A list with one page of its items.
 *
 * @param list the list
 * @param items the page (cursor: {@link Cursors#afterItem})
 */
public record ListContents(UserList list, Page<ListItem> items) {}
