package dev.kiroku.social.service;

import dev.kiroku.platform.outbox.Outbox;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.social.domain.ByHandle;
import dev.kiroku.social.domain.FollowRules;
import dev.kiroku.social.domain.FollowState;
import dev.kiroku.social.domain.Profile;
import dev.kiroku.social.domain.SocialErrorCode;
import dev.kiroku.social.domain.UnfollowReason;
import dev.kiroku.social.event.FollowEvents;
import dev.kiroku.social.repository.FollowRepository;
import dev.kiroku.social.repository.FollowRepository.Follow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Follows and follow requests: follow, unfollow, accept, decline, remove a follower. Follows and
 * unfollows go through the group commit ({@link FollowWriteBatcher}); the others run one
 * transaction each. Every write, its count changes and its events go in one transaction that first
 * locks both profiles ({@link FollowRepository#lockPair}, {@link FollowRepository#lockAll}); a
 * repeated write changes nothing and publishes nothing.
 */
@ApplicationScoped
public class FollowService {

  private final Pool pool;
  private final FollowRepository follows;
  private final Outbox outbox;
  private final FollowEvents events;
  private final UserResolver users;
  private final FollowWriteBatcher batcher;

  @Inject
  FollowService(
      Pool pool,
      FollowRepository follows,
      Outbox outbox,
      FollowEvents events,
      UserResolver users,
      FollowWriteBatcher batcher) {
    this.pool = pool;
    this.follows = follows;
    this.outbox = outbox;
    this.events = events;
    this.users = users;
    this.batcher = batcher;
  }

  /**
   * {@code callerId} follows the user {@code handle} names: at once for a {@code PUBLIC} profile
   * ({@code Followed}; a pending request of the caller's goes), else by a pending request ({@code
   * FollowRequested}). Nothing changes when the follow or request exists.
   *
   * @return the state the caller is now in
   * @throws ProblemException 404 {@code USER_NOT_FOUND}; 422 {@code SELF_RELATION}; 403 {@code
   *     BLOCKED} when either blocked the other
   */
  public Uni<ByHandle<FollowState>> follow(String callerId, String handle) {
    return users.write(
        handle, lower -> batcher.submit(new FollowWrite(FollowWrite.Kind.FOLLOW, callerId, lower)));
  }

  /**
   * {@code callerId} no longer follows the user {@code handle} names ({@code Unfollowed}, reason
   * {@code UNFOLLOWED}), and a pending request of theirs to follow them is withdrawn (no event).
   * Nothing changes when there was neither. Committed with other follows and unfollows ({@link
   * FollowWriteBatcher}).
   *
   * @throws ProblemException 404 {@code USER_NOT_FOUND}; 422 {@code SELF_RELATION}
   */
  public Uni<ByHandle<Void>> unfollow(String callerId, String handle) {
    return users.write(
        handle,
        lower ->
            batcher
                .submit(new FollowWrite(FollowWrite.Kind.UNFOLLOW, callerId, lower))
                .replaceWithVoid());
  }

  /**
   * {@code callerId} removes the user {@code handle} names from their followers ({@code
   * Unfollowed}, reason {@code REMOVED}, keyed by the caller). Nothing changes when they did not
   * follow the caller.
   *
   * @throws ProblemException 404 {@code USER_NOT_FOUND}; 422 {@code SELF_RELATION}
   */
  public Uni<ByHandle<Void>> removeFollower(String callerId, String handle) {
    return users.resolve(
        handle,
        callerId,
        found -> {
          String followerId = found.profile().userId();
          FollowRules.requireOther(callerId, followerId);
          Instant now = UserResolver.now();
          return pool.withTransaction(
              tx ->
                  follows
                      .lockPair(tx, callerId, followerId)
                      .chain(
                          () ->
                              endFollow(
                                  tx, callerId, followerId, callerId, UnfollowReason.REMOVED, now))
                      .replaceWithVoid());
        });
  }

  /**
   * {@code callerId} accepts the pending request of the user {@code handle} names: the request
   * becomes a follow ({@code FollowAccepted} keyed by the caller, then {@code Followed} keyed by
   * the follower). Accepting again once they follow changes nothing.
   *
   * @throws ProblemException 404 {@code USER_NOT_FOUND}; 404 {@code FOLLOW_REQUEST_NOT_FOUND} when
   *     they neither asked nor follow; 422 {@code SELF_RELATION}
   */
  public Uni<ByHandle<Void>> accept(String callerId, String handle) {
    return users.resolve(
        handle,
        callerId,
        found -> {
          String requesterId = found.profile().userId();
          FollowRules.requireOther(callerId, requesterId);
          Instant now = UserResolver.now();
          return pool.withTransaction(
              tx ->
                  lockPair(tx, callerId, requesterId, handle)
                      .flatMap(
                          pair ->
                              follows
                                  .deleteRequest(tx, requesterId, callerId)
                                  .flatMap(
                                      requested -> {
                                        if (requested) {
                                          Profile requester = pair.get(requesterId);
                                          Profile me = pair.get(callerId);
                                          return outbox
                                              .append(tx, events.followAccepted(requester, me, now))
                                              .chain(() -> startFollow(tx, requester, me, now));
                                        }
                                        return follows
                                            .relation(tx, requesterId, callerId)
                                            .invoke(
                                                relation -> {
                                                  if (!relation.following()) {
                                                    throw requestNotFound(handle);
                                                  }
                                                })
                                            .replaceWithVoid();
                                      })));
        });
  }

  /**
   * {@code callerId} declines the pending request of the user {@code handle} names; it is deleted
   * and nothing is published (the requester is not told).
   *
   * @throws ProblemException 404 {@code USER_NOT_FOUND}; 404 {@code FOLLOW_REQUEST_NOT_FOUND} when
   *     no request of theirs is pending; 422 {@code SELF_RELATION}
   */
  public Uni<ByHandle<Void>> decline(String callerId, String handle) {
    return users.resolve(
        handle,
        callerId,
        found -> {
          String requesterId = found.profile().userId();
          FollowRules.requireOther(callerId, requesterId);
          return pool.withTransaction(
              tx ->
                  follows
                      .deleteRequest(tx, requesterId, callerId)
                      .invoke(
                          deleted -> {
                            if (!deleted) {
                              throw requestNotFound(handle);
                            }
                          })
                      .replaceWithVoid());
        });
  }

  /** Both profiles, locked; 404 when one is gone (deleted while the request ran). */
  private Uni<Map<String, Profile>> lockPair(SqlClient tx, String a, String b, String handle) {
    return follows
        .lockPair(tx, a, b)
        .invoke(
            pair -> {
              if (pair.size() < 2) {
                throw UserResolver.notFound(handle);
              }
            });
  }

  /** A new follow with its counts and {@code Followed}; nothing when it exists. */
  private Uni<Void> startFollow(SqlClient tx, Profile follower, Profile followed, Instant now) {
    return follows
        .insertFollow(tx, follower.userId(), followed.userId(), now)
        .flatMap(
            at ->
                at.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : follows
                        .count(
                            tx,
                            follower.userId(),
                            followed.userId(),
                            List.of(new Follow(follower.userId(), followed.userId())),
                            1)
                        .chain(
                            () ->
                                outbox.append(tx, events.followed(follower, followed, at.get()))));
  }

  /** Ends a follow with its counts and {@code Unfollowed}; nothing when there was none. */
  private Uni<Void> endFollow(
      SqlClient tx,
      String actorId,
      String followerId,
      String followedId,
      UnfollowReason reason,
      Instant now) {
    return follows
        .deleteFollow(tx, followerId, followedId)
        .flatMap(
            ended ->
                !ended
                    ? Uni.createFrom().voidItem()
                    : follows
                        .count(
                            tx,
                            followerId,
                            followedId,
                            List.of(new Follow(followerId, followedId)),
                            -1)
                        .chain(
                            () ->
                                outbox.append(
                                    tx,
                                    events.unfollowed(
                                        actorId, followerId, followedId, reason, now))));
  }

  private static ProblemException requestNotFound(String handle) {
    return new ProblemException(
        SocialErrorCode.FOLLOW_REQUEST_NOT_FOUND,
        "No follow request from " + handle + " is pending");
  }
}
