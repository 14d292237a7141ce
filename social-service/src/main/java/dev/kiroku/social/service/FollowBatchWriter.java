package dev.kiroku.social.service;

import dev.kiroku.platform.batch.GroupCommit.Outcome;
import dev.kiroku.platform.outbox.Outbox;
import dev.kiroku.social.domain.FollowState;
import dev.kiroku.social.domain.Profile;
import dev.kiroku.social.domain.Relationship;
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
import java.util.Map;
import java.util.Set;

/**
 * Writes a batch of follows and unfollows in ONE transaction; a batch of one is the same code. Per
 * batch, whatever its size:
 *
 * <ol>
 *   <li>every profile of the batch, the actors by user id and the targets by handle, locked in user
 *       id order ({@link FollowRepository#lockAll}), then how each actor stands to its target
 *       ({@link FollowRepository#relations}): the pair writes elsewhere (block, accept, remove a
 *       follower, account deletion) lock the same rows first, so what is read holds until the
 *       commit. A handle no profile has fails its write with 404 (the service then looks for a
 *       rename);
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
    Set<String> actors = new LinkedHashSet<>();
    Set<String> handles = new LinkedHashSet<>();
    for (FollowWrite write : batch) {
      actors.add(write.actorId());
      handles.add(write.handle());
    }
    return pool.withTransaction(
        conn ->
            follows
                .lockAll(conn, actors, handles)
                .flatMap(
                    profiles -> {
                      Map<String, Profile> targets = FollowBatchPlanner.byHandle(profiles);
                      Set<Follow> pairs = FollowBatchPlanner.pairs(batch, targets);
                      Uni<Map<Follow, Relationship>> stored =
                          pairs.isEmpty()
                              ? Uni.createFrom().item(Map.of())
                              : follows.relations(conn, pairs);
                      return stored.flatMap(
                          relations -> {
                            FollowBatchPlanner.Plan plan =
                                planner.plan(batch, profiles, targets, relations, now);
                            return apply(conn, plan, now).replaceWith(plan.outcomes());
                          });
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
