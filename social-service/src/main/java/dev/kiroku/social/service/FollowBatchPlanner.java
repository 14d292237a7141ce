package dev.kiroku.social.service;

import dev.kiroku.platform.batch.GroupCommit.Outcome;
import dev.kiroku.platform.outbox.OutboxEvent;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.social.domain.FollowDecision;
import dev.kiroku.social.domain.FollowRules;
import dev.kiroku.social.domain.FollowState;
import dev.kiroku.social.domain.Profile;
import dev.kiroku.social.domain.Relationship;
import dev.kiroku.social.domain.UnfollowReason;
import dev.kiroku.social.event.FollowEvents;
import dev.kiroku.social.repository.FollowRepository.CountChange;
import dev.kiroku.social.repository.FollowRepository.Follow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans a batch of follows and unfollows from the locked profiles and the stored relations: the
 * writes take effect one after the other, in batch order, as if each ran alone (a follow and an
 * unfollow of the same pair in one batch leave no row and publish both events). No I/O.
 */
final class FollowBatchPlanner {

  /**
   * The batch's rows and events.
   *
   * @param outcomes one per write, in batch order: the follow state (null for an unfollow) or the
   *     write's problem
   * @param deletedFollows stored follows that ended
   * @param insertedFollows follows begun and still standing at the end of the batch
   * @param deletedRequests stored pending requests that went
   * @param insertedRequests requests made and still pending at the end of the batch
   * @param counts how each user's follower and following counts move
   * @param events the outbox events, in the order the writes happened
   */
  record Plan(
      List<Outcome<FollowState>> outcomes,
      List<Follow> deletedFollows,
      List<Follow> insertedFollows,
      List<Follow> deletedRequests,
      List<Follow> insertedRequests,
      Map<String, CountChange> counts,
      List<OutboxEvent> events) {

    /** Whether anything is written (a withdrawn request publishes no event). */
    boolean writes() {
      return !events.isEmpty()
          || !deletedFollows.isEmpty()
          || !insertedFollows.isEmpty()
          || !deletedRequests.isEmpty()
          || !insertedRequests.isEmpty();
    }
  }

  /**
   * A row that a batch may create or remove: does it stand now, was it created by the batch, did
   * the stored one go.
   */
  private static final class Row {
    boolean standing;
    boolean created;
    boolean storedGone;

    Row(boolean stored) {
      this.standing = stored;
    }

    void create() {
      standing = true;
      created = true;
    }

    /** Whether it stood (and now does not). */
    boolean remove() {
      if (!standing) {
        return false;
      }
      standing = false;
      if (created) {
        created = false;
      } else {
        storedGone = true;
      }
      return true;
    }
  }

  /** The follow row and the request row of one pair, as the batch goes. */
  private static final class PairRows {
    final Relationship stored;
    final Row follow;
    final Row request;

    PairRows(Relationship stored) {
      this.stored = stored;
      this.follow = new Row(stored.following());
      this.request = new Row(stored.requested());
    }

    Relationship now() {
      return new Relationship(
          follow.standing,
          stored.followedBy(),
          request.standing,
          stored.blockedByOwner(),
          stored.blocking());
    }
  }

  private final FollowEvents events;

  FollowBatchPlanner(FollowEvents events) {
    this.events = events;
  }

  /** The profiles of {@code profiles} by handle. */
  static Map<String, Profile> byHandle(Map<String, Profile> profiles) {
    Map<String, Profile> byHandle = new HashMap<>();
    for (Profile p : profiles.values()) {
      byHandle.put(p.handle(), p);
    }
    return byHandle;
  }

  /** The (actor, target) pairs of the writes whose target {@code targets} has, by handle. */
  static Set<Follow> pairs(List<FollowWrite> batch, Map<String, Profile> targets) {
    Set<Follow> pairs = new LinkedHashSet<>();
    for (FollowWrite write : batch) {
      Profile target = targets.get(write.handle());
      if (target != null) {
        pairs.add(new Follow(write.actorId(), target.userId()));
      }
    }
    return pairs;
  }

  /**
   * @param profiles the locked profiles by user id (a deleted user is missing)
   * @param targets the same by handle (a handle no profile has is missing)
   * @param relations how each write's actor stands to its target, as stored, by pair
   * @param now the time of every row and event of the batch
   */
  Plan plan(
      List<FollowWrite> batch,
      Map<String, Profile> profiles,
      Map<String, Profile> targets,
      Map<Follow, Relationship> relations,
      Instant now) {
    List<Outcome<FollowState>> outcomes = new ArrayList<>(batch.size());
    Map<Follow, PairRows> pairs = new LinkedHashMap<>();
    Map<String, int[]> counts = new LinkedHashMap<>();
    List<OutboxEvent> out = new ArrayList<>();
    for (FollowWrite write : batch) {
      Profile actor = profiles.get(write.actorId());
      Profile target = targets.get(write.handle());
      if (actor == null || target == null) {
        outcomes.add(Outcome.failed(UserResolver.notFound(write.handle())));
        continue;
      }
      PairRows rows =
          pairs.computeIfAbsent(
              new Follow(actor.userId(), target.userId()),
              p -> new PairRows(relations.getOrDefault(p, Relationship.NONE)));
      try {
        outcomes.add(
            switch (write.kind()) {
              case FOLLOW -> Outcome.of(follow(rows, actor, target, counts, out, now));
              case UNFOLLOW ->
                  Outcome.of(unfollow(rows, actor.userId(), target.userId(), counts, out, now));
            });
      } catch (ProblemException problem) {
        outcomes.add(Outcome.failed(problem));
      }
    }
    Plan plan =
        new Plan(
            outcomes,
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>(),
            new HashMap<>(),
            out);
    pairs.forEach(
        (pair, rows) -> {
          collect(pair, rows.follow, plan.deletedFollows(), plan.insertedFollows());
          collect(pair, rows.request, plan.deletedRequests(), plan.insertedRequests());
        });
    counts.forEach(
        (user, change) -> {
          if (change[0] != 0 || change[1] != 0) {
            plan.counts().put(user, new CountChange(change[0], change[1]));
          }
        });
    return plan;
  }

  /** A follow for a public profile (a pending request goes), else a request; or nothing. */
  private FollowState follow(
      PairRows rows,
      Profile actor,
      Profile target,
      Map<String, int[]> counts,
      List<OutboxEvent> out,
      Instant now) {
    FollowDecision decision = FollowRules.decide(actor.userId(), target, rows.now());
    switch (decision) {
      case FOLLOW -> {
        rows.follow.create();
        rows.request.remove();
        count(counts, actor.userId(), target.userId(), 1);
        out.add(events.followed(actor, target, now));
      }
      case REQUEST -> {
        rows.request.create();
        out.add(events.followRequested(actor, target, now));
      }
      case ALREADY_FOLLOWING, ALREADY_REQUESTED -> {
        // nothing changes, nothing is published
      }
    }
    return decision.state();
  }

  /** The follow ends ({@code Unfollowed}) and a pending request goes (no event). */
  private FollowState unfollow(
      PairRows rows,
      String actorId,
      String targetId,
      Map<String, int[]> counts,
      List<OutboxEvent> out,
      Instant now) {
    FollowRules.requireOther(actorId, targetId);
    if (rows.follow.remove()) {
      count(counts, actorId, targetId, -1);
      out.add(events.unfollowed(actorId, actorId, targetId, UnfollowReason.UNFOLLOWED, now));
    }
    rows.request.remove();
    return null;
  }

  private static void count(Map<String, int[]> counts, String follower, String followed, int sign) {
    counts.computeIfAbsent(follower, u -> new int[2])[1] += sign;
    counts.computeIfAbsent(followed, u -> new int[2])[0] += sign;
  }

  private static void collect(Follow pair, Row row, List<Follow> deleted, List<Follow> inserted) {
    if (row.storedGone) {
      deleted.add(pair);
    }
    if (row.created) {
      inserted.add(pair);
    }
  }
}
