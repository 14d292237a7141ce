package dev.kiroku.progress.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.contracts.social.SocialEvents;
import dev.kiroku.contracts.social.UserDeleted;
import dev.kiroku.platform.inbox.Inbox;
import dev.kiroku.platform.outbox.CloudEventHeaders;
import dev.kiroku.progress.repository.UserDataRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * {@code UserDeleted} on {@code social.events.v1}: deletes all of the user's entries (their episode
 * history goes with them), reviews and settings, in one transaction with the inbox record.
 * Publishes nothing; logs no user id.
 */
@ApplicationScoped
public class SocialEventsConsumer {

  static final String CONSUMER = "progress-service.social-events";
  private static final Logger LOG = Logger.getLogger(SocialEventsConsumer.class);

  @Inject Pool pool;
  @Inject Inbox inbox;
  @Inject ObjectMapper json;
  @Inject UserDataRepository users;

  @Incoming("social-events")
  public Uni<Void> consume(ConsumerRecord<String, String> record) {
    if (!SocialEvents.USER_DELETED.equals(
            CatalogMediaConsumer.header(record, CloudEventHeaders.TYPE))
        || record.value() == null) {
      return Uni.createFrom().voidItem();
    }
    UserDeleted event;
    try {
      event = json.readValue(record.value(), UserDeleted.class);
    } catch (Exception e) {
      LOG.warnf("Skipping unreadable UserDeleted at offset %d", record.offset());
      return Uni.createFrom().voidItem();
    }
    if (event.userId() == null || event.userId().isBlank()) {
      return Uni.createFrom().voidItem();
    }
    String id = CatalogMediaConsumer.header(record, CloudEventHeaders.ID);
    String eventId =
        id != null ? id : record.topic() + "-" + record.partition() + "@" + record.offset();
    return pool.withTransaction(
            tx ->
                inbox
                    .markProcessed(tx, CONSUMER, eventId)
                    .flatMap(
                        first ->
                            !first
                                ? Uni.createFrom().voidItem()
                                : users.deleteUser(tx, event.userId())))
        .onFailure()
        .retry()
        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
        .atMost(10);
  }
}
