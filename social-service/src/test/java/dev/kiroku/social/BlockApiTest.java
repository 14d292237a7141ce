package dev.kiroku.social;

import static dev.kiroku.social.FollowApiTest.counts;
import static dev.kiroku.social.FollowApiTest.events;
import static dev.kiroku.social.FollowApiTest.follow;
import static dev.kiroku.social.FollowApiTest.handle;
import static dev.kiroku.social.FollowApiTest.payload;
import static dev.kiroku.social.FollowApiTest.rows;
import static dev.kiroku.social.FollowApiTest.user;
import static dev.kiroku.social.FollowApiTest.visibility;
import static dev.kiroku.social.ProfileApiTest.API;
import static dev.kiroku.social.ProfileApiTest.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.kiroku.social.ProfileApiTest.User;
import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.PostgresTestDatabase;
import dev.kiroku.testing.TestTokenIssuer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(SocialTestSetup.class)
class BlockApiTest {

  static final String BLOCKED = "kiroku.social.blocked.v1";
  static final String UNBLOCKED = "kiroku.social.unblocked.v1";

  static ValidatableResponse block(User who, User whom) {
    return who.call().post(API + "/users/" + handle(whom) + "/block").then();
  }

  static ValidatableResponse unblock(User who, User whom) {
    return who.call().delete(API + "/users/" + handle(whom) + "/block").then();
  }

  @Test
  void aBlockEndsFollowsBothWaysOnceAndRefusesNewOnes() {
    User alice = user("alice");
    User bob = user("bob");
    User carol = user("carol");
    follow(alice, bob).statusCode(200);
    follow(bob, alice).statusCode(200);
    follow(carol, alice).statusCode(200);
    follow(carol, bob).statusCode(200);
    assertThat(counts(alice)).isEqualTo("2/1");
    assertThat(counts(bob)).isEqualTo("2/1");

    block(alice, bob).statusCode(204);
    assertThat(counts(alice)).isEqualTo("1/0");
    assertThat(counts(bob)).isEqualTo("1/0");
    assertThat(counts(carol)).isEqualTo("0/2");
    assertThat(
            rows(
                "SELECT count(*) FROM follow WHERE follower_id IN (?, ?) AND followed_id IN (?, ?)",
                alice.id(),
                bob.id(),
                alice.id(),
                bob.id()))
        .isZero();
    assertThat(events(alice))
        .containsExactly(
            FollowApiTest.FOLLOWED, BLOCKED, FollowApiTest.UNFOLLOWED, FollowApiTest.UNFOLLOWED);
    assertThat(payload(alice, BLOCKED, "blockerId")).isEqualTo(alice.id());
    assertThat(payload(alice, BLOCKED, "blockedId")).isEqualTo(bob.id());
    assertThat(
            SocialDatabase.column(
                "SELECT payload->>'followerId' || '>' || (payload->>'followedId') || ':'"
                    + " || (payload->>'reason') FROM outbox_event"
                    + " WHERE event_key = ? AND type = ? ORDER BY seq",
                alice.id(),
                FollowApiTest.UNFOLLOWED))
        .containsExactlyInAnyOrder(
            alice.id() + ">" + bob.id() + ":BLOCKED", bob.id() + ">" + alice.id() + ":BLOCKED");
    assertThat(events(bob)).containsExactly(FollowApiTest.FOLLOWED);

    // again: nothing changes, nothing is published
    block(alice, bob).statusCode(204);
    assertThat(events(alice)).hasSize(4);

    // neither may follow the other, and the answer does not say who blocked
    String detail = problem(follow(bob, alice), 403, "BLOCKED").extract().path("detail");
    problem(follow(alice, bob), 403, "BLOCKED").body("detail", equalTo(detail));
    assertThat(counts(alice)).isEqualTo("1/0");
    // the blocked user sees the blocker restricted, and not their lists
    bob.call()
        .get(API + "/users/" + handle(alice))
        .then()
        .body("restricted", equalTo(true))
        .body("displayName", nullValue())
        .body("relationship.blocking", equalTo(false));
    problem(
        bob.call().get(API + "/users/" + handle(alice) + "/followers").then(), 403, "FORBIDDEN");
    // the blocker still sees the blocked user's public profile, marked as blocking
    alice
        .call()
        .get(API + "/users/" + handle(bob))
        .then()
        .body("restricted", equalTo(false))
        .body("relationship.blocking", equalTo(true));
  }

  @Test
  void aBlockEndsPendingRequestsBothWays() {
    User alice = user("alice");
    User bob = user("bob");
    visibility(alice, "PRIVATE");
    visibility(bob, "FOLLOWERS");
    follow(alice, bob).statusCode(200).body("state", equalTo("REQUESTED"));
    follow(bob, alice).statusCode(200).body("state", equalTo("REQUESTED"));
    block(bob, alice).statusCode(204);
    assertThat(
            rows(
                "SELECT count(*) FROM follow_request WHERE requester_id IN (?, ?)",
                alice.id(),
                bob.id()))
        .isZero();
    bob.call().get(API + "/me/follow-requests").then().body("count", equalTo(0));
    problem(
        bob.call().post(API + "/me/follow-requests/" + handle(alice) + "/accept").then(),
        404,
        "FOLLOW_REQUEST_NOT_FOUND");
    assertThat(events(bob)).containsExactly(FollowApiTest.REQUESTED, BLOCKED);
    assertThat(counts(alice)).isEqualTo("0/0");
    assertThat(counts(bob)).isEqualTo("0/0");
  }

  @Test
  void blocksAreListedAndLiftedOnce() {
    User alice = user("alice");
    User bob = user("bob");
    User carol = user("carol");
    visibility(carol, "PRIVATE");
    follow(alice, bob).statusCode(200);
    block(alice, bob).statusCode(204);
    block(alice, carol).statusCode(204);
    alice
        .call()
        .get(API + "/me/blocks")
        .then()
        .statusCode(200)
        .body("count", equalTo(2))
        .body("items.handle", contains(handle(carol), handle(bob)))
        .body("items[0].restricted", equalTo(true))
        .body("items[1].displayName", equalTo("Bob"))
        .body("items[1].blockedAt", notNullValue())
        .body("nextCursor", nullValue());
    String cursor =
        alice
            .call()
            .get(API + "/me/blocks?limit=1")
            .then()
            .body("items.handle", contains(handle(carol)))
            .extract()
            .path("nextCursor");
    alice
        .call()
        .get(API + "/me/blocks?limit=1&cursor=" + cursor)
        .then()
        .body("items.handle", contains(handle(bob)))
        .body("nextCursor", nullValue())
        .body("count", equalTo(2));
    bob.call().get(API + "/me/blocks").then().body("count", equalTo(0));

    unblock(alice, bob).statusCode(204);
    unblock(alice, bob).statusCode(204);
    assertThat(events(alice))
        .containsExactly(
            FollowApiTest.FOLLOWED, BLOCKED, FollowApiTest.UNFOLLOWED, BLOCKED, UNBLOCKED);
    assertThat(payload(alice, UNBLOCKED, "blockedId")).isEqualTo(bob.id());
    alice.call().get(API + "/me/blocks").then().body("items.handle", contains(handle(carol)));
    // the ended follow stays ended; a new one may begin
    assertThat(counts(bob)).isEqualTo("0/0");
    follow(bob, alice).statusCode(200).body("state", equalTo("FOLLOWING"));
    assertThat(counts(alice)).isEqualTo("1/0");
  }
}
