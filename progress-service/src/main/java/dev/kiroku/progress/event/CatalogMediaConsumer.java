package dev.kiroku.progress.event;

import dev.kiroku.contracts.catalog.CatalogEvents;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.platform.consumer.InboxConsumer;
import dev.kiroku.platform.consumer.InboxConsumers;
import dev.kiroku.platform.consumer.RejectedEventException;
import dev.kiroku.progress.repository.MediaProjectionRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds {@code media_projection} from {@code catalog.media.v1}: each {@code MediaUpserted} snapshot
 * is stored (an older {@code lastRefreshedAt} never overwrites a newer one); other types are
 * skipped. The topic is compacted and read from the start ({@code auto.offset.reset=earliest}), so
 * a new database rebuilds the projection. De-duplication, dead letters ({@code
 * catalog.media.v1.dlq}) and retries: libs/platform's inbox consumer base.
 */
@ApplicationScoped
public class CatalogMediaConsumer {

  static final String CONSUMER = "progress-service.catalog-media";

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
                  if (media.id() == null || media.type() == null) {
                    throw new RejectedEventException("MediaUpserted without id or type");
                  }
                  return projection.store(tx, media);
                })
            .build();
  }

  @Incoming("catalog-media")
  public Uni<Void> consume(ConsumerRecord<String, String> record) {
    return consumer.process(record);
  }
}
