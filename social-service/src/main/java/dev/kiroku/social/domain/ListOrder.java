package dev.kiroku.social.domain;

/**
 * The order of a list's items: each item has a sparse rank ({@code user_list_item.position}),
 * {@value #GAP} apart when appended or renumbered, so an insert or a move takes a free number
 * between its new neighbours and writes one row. When two neighbours have no number left between
 * them (after 32 inserts at the same spot), the list is renumbered once ({@link #renumbered}).
 */
public final class ListOrder {

  /** The distance between consecutive ranks after an append or a renumbering. */
  public static final long GAP = 1L << 32;

  /** Ranks stay within ±this, far from overflow; beyond it the list is renumbered. */
  static final long LIMIT = 1L << 60;

  private ListOrder() {}

  /**
   * The rank of an item placed between {@code before} and {@code after} (null: no neighbour on that
   * side), or null when there is no free rank between them and the list must be renumbered first.
   */
  public static Long between(Long before, Long after) {
    if (before == null && after == null) {
      return 0L;
    }
    if (before == null) {
      return after - GAP >= -LIMIT ? after - GAP : null;
    }
    if (after == null) {
      return before + GAP <= LIMIT ? before + GAP : null;
    }
    if (after - before < 2) {
      return null;
    }
    return before + (after - before) / 2;
  }

  /** The rank of the item at {@code index} (0 = first) after a renumbering. */
  public static long renumbered(long index) {
    return (index + 1) * GAP;
  }
}
