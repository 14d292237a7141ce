package dev.kiroku.social.service;

import dev.kiroku.contracts.social.SocialEvents;
import dev.kiroku.contracts.social.UserDeleted;
import dev.kiroku.platform.outbox.Outbox;
import dev.kiroku.platform.problem.Problem;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.platform.security.RevokedUsers;
import dev.kiroku.social.domain.Caller;
import dev.kiroku.social.domain.SocialErrorCode;
import dev.kiroku.social.event.SocialEventFactory;
import dev.kiroku.social.repository.AccountRepository;
import dev.kiroku.social.repository.ProfileRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * "Delete my account": the user's rows here, then {@code UserDeleted} through the outbox, in one
 * transaction. Every other service deletes the user's rows when it reads that event, and this
 * service's own {@code AccountDeletionConsumer} deletes the Keycloak account, so a restart halfway
 * loses nothing (the event is stored with the deletion) and a second delivery changes nothing.
 */
@ApplicationScoped
public class AccountService {

  /** The request header that confirms a deletion; its value must be the caller's handle. */
  public static final String CONFIRM_HEADER = "X-Confirm-Delete";

  private final Pool pool;
  private final ProfileRepository profiles;
  private final AccountRepository accounts;
  private final Outbox outbox;
  private final SocialEventFactory events;
  private final ProfileService profileService;
  private final RevokedUsers revoked;

  @Inject
  AccountService(
      Pool pool,
      ProfileRepository profiles,
      AccountRepository accounts,
      Outbox outbox,
      SocialEventFactory events,
      ProfileService profileService,
      RevokedUsers revoked) {
    this.pool = pool;
    this.profiles = profiles;
    this.accounts = accounts;
    this.outbox = outbox;
    this.events = events;
    this.profileService = profileService;
    this.revoked = revoked;
  }

  /**
   * Deletes the caller's account. From then on the caller's tokens are refused (401) here at once
   * and in the other services as soon as they read the event.
   *
   * @param confirmation the {@value #CONFIRM_HEADER} header: the caller's handle, any case
   * @throws ProblemException 428 {@code CONFIRMATION_REQUIRED} when the header is missing or names
   *     another handle
   */
  public Uni<Void> delete(Caller caller, String confirmation) {
    return pool.withTransaction(
            tx ->
                accounts
                    .lockAccount(tx, caller.userId())
                    .chain(() -> profiles.find(tx, caller.userId()))
                    .flatMap(
                        found -> {
                          if (found.isEmpty()) {
                            // deleted meanwhile by a concurrent request of the same user
                            return Uni.createFrom().item(Instant.now());
                          }
                          if (confirmation == null
                              || !confirmation
                                  .strip()
                                  .toLowerCase(Locale.ROOT)
                                  .equals(found.get().handle())) {
                            throw new ProblemException(
                                SocialErrorCode.CONFIRMATION_REQUIRED,
                                CONFIRM_HEADER + " must name your handle to delete your account",
                                List.of(
                                    new Problem.Violation(CONFIRM_HEADER, "must be your handle")),
                                Map.of());
                          }
                          Instant now = Instant.now();
                          return accounts
                              .deleteUser(tx, caller.userId())
                              .chain(
                                  () ->
                                      outbox.append(
                                          tx,
                                          events.event(
                                              caller.userId(),
                                              SocialEvents.USER_DELETED,
                                              caller.userId(),
                                              new UserDeleted(caller.userId(), now),
                                              now)))
                              .replaceWith(now);
                        }))
        .invoke(
            deletedAt -> {
              profileService.forget(caller.userId());
              revoked.revoke(caller.userId(), deletedAt);
            })
        .replaceWithVoid();
  }
}
