package dev.kiroku.social.domain;

/**
 * A list item where an add or a move put it.
 *
 * @param item the item
 * @param index its place in the list (0 = first)
 */
public record PlacedItem(ListItem item, int index) {}
