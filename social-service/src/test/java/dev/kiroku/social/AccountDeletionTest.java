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
    SocialDatabase.update(
        "INSERT INTO follow (follower_id, followed_id, created_at) VALUES (?, ?, now())",
        follower.id(),
        followed.id());
    SocialDatabase.update(
        "UPDATE profile SET following_count = following_count + 1 WHERE user_id = ?",
        follower.id());
    SocialDatabase.update(
        "UPDATE profile SET follower_count = follower_count + 1 WHERE user_id = ?", followed.id());
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
    SocialDatabase.update(
        "INSERT INTO block (blocker_id, blocked_id, created_at) VALUES (?, ?, now())",
        bob.id(),
        alice.id());

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
                + " + (SELECT count(*) FROM block WHERE blocker_id = ? OR blocked_id = ?)",
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
