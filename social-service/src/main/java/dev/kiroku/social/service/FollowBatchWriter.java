package dev.kiroku.social.service;

import dev.kiroku.platform.batch.GroupCommit.Outcome;
import dev.kiroku.platform.outbox.Outbox;
import dev.kiroku.social.domain.FollowState;
import dev.kiroku.social.event.FollowEvents;
import dev.kiroku.social.repository.FollowRepository;
import dev.kiroku.social.repository.FollowRepository.Follow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a batch of follows and unfollows in ONE transaction; a batch of one is the same code. Per
 * batch, whatever its size:
 *
 * <ol>
 *   <li>every profile of the batch locked in user id order ({@link FollowRepository#lockAll}), then
 *       how each actor stands to its target ({@link FollowRepository#relations}), pipelined: the
 *       pair writes elsewhere (block, accept, remove a follower, account deletion) lock the same
 *       rows first, so what is read holds until the commit;
 *   <li>the plan, in Java ({@link FollowBatchPlanner});
 *   <li>the follows and requests deleted and inserted, the counts, and the outbox events, one
 *       statement each, pipelined;
 *   <li>{@code COMMIT}. The outbox wakes its relay once the commit is done.
 * </ol>
 */
@ApplicationScoped
class FollowBatchWriter {

  private final Pool pool;
  private final FollowRepository follows;
  private final Outbox outbox;
  private final FollowBatchPlanner planner;

  @Inject
  FollowBatchWriter(Pool pool, FollowRepository follows, Outbox outbox, FollowEvents events) {
    this.pool = pool;
    this.follows = follows;
    this.outbox = outbox;
    this.planner = new FollowBatchPlanner(events);
  }

  /**
   * Runs {@code batch} in one transaction.
   *
   * @return one outcome per write, in batch order, once committed; fails (nothing written) when a
   *     statement fails
   */
  Uni<List<Outcome<FollowState>>> write(List<FollowWrite> batch) {
    Instant now = UserResolver.now();
    Set<String> users = new LinkedHashSet<>();
    Set<Follow> pairs = new LinkedHashSet<>();
    for (FollowWrite write : batch) {
      users.add(write.actorId());
      users.add(write.targetId());
      pairs.add(write.pair());
    }
    return pool.withTransaction(
        conn ->
            Uni.combine()
                .all()
                .unis(follows.lockAll(conn, users), follows.relations(conn, pairs))
                .asTuple()
                .flatMap(
                    t -> {
                      FollowBatchPlanner.Plan plan =
                          planner.plan(batch, t.getItem1(), t.getItem2(), now);
                      return apply(conn, plan, now).replaceWith(plan.outcomes());
                    }));
  }

  /** The plan's statements, all sent at once (pipelined), deletes before inserts. */
  private Uni<Void> apply(SqlConnection conn, FollowBatchPlanner.Plan plan, Instant now) {
    if (!plan.writes()) {
      return Uni.createFrom().voidItem(); // every write repeated or refused
    }
    return Uni.join()
        .all(
            follows.deleteFollows(conn, plan.deletedFollows()),
            follows.deleteRequests(conn, plan.deletedRequests()),
            follows.insertFollows(conn, plan.insertedFollows(), now),
            follows.insertRequests(conn, plan.insertedRequests(), now),
            follows.addCounts(conn, plan.counts()),
            outbox.append(conn, plan.events()))
        .andFailFast()
        .replaceWithVoid();
  }
}
