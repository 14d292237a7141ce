package dev.kiroku.social;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.kiroku.social.ProfileApiTest.User;
import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.PostgresTestDatabase;
import dev.kiroku.testing.TestTokenIssuer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(SocialTestSetup.class)
class AccountDeletionTest {

  static final String API = ProfileApiTest.API;

  @SocialTestSetup.InjectKeycloak WireMockServer keycloak;

  static void follow(User follower, User followed) {
    follower
        .call()
        .post(API + "/users/" + followed.handle() + "/follow")
        .then()
        .statusCode(200)
        .body("state", equalTo("FOLLOWING"));
  }

  @Test
  void deletingTheAccountLeavesNoRowAndRefusesItsTokens() {
    User alice = User.named(ProfileApiTest.unique("alice"));
    User bob = User.named(ProfileApiTest.unique("bob"));
    String handle = alice.handle();
    bob.handle();
    alice.patch("{\"handle\": \"" + handle + "_x\"}").statusCode(200); // leaves a redirect
    follow(alice, bob);
    follow(bob, alice);
    // blocks both ways with a third user (a block between alice and bob would end their follows)
    User carol = User.named(ProfileApiTest.unique("carol"));
    carol.call().post(API + "/users/" + alice.handle() + "/block").then().statusCode(204);
    alice.call().post(API + "/users/" + carol.handle() + "/block").then().statusCode(204);
    // and pending requests both ways
    User dave = User.named(ProfileApiTest.unique("dave"));
    dave.patch("{\"visibility\": \"PRIVATE\"}").statusCode(200);
    alice.call().post(API + "/users/" + dave.handle() + "/follow").then().statusCode(200);
    alice.patch("{\"visibility\": \"FOLLOWERS\"}").statusCode(200);
    dave.call().post(API + "/users/" + alice.handle() + "/follow").then().statusCode(200);
    bob.call()
        .get(API + "/me")
        .then()
        .body("followerCount", equalTo(1))
        .body("followingCount", equalTo(1));
    TestCatalog.seed();
    String list = ListApiTest.createList(alice, "Mine", "PUBLIC");
    ListApiTest.add(alice, list, TestCatalog.BEBOP).statusCode(201);
    FavoriteApiTest.put(alice, "ANIME", FavoriteApiTest.ids(TestCatalog.FRIEREN)).statusCode(200);

    ProfileApiTest.problem(alice.call().delete(API + "/me").then(), 428, "CONFIRMATION_REQUIRED")
        .body("violations[0].field", equalTo("X-Confirm-Delete"));
    ProfileApiTest.problem(
        alice.call().header("X-Confirm-Delete", bob.handle()).delete(API + "/me").then(),
        428,
        "CONFIRMATION_REQUIRED");
    assertThat(rowsOf(alice.id())).isPositive();

    alice
        .call()
        .header("X-Confirm-Delete", (handle + "_X"))
        .delete(API + "/me")
        .then()
        .statusCode(204);

    assertThat(rowsOf(alice.id())).isZero();
    bob.call()
        .get(API + "/me")
        .then()
        .body("followerCount", equalTo(0))
        .body("followingCount", equalTo(0));
    assertThat(
            SocialDatabase.column(
                "SELECT payload->>'userId' FROM outbox_event WHERE event_key = ?"
                    + " AND type = 'kiroku.social.user-deleted.v1'",
                alice.id()))
        .containsExactly(alice.id());
    // the token no longer works, and does not bring the profile back
    ProfileApiTest.problem(alice.call().get(API + "/me").then(), 401, "UNAUTHORIZED");
    assertThat(rowsOf(alice.id())).isZero();
    // the Keycloak account is deleted by the consumer of the event
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                keycloak.verify(
                    1, deleteRequestedFor(urlPathEqualTo(SocialTestSetup.userPath(alice.id())))));
  }

  @Test
  void keycloakDownDelaysTheAccountDeletionWithoutLosingIt() {
    User carol = User.named(ProfileApiTest.unique("carol"));
    String handle = carol.handle();
    String path = SocialTestSetup.userPath(carol.id());
    var down =
        keycloak.stubFor(
            com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo(path))
                .inScenario("down")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("still down"));
    var stillDown =
        keycloak.stubFor(
            com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo(path))
                .inScenario("down")
                .whenScenarioStateIs("still down")
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
    var up =
        keycloak.stubFor(
            com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo(path))
                .inScenario("down")
                .whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(404)));
    try {
      carol.call().header("X-Confirm-Delete", handle).delete(API + "/me").then().statusCode(204);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> keycloak.verify(3, deleteRequestedFor(urlPathEqualTo(path))));
      assertThat(
              SocialDatabase.column(
                  "SELECT event_id::text FROM inbox_event WHERE consumer = ?",
                  "social-service.account-deletions"))
          .isNotEmpty();
    } finally {
      keycloak.removeStub(down);
      keycloak.removeStub(stillDown);
      keycloak.removeStub(up);
    }
  }

  @Test
  void aDeletionAnnouncedOnTheTopicRefusesTheUsersTokens() {
    User dave = User.named(ProfileApiTest.unique("dave"));
    dave.handle();
    User erin = User.named(ProfileApiTest.unique("erin"));
    erin.handle();
    KafkaTestBroker.send(
        "social.events.v1",
        dave.id(),
        "{\"userId\": \"" + dave.id() + "\", \"deletedAt\": \"" + Instant.now() + "\"}",
        Map.of("ce_type", "kiroku.social.user-deleted.v1", "ce_id", UUID.randomUUID().toString()));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> dave.call().get(API + "/me").then().statusCode(401));
    erin.call().get(API + "/me").then().statusCode(200);
  }

  /** Rows that name {@code userId} in any table of social-service's own schema. */
  static long rowsOf(String userId) {
    return SocialDatabase.column(
            "SELECT (SELECT count(*) FROM profile WHERE user_id = ?)"
                + " + (SELECT count(*) FROM handle_redirect WHERE user_id = ?)"
                + " + (SELECT count(*) FROM follow WHERE follower_id = ? OR followed_id = ?)"
                + " + (SELECT count(*) FROM follow_request WHERE requester_id = ? OR target_id = ?)"
                + " + (SELECT count(*) FROM block WHERE blocker_id = ? OR blocked_id = ?)"
                + " + (SELECT count(*) FROM user_list WHERE owner_id = ?)"
                + " + (SELECT count(*) FROM user_list_item WHERE owner_id = ?)"
                + " + (SELECT count(*) FROM favorite WHERE user_id = ?)",
            userId,
            userId,
            userId,
            userId,
            userId,
            userId,
            userId,
            userId,
            userId,
            userId,
            userId)
        .stream()
        .mapToLong(Long::parseLong)
        .sum();
  }
}
