package dev.kiroku.progress.domain;

import java.util.List;
import java.util.Map;

/**
 * One page of a user's entry list.
 *
 * @param items at most the page size, in the list's order
 * @param nextCursor the opaque cursor of the next page, null on the last one
 * @param counts entries per status name (every status present, 0 included), over the list's type
 *     filter and visibility, not its status filter
 * @param readerScale the rating scale of the user who reads the page
 */
public record EntryPage(
    List<Entry> items, String nextCursor, Map<String, Long> counts, RatingScale readerScale) {}
