package dev.kiroku.social.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiroku.social.domain.ListItem;
import dev.kiroku.social.domain.PlacedItem;
import java.time.Instant;
import java.util.UUID;

/**
 * One item of a list.
 *
 * @param mediaId canonical media id
 * @param type media type, e.g. {@code ANIME}
 * @param title display title (from the catalog projection)
 * @param imageUrl poster or cover URL; absent when none
 * @param removed the catalog removed the item (it stays in the list with its last known title)
 * @param addedAt when it was added
 * @param position its place in the list (0 = first); only in the answers of an add or a move
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListItemView(
    UUID mediaId,
    String type,
    String title,
    String imageUrl,
    boolean removed,
    Instant addedAt,
    Integer position) {

  static ListItemView of(ListItem i) {
    return new ListItemView(
        i.media().id(),
        i.media().type().name(),
        i.media().title(),
        i.media().imageUrl(),
        i.media().removed(),
        i.addedAt(),
        null);
  }

  static ListItemView of(PlacedItem placed) {
    ListItemView v = of(placed.item());
    return new ListItemView(
        v.mediaId(), v.type(), v.title(), v.imageUrl(), v.removed(), v.addedAt(), placed.index());
  }
}
