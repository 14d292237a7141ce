package dev.kiroku.progress.event;

import dev.kiroku.contracts.social.SocialEvents;
import dev.kiroku.contracts.social.UserDeleted;
import dev.kiroku.platform.consumer.InboxConsumer;
import dev.kiroku.platform.consumer.InboxConsumers;
import dev.kiroku.platform.consumer.RejectedEventException;
import dev.kiroku.progress.repository.UserDataRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code UserDeleted} on {@code social.events.v1}: deletes all of the user's entries (their episode
 * history goes with them), reviews, settings and import jobs, in the transaction that records the
 * event id. Other types are skipped. Publishes nothing; logs no user id. Dead letters go to {@code
 * social.events.v1.dlq}.
 */
@ApplicationScoped
public class SocialEventsConsumer {

  static final String CONSUMER = "progress-service.social-events";

  private final InboxConsumer consumer;

  @Inject
  SocialEventsConsumer(InboxConsumers consumers, UserDataRepository users) {
    this.consumer =
        consumers
            .named(CONSUMER)
            .on(
                SocialEvents.USER_DELETED,
                UserDeleted.class,
                (tx, event) -> {
                  String userId = event.payload().userId();
                  if (userId == null || userId.isBlank()) {
                    throw new RejectedEventException("UserDeleted without a userId");
                  }
                  return users.deleteUser(tx, userId);
                })
            .build();
  }

  @Incoming("social-events")
  public Uni<Void> consume(ConsumerRecord<String, String> record) {
    return consumer.process(record);
  }
}
