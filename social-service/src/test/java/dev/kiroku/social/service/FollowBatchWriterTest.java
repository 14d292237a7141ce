package dev.kiroku.social.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroku.platform.batch.GroupCommit.Outcome;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.social.SocialDatabase;
import dev.kiroku.social.SocialTestSetup;
import dev.kiroku.social.domain.FollowState;
import dev.kiroku.social.domain.SocialErrorCode;
import dev.kiroku.social.service.FollowWrite.Kind;
import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.PostgresTestDatabase;
import dev.kiroku.testing.TestTokenIssuer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One group-commit batch of follows and unfollows, written straight through {@link
 * FollowBatchWriter}: writes of the same pair in one batch take effect one after the other, as if
 * each ran alone, and a refused write leaves the others committed. (Through HTTP, under
 * concurrency: FollowApiTest.)
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(SocialTestSetup.class)
class FollowBatchWriterTest {

  @Inject FollowBatchWriter writer;

  /** A profile as the first call creates it; returns its user id. */
  private static String profile(String visibility) {
    String id = UUID.randomUUID().toString();
    SocialDatabase.update(
        "INSERT INTO profile (user_id, handle, visibility, created_at, updated_at)"
            + " VALUES (?, ?, ?, now(), now())",
        id,
        "b_" + id.substring(0, 8),
        visibility);
    return id;
  }

  private static FollowWrite follow(String actor, String target) {
    return new FollowWrite(Kind.FOLLOW, actor, "b_" + target.substring(0, 8));
  }

  private static FollowWrite unfollow(String actor, String target) {
    return new FollowWrite(Kind.UNFOLLOW, actor, "b_" + target.substring(0, 8));
  }

  private static String counts(String user) {
    return SocialDatabase.column(
            "SELECT follower_count || '/' || following_count FROM profile WHERE user_id = ?", user)
        .get(0);
  }

  private static List<String> events(String key) {
    return SocialDatabase.column(
        "SELECT replace(type, 'kiroku.social.', '') FROM outbox_event WHERE event_key = ?"
            + " ORDER BY seq",
        key);
  }

  private static List<String> rows(String sql, String... params) {
    return SocialDatabase.column(sql, params);
  }

  private List<Outcome<FollowState>> write(FollowWrite... batch) {
    return writer.write(List.of(batch)).await().atMost(Duration.ofSeconds(10));
  }

  @Test
  void writesOfOnePairInOneBatchTakeEffectInOrderAndOnlyTheLastStateIsStored() {
    String alice = profile("PUBLIC");
    String bob = profile("PUBLIC");
    String carol = profile("PRIVATE");

    List<Outcome<FollowState>> outcomes =
        write(
            follow(alice, bob),
            unfollow(alice, bob),
            follow(alice, bob),
            follow(alice, bob), // a repeat: nothing more
            follow(alice, carol), // a request
            unfollow(alice, carol), // withdrawn: no event
            follow(bob, alice));

    assertThat(outcomes)
        .extracting(Outcome::result)
        .containsExactly(
            FollowState.FOLLOWING,
            null,
            FollowState.FOLLOWING,
            FollowState.FOLLOWING,
            FollowState.REQUESTED,
            null,
            FollowState.FOLLOWING);
    assertThat(outcomes).allMatch(o -> o.failure() == null);
    assertThat(rows("SELECT followed_id FROM follow WHERE follower_id = ?", alice))
        .containsExactly(bob);
    assertThat(rows("SELECT followed_id FROM follow WHERE follower_id = ?", bob))
        .containsExactly(alice);
    assertThat(rows("SELECT target_id FROM follow_request WHERE requester_id = ?", alice))
        .isEmpty();
    assertThat(counts(alice)).isEqualTo("1/1");
    assertThat(counts(bob)).isEqualTo("1/1");
    assertThat(counts(carol)).isEqualTo("0/0");
    assertThat(events(alice))
        .containsExactly("followed.v1", "unfollowed.v1", "followed.v1", "follow-requested.v1");
    assertThat(events(bob)).containsExactly("followed.v1");

    // the next batch starts from what the last one stored: a stored follow ends and starts again
    Integer before =
        Integer.valueOf(
            rows(
                    "SELECT count(*) FROM outbox_event WHERE event_key = ? AND type LIKE '%unfollowed%'",
                    alice)
                .get(0));
    assertThat(write(unfollow(alice, bob), follow(alice, bob)))
        .extracting(Outcome::result)
        .containsExactly(null, FollowState.FOLLOWING);
    assertThat(rows("SELECT count(*) FROM follow WHERE follower_id = ?", alice))
        .containsExactly("1");
    assertThat(counts(bob)).isEqualTo("1/1");
    assertThat(
            rows(
                "SELECT count(*) FROM outbox_event WHERE event_key = ? AND type LIKE '%unfollowed%'",
                alice))
        .containsExactly(String.valueOf(before + 1));
  }

  @Test
  void aRefusedWriteFailsAloneAndTheRestOfItsBatchCommits() {
    String alice = profile("PUBLIC");
    String bob = profile("PUBLIC");
    String dave = profile("PUBLIC");
    SocialDatabase.update(
        "INSERT INTO block (blocker_id, blocked_id, created_at) VALUES (?, ?, now())", dave, alice);
    String gone = UUID.randomUUID().toString(); // no profile (deleted meanwhile)

    List<Outcome<FollowState>> outcomes =
        write(
            follow(alice, dave),
            follow(alice, gone),
            follow(alice, bob),
            unfollow(gone, bob),
            follow(alice, alice),
            unfollow(bob, bob));

    assertThat(((ProblemException) outcomes.get(0).failure()).errorCode())
        .isEqualTo(SocialErrorCode.BLOCKED);
    assertThat(((ProblemException) outcomes.get(1).failure()).errorCode().status()).isEqualTo(404);
    assertThat(outcomes.get(2).result()).isEqualTo(FollowState.FOLLOWING);
    assertThat(((ProblemException) outcomes.get(3).failure()).errorCode().status()).isEqualTo(404);
    // the target is found by handle in the batch: oneself is refused there
    assertThat(((ProblemException) outcomes.get(4).failure()).errorCode())
        .isEqualTo(SocialErrorCode.SELF_RELATION);
    assertThat(((ProblemException) outcomes.get(5).failure()).errorCode())
        .isEqualTo(SocialErrorCode.SELF_RELATION);
    assertThat(rows("SELECT followed_id FROM follow WHERE follower_id = ?", alice))
        .containsExactly(bob);
    assertThat(counts(alice)).isEqualTo("0/1");
    assertThat(counts(dave)).isEqualTo("0/0");
    assertThat(events(alice)).containsExactly("followed.v1");
  }
}
