package dev.kiroku.social.service;

import dev.kiroku.platform.outbox.Outbox;
import dev.kiroku.platform.outbox.OutboxEvent;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.social.domain.ByHandle;
import dev.kiroku.social.domain.FollowRules;
import dev.kiroku.social.domain.UnfollowReason;
import dev.kiroku.social.event.FollowEvents;
import dev.kiroku.social.repository.BlockRepository;
import dev.kiroku.social.repository.FollowRepository;
import dev.kiroku.social.repository.FollowRepository.Follow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Blocks: a block ends the follows both ways (counts adjusted) and the pending requests both ways,
 * in the transaction that stores it, after locking both profiles as follows do; from then on
 * neither may follow the other, and the blocked user sees none of the blocker's details.
 */
@ApplicationScoped
public class BlockService {

  private final Pool pool;
  private final BlockRepository blocks;
  private final FollowRepository follows;
  private final Outbox outbox;
  private final FollowEvents events;
  private final UserResolver users;

  @Inject
  BlockService(
      Pool pool,
      BlockRepository blocks,
      FollowRepository follows,
      Outbox outbox,
      FollowEvents events,
      UserResolver users) {
    this.pool = pool;
    this.blocks = blocks;
    this.follows = follows;
    this.outbox = outbox;
    this.events = events;
    this.users = users;
  }

  /**
   * {@code callerId} blocks the user {@code handle} names: {@code Blocked}, then {@code Unfollowed}
   * (reason {@code BLOCKED}, keyed by the caller) for each follow it ended. Blocking again changes
   * nothing and publishes nothing.
   *
   * @throws ProblemException 404 {@code USER_NOT_FOUND}; 422 {@code SELF_RELATION}
   */
  public Uni<ByHandle<Void>> block(String callerId, String handle) {
    return users.resolve(
        handle,
        callerId,
        found -> {
          String blockedId = found.profile().userId();
          FollowRules.requireOther(callerId, blockedId);
          Instant now = UserResolver.now();
          return pool.withTransaction(
              tx ->
                  follows
                      .lockPair(tx, callerId, blockedId)
                      .invoke(
                          pair -> {
                            if (pair.size() < 2) {
                              throw UserResolver.notFound(handle);
                            }
                          })
                      .chain(() -> blocks.insert(tx, callerId, blockedId, now))
                      .flatMap(
                          added ->
                              added
                                  ? endRelations(tx, callerId, blockedId, now)
                                  : Uni.createFrom().voidItem()));
        });
  }

  private Uni<Void> endRelations(SqlClient tx, String blockerId, String blockedId, Instant now) {
    return follows
        .deleteFollowsBothWays(tx, blockerId, blockedId)
        .call(ended -> follows.count(tx, blockerId, blockedId, ended, -1))
        .call(() -> follows.deleteRequestsBothWays(tx, blockerId, blockedId))
        .flatMap(
            ended -> {
              List<OutboxEvent> published = new ArrayList<>(1 + ended.size());
              published.add(events.blocked(blockerId, blockedId, now));
              for (Follow f : ended) {
                published.add(
                    events.unfollowed(
                        blockerId, f.followerId(), f.followedId(), UnfollowReason.BLOCKED, now));
              }
              return outbox.append(tx, published);
            });
  }

  /**
   * {@code callerId} lifts their block of the user {@code handle} names ({@code Unblocked}); the
   * follows it ended stay ended. Nothing changes when there was no block.
   *
   * @throws ProblemException 404 {@code USER_NOT_FOUND}; 422 {@code SELF_RELATION}
   */
  public Uni<ByHandle<Void>> unblock(String callerId, String handle) {
    return users.resolve(
        handle,
        callerId,
        found -> {
          String blockedId = found.profile().userId();
          FollowRules.requireOther(callerId, blockedId);
          Instant now = UserResolver.now();
          return pool.withTransaction(
              tx ->
                  blocks
                      .delete(tx, callerId, blockedId)
                      .flatMap(
                          lifted ->
                              lifted
                                  ? outbox.append(tx, events.unblocked(callerId, blockedId, now))
                                  : Uni.createFrom().voidItem()));
        });
  }
}
