package dev.kiroku.search.indexer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.contracts.catalog.CatalogEvents;
import dev.kiroku.contracts.catalog.MediaRemoved;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.platform.outbox.CloudEventHeaders;
import dev.kiroku.search.index.MediaIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * Applies one {@code catalog.media.v1} record (CloudEvents binary mode) to a {@link MediaIndex}:
 * {@code ce_type} {@link CatalogEvents#MEDIA_UPSERTED} ({@link MediaSnapshot} payload) replaces the
 * item's document, {@link CatalogEvents#MEDIA_REMOVED} ({@link MediaRemoved}) and a tombstone (null
 * value, key = media id) delete it. Other types and unreadable payloads are logged and skipped so
 * one bad record never stops the indexer. Re-applying a record changes nothing (idempotent).
 */
public class CatalogEventApplier {

  private static final Logger LOG = Logger.getLogger(CatalogEventApplier.class);

  /** What a record did. */
  public enum Outcome {
    UPSERTED,
    REMOVED,
    SKIPPED
  }

  private final ObjectMapper json;

  public CatalogEventApplier(ObjectMapper json) {
    this.json = json;
  }

  /**
   * @throws IOException when the index cannot be written (the record is then not applied)
   */
  public Outcome apply(MediaIndex index, ConsumerRecord<byte[], byte[]> record) throws IOException {
    try {
      if (record.value() == null) {
        if (record.key() == null) {
          return Outcome.SKIPPED;
        }
        index.remove(UUID.fromString(new String(record.key(), StandardCharsets.UTF_8)));
        return Outcome.REMOVED;
      }
      String type = header(record, CloudEventHeaders.TYPE);
      if (CatalogEvents.MEDIA_UPSERTED.equals(type)) {
        index.upsert(json.readValue(record.value(), MediaSnapshot.class));
        return Outcome.UPSERTED;
      }
      if (CatalogEvents.MEDIA_REMOVED.equals(type)) {
        MediaRemoved removed = json.readValue(record.value(), MediaRemoved.class);
        if (removed.id() == null) {
          throw new IllegalArgumentException("MediaRemoved without id");
        }
        index.remove(removed.id());
        return Outcome.REMOVED;
      }
      LOG.debugf(
          "Skipping %s at %s-%d@%d", type, record.topic(), record.partition(), record.offset());
      return Outcome.SKIPPED;
    } catch (com.fasterxml.jackson.core.JacksonException | IllegalArgumentException e) {
      LOG.warnf(
          "Skipping unreadable record %s-%d@%d (%s): %s",
          record.topic(),
          record.partition(),
          record.offset(),
          header(record, CloudEventHeaders.ID),
          e.getMessage());
      return Outcome.SKIPPED;
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }
}
