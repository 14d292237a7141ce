package dev.kiroku.social.domain;

import java.util.List;

/**
 * One page of a keyset-paged collection.
 *
 * @param items the page, in order
 * @param nextCursor the cursor of the next page; null on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {}
