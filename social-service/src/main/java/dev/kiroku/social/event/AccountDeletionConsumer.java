package dev.kiroku.social.event;

import dev.kiroku.contracts.social.SocialEvents;
import dev.kiroku.contracts.social.UserDeleted;
import dev.kiroku.platform.consumer.InboxConsumer;
import dev.kiroku.platform.consumer.InboxConsumers;
import dev.kiroku.platform.consumer.RejectedEventException;
import dev.kiroku.platform.consumer.RetryLaterException;
import dev.kiroku.social.client.KeycloakAccounts;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code UserDeleted} on {@code social.events.v1} (this service's own): deletes the user's Keycloak
 * account, in the transaction that records the event id (Keycloak answering 404, the account
 * already gone, is success). When Keycloak does not answer, the event is retried with back-off
 * ({@code RetryLaterException}), never parked. Other types are skipped. Dead letters go to {@code
 * social.events.v1.dlq}; no user id is logged.
 */
@ApplicationScoped
public class AccountDeletionConsumer {

  static final String CONSUMER = "social-service.account-deletions";

  private final InboxConsumer consumer;

  @Inject
  AccountDeletionConsumer(InboxConsumers consumers, KeycloakAccounts keycloak) {
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
                  return keycloak
                      .deleteAccount(userId)
                      .onFailure()
                      .transform(
                          e -> new RetryLaterException("Keycloak did not delete the account", e));
                })
            .build();
  }

  @Incoming("account-deletions")
  public Uni<Void> consume(ConsumerRecord<String, String> record) {
    return consumer.process(record);
  }
}
