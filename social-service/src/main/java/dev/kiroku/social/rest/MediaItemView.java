package dev.kiroku.social.rest;

import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.social.domain.MediaItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A media item as favorites show it (from the catalog projection).
 *
 * @param mediaId canonical media id
 * @param type media type, e.g. {@code ANIME}
 * @param title display title
 * @param imageUrl poster or cover URL; null when none
 * @param removed the catalog removed the item (the title is the last known)
 */
public record MediaItemView(
    UUID mediaId, String type, String title, String imageUrl, boolean removed) {

  static MediaItemView of(MediaItem m) {
    return new MediaItemView(m.id(), m.type().name(), m.title(), m.imageUrl(), m.removed());
  }

  static List<MediaItemView> all(List<MediaItem> items) {
    return items.stream().map(MediaItemView::of).toList();
  }

  /** Favorites by media type name (types without any left out), in the media types' order. */
  static Map<String, List<MediaItemView>> favorites(Map<MediaType, List<MediaItem>> byType) {
    Map<String, List<MediaItemView>> view = new LinkedHashMap<>();
    for (MediaType type : MediaType.values()) {
      List<MediaItem> items = byType.get(type);
      if (items != null && !items.isEmpty()) {
        view.put(type.name(), all(items));
      }
    }
    return view;
  }
}
