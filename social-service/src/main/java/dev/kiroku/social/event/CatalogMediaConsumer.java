package dev.kiroku.social.event;

import dev.kiroku.contracts.catalog.CatalogEvents;
import dev.kiroku.contracts.catalog.MediaRemoved;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.platform.consumer.InboxConsumer;
import dev.kiroku.platform.consumer.InboxConsumers;
import dev.kiroku.platform.consumer.RejectedEventException;
import dev.kiroku.social.repository.MediaProjectionRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds {@code media_projection} from {@code catalog.media.v1}: a {@code MediaUpserted} snapshot is
 * stored (id, type, canonical title, poster; an older {@code lastRefreshedAt} never overwrites a
 * newer one), a {@code MediaRemoved} flags the item removed (lists and favorites keep it, shown as
 * removed; it can no longer be added). The topic is compacted and read from the start, so a new
 * database rebuilds the projection. De-duplication, dead letters ({@code catalog.media.v1.dlq}) and
 * retries: libs/platform's inbox consumer base.
 */
@ApplicationScoped
public class CatalogMediaConsumer {

  static final String CONSUMER = "social-service.catalog-media";

  private final InboxConsumer consumer;

  @Inject
  CatalogMediaConsumer(InboxConsumers consumers, MediaProjectionRepository projection) {
    this.consumer =
        consumers
            .named(CONSUMER)
            .on(
                CatalogEvents.MEDIA_UPSERTED,
                MediaSnapshot.class,
                (tx, event) -> {
                  MediaSnapshot media = event.payload();
                  if (media.id() == null
                      || media.type() == null
                      || media.titles() == null
                      || media.titles().canonical() == null) {
                    throw new RejectedEventException("MediaUpserted without id, type or title");
                  }
                  return projection.store(tx, media);
                })
            .on(
                CatalogEvents.MEDIA_REMOVED,
                MediaRemoved.class,
                (tx, event) -> {
                  if (event.payload().id() == null) {
                    throw new RejectedEventException("MediaRemoved without id");
                  }
                  return projection.remove(tx, event.payload());
                })
            .build();
  }

  @Incoming("catalog-media")
  public Uni<Void> consume(ConsumerRecord<String, String> record) {
    return consumer.process(record);
  }
}
