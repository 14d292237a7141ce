package dev.kiroku.progress.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.contracts.catalog.CatalogEvents;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.platform.inbox.Inbox;
import dev.kiroku.platform.outbox.CloudEventHeaders;
import dev.kiroku.progress.repository.MediaProjectionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Feeds {@code media_projection} from {@code catalog.media.v1} (MediaUpserted; other types are
 * skipped). Compacted topic read from the start ({@code auto.offset.reset=earliest}), so a new
 * database rebuilds the projection; each event id is recorded in the inbox in the same transaction.
 */
@ApplicationScoped
public class CatalogMediaConsumer {

  static final String CONSUMER = "progress-service.catalog-media";
  private static final Logger LOG = Logger.getLogger(CatalogMediaConsumer.class);

  @Inject Pool pool;
  @Inject Inbox inbox;
  @Inject MediaProjectionRepository projection;
  @Inject ObjectMapper json;

  @Incoming("catalog-media")
  public Uni<Void> consume(ConsumerRecord<String, String> record) {
    String type = header(record, CloudEventHeaders.TYPE);
    String id = header(record, CloudEventHeaders.ID);
    if (!CatalogEvents.MEDIA_UPSERTED.equals(type) || record.value() == null) {
      return Uni.createFrom().voidItem();
    }
    MediaSnapshot snapshot;
    try {
      snapshot = json.readValue(record.value(), MediaSnapshot.class);
    } catch (Exception e) {
      LOG.warnf(
          "Skipping unreadable %s at %s-%d@%d: %s",
          type, record.topic(), record.partition(), record.offset(), e.getMessage());
      return Uni.createFrom().voidItem();
    }
    if (snapshot.id() == null || snapshot.type() == null) {
      LOG.warnf("Skipping %s without id or type at offset %d", type, record.offset());
      return Uni.createFrom().voidItem();
    }
    String eventId =
        id != null ? id : record.topic() + "-" + record.partition() + "@" + record.offset();
    return pool.withTransaction(
            tx ->
                inbox
                    .markProcessed(tx, CONSUMER, eventId)
                    .flatMap(
                        first ->
                            first
                                ? projection.store(tx, snapshot).replaceWithVoid()
                                : Uni.createFrom().voidItem()))
        .onFailure()
        .retry()
        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
        .atMost(10);
  }

  static String header(ConsumerRecord<?, ?> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
