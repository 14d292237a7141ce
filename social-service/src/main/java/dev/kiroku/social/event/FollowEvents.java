package dev.kiroku.social.event;

import static dev.kiroku.social.event.SocialEventFactory.ref;

import dev.kiroku.contracts.social.Blocked;
import dev.kiroku.contracts.social.FollowAccepted;
import dev.kiroku.contracts.social.FollowRequested;
import dev.kiroku.contracts.social.Followed;
import dev.kiroku.contracts.social.SocialEvents;
import dev.kiroku.contracts.social.Unblocked;
import dev.kiroku.contracts.social.Unfollowed;
import dev.kiroku.platform.outbox.OutboxEvent;
import dev.kiroku.social.domain.Profile;
import dev.kiroku.social.domain.UnfollowReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Follows, follow requests and blocks as events on {@code social.events.v1}, built from the change
 * (the two users' profiles as locked in the transaction and the time of the change). Key = the id
 * of the user who acted (the follower for {@code Followed}, also after an acceptance); subject =
 * the other user's id.
 */
@ApplicationScoped
public class FollowEvents {

  private final SocialEventFactory events;

  @Inject
  FollowEvents(SocialEventFactory events) {
    this.events = events;
  }

  /** {@code Followed}: {@code follower} follows {@code followed} since {@code at}. */
  public OutboxEvent followed(Profile follower, Profile followed, Instant at) {
    return events.event(
        follower.userId(),
        SocialEvents.FOLLOWED,
        followed.userId(),
        new Followed(ref(follower), ref(followed), at),
        at);
  }

  /**
   * {@code Unfollowed}: the follow of {@code followerId} to {@code followedId} ended at {@code at}.
   *
   * @param actorId who ended it (the key): the follower for {@code UNFOLLOWED}, the followed user
   *     for {@code REMOVED}, the blocker for {@code BLOCKED}
   */
  public OutboxEvent unfollowed(
      String actorId, String followerId, String followedId, UnfollowReason reason, Instant at) {
    return events.event(
        actorId,
        SocialEvents.UNFOLLOWED,
        actorId.equals(followerId) ? followedId : followerId,
        new Unfollowed(followerId, followedId, reason.name(), at),
        at);
  }

  /** {@code FollowRequested}: {@code requester} asked at {@code at} to follow {@code target}. */
  public OutboxEvent followRequested(Profile requester, Profile target, Instant at) {
    return events.event(
        requester.userId(),
        SocialEvents.FOLLOW_REQUESTED,
        target.userId(),
        new FollowRequested(ref(requester), ref(target), at),
        at);
  }

  /** {@code FollowAccepted}: {@code followed} accepted {@code follower}'s request at {@code at}. */
  public OutboxEvent followAccepted(Profile follower, Profile followed, Instant at) {
    return events.event(
        followed.userId(),
        SocialEvents.FOLLOW_ACCEPTED,
        follower.userId(),
        new FollowAccepted(ref(follower), ref(followed), at),
        at);
  }

  /** {@code Blocked}: {@code blockerId} blocked {@code blockedId} at {@code at}. */
  public OutboxEvent blocked(String blockerId, String blockedId, Instant at) {
    return events.event(
        blockerId, SocialEvents.BLOCKED, blockedId, new Blocked(blockerId, blockedId, at), at);
  }

  /** {@code Unblocked}: {@code blockerId} lifted the block of {@code blockedId} at {@code at}. */
  public OutboxEvent unblocked(String blockerId, String blockedId, Instant at) {
    return events.event(
        blockerId, SocialEvents.UNBLOCKED, blockedId, new Unblocked(blockerId, blockedId, at), at);
  }
}
