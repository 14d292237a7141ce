package dev.kiroku.catalog.event;

import dev.kiroku.contracts.Topic;
import dev.kiroku.contracts.catalog.CatalogEvents;
import dev.kiroku.platform.outbox.OutboxEvent;
import java.util.UUID;

/** Builds the events of {@code catalog.media.v1}. */
public final class MediaEvents {

  private MediaEvents() {}

  /**
   * {@code MediaUpserted}: key and subject = the media id, payload = the item's {@code
   * MediaSnapshot} JSON exactly as stored and served by {@code GET /media/{id}}.
   */
  public static OutboxEvent upserted(UUID mediaId, String snapshotJson) {
    return OutboxEvent.of(
        Topic.CATALOG_MEDIA.topicName(),
        mediaId.toString(),
        CatalogEvents.MEDIA_UPSERTED,
        CatalogEvents.SOURCE,
        mediaId.toString(),
        snapshotJson);
  }
}
