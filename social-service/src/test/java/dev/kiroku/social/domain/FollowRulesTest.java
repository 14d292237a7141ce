package dev.kiroku.social.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroku.platform.problem.ProblemException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FollowRulesTest {

  private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  private static Profile bob(Visibility visibility) {
    return new Profile(
        "bob-id", "bob", "Bob", null, null, visibility, RatingScale.POINT_10, 0, 0, AT, AT);
  }

  private static Relationship relation(
      boolean following, boolean requested, boolean blockedByOwner, boolean blocking) {
    return new Relationship(following, false, requested, blockedByOwner, blocking);
  }

  @Test
  void aPublicProfileIsFollowedAtOnceOthersAreAsked() {
    assertThat(FollowRules.decide("alice-id", bob(Visibility.PUBLIC), Relationship.NONE))
        .isEqualTo(FollowDecision.FOLLOW);
    assertThat(FollowRules.decide("alice-id", bob(Visibility.FOLLOWERS), Relationship.NONE))
        .isEqualTo(FollowDecision.REQUEST);
    assertThat(FollowRules.decide("alice-id", bob(Visibility.PRIVATE), Relationship.NONE))
        .isEqualTo(FollowDecision.REQUEST);
    assertThat(FollowDecision.FOLLOW.state()).isEqualTo(FollowState.FOLLOWING);
    assertThat(FollowDecision.REQUEST.state()).isEqualTo(FollowState.REQUESTED);
  }

  @Test
  void aRepeatedFollowOrRequestChangesNothing() {
    assertThat(
            FollowRules.decide(
                "alice-id", bob(Visibility.PRIVATE), relation(true, false, false, false)))
        .isEqualTo(FollowDecision.ALREADY_FOLLOWING);
    assertThat(
            FollowRules.decide(
                "alice-id", bob(Visibility.FOLLOWERS), relation(false, true, false, false)))
        .isEqualTo(FollowDecision.ALREADY_REQUESTED);
    // the profile turned public while a request was pending: follow now
    assertThat(
            FollowRules.decide(
                "alice-id", bob(Visibility.PUBLIC), relation(false, true, false, false)))
        .isEqualTo(FollowDecision.FOLLOW);
  }

  @Test
  void blocksEitherWayRefuseWithoutSayingWho() {
    for (Relationship r :
        new Relationship[] {
          relation(false, false, true, false), relation(false, false, false, true)
        }) {
      assertThatThrownBy(() -> FollowRules.decide("alice-id", bob(Visibility.PUBLIC), r))
          .isInstanceOfSatisfying(
              ProblemException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo(SocialErrorCode.BLOCKED);
                assertThat(e.toProblem("/x").detail()).contains("one of you blocked the other");
              });
    }
  }

  @Test
  void oneselfIsRefused() {
    assertThatThrownBy(
            () -> FollowRules.decide("bob-id", bob(Visibility.PUBLIC), Relationship.NONE))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SocialErrorCode.SELF_RELATION));
  }
}
