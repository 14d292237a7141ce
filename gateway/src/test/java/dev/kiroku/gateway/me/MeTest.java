package dev.kiroku.gateway.me;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.kiroku.gateway.GatewayTestSettings;
import dev.kiroku.gateway.me.FakeMeServices.Answer;
import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.TestTokenIssuer;
import dev.kiroku.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/me} against fake services: every part at once, each read with the caller's own
 * token; a part whose service is down, slow or refusing is null with a warning, never a hang.
 */
@QuarkusTest
@TestProfile(MeTest.FakeServices.class)
class MeTest {

  /** Its own gateway, whose services are {@link FakeMeServices}. */
  public static class FakeServices implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(
          new TestResourceEntry(TestTokenIssuer.class),
          new TestResourceEntry(KafkaTestBroker.class),
          new TestResourceEntry(FakeMeServices.class),
          new TestResourceEntry(GatewayTestSettings.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
      return true;
    }
  }

  static final String PROFILE = "social /api/v1/social/me";
  static final String ENTRIES = "progress /api/v1/progress/entries?limit=1";
  static final String UP_NEXT = "progress /api/v1/progress/up-next";
  static final String UNREAD = "feed /api/v1/feed/notifications/unread-count";

  @BeforeEach
  void everyServiceAnswers() {
    FakeMeServices.reset();
    FakeMeServices.ANSWERS.put(
        PROFILE, new Answer(200, "{\"handle\": \"alice\", \"visibility\": \"PUBLIC\"}"));
    FakeMeServices.ANSWERS.put(
        ENTRIES,
        new Answer(200, "{\"items\": [{}], \"counts\": {\"WATCHING\": 3, \"COMPLETED\": 12}}"));
    FakeMeServices.ANSWERS.put(
        UP_NEXT, new Answer(200, "{\"items\": [{\"mediaId\": \"m1\"}, {\"mediaId\": \"m2\"}]}"));
    FakeMeServices.ANSWERS.put(UNREAD, new Answer(200, "{\"count\": 4}"));
  }

  @Test
  void everyPartIsAskedAtOnceWithTheCallersOwnToken() {
    // the services answer only once all four requests have arrived: asked one after another,
    // the first would wait for the others past the 1 s timeout
    FakeMeServices.HOLD_UNTIL = 4;
    String token = TestTokens.user("alice-id");
    given()
        .auth()
        .oauth2(token)
        .header("X-Request-Id", "me-1")
        .get("/api/v1/me")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .header("Cache-Control", "no-store")
        .header("RateLimit-Policy", containsString("reads"))
        .body("profile.handle", equalTo("alice"))
        .body("statusCounts.WATCHING", equalTo(3))
        .body("statusCounts.COMPLETED", equalTo(12))
        .body("upNext.mediaId", contains("m1", "m2"))
        .body("unreadNotifications", equalTo(4))
        .body("warnings", empty());
    assertThat(FakeMeServices.RECEIVED).hasSize(4);
    assertThat(FakeMeServices.RECEIVED)
        .allSatisfy(
            r -> {
              assertThat(r.authorization()).isEqualTo("Bearer " + token);
              assertThat(r.requestId()).isEqualTo("me-1");
            });
  }

  @Test
  void aServiceThatIsDownSlowOrRefusingLeavesOnlyItsPartOutWithAWarning() {
    FakeMeServices.ANSWERS.put(UNREAD, new Answer(404, FakeMeServices.problem(404, "no route")));
    FakeMeServices.ANSWERS.put(PROFILE, FakeMeServices.SILENT);
    long started = System.nanoTime();
    given()
        .auth()
        .oauth2(TestTokens.user("bob-id"))
        .get("/api/v1/me")
        .then()
        .statusCode(200)
        .body("profile", nullValue())
        .body("unreadNotifications", nullValue())
        .body("statusCounts.WATCHING", equalTo(3))
        .body("upNext", hasSize(2))
        .body("warnings", hasSize(2))
        .body("warnings.find { it.part == 'profile' }.service", equalTo("social-service"))
        .body(
            "warnings.find { it.part == 'profile' }.detail",
            equalTo("social-service did not answer within 1000 ms"))
        .body("warnings.find { it.part == 'profile' }.status", nullValue())
        .body("warnings.find { it.part == 'unreadNotifications' }.service", equalTo("feed-service"))
        .body("warnings.find { it.part == 'unreadNotifications' }.status", equalTo(404))
        .body(
            "warnings.find { it.part == 'unreadNotifications' }.detail",
            equalTo("feed-service answered 404: no route"));
    // the silent service cost its timeout, not more
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_900);

    FakeMeServices.ANSWERS.put(ENTRIES, new Answer(500, "not json"));
    FakeMeServices.ANSWERS.put(UP_NEXT, new Answer(200, "not json"));
    FakeMeServices.ANSWERS.put(UNREAD, FakeMeServices.DROP);
    FakeMeServices.ANSWERS.put(PROFILE, new Answer(200, "{\"handle\": \"bob\"}"));
    given()
        .auth()
        .oauth2(TestTokens.user("bob-id"))
        .get("/api/v1/me")
        .then()
        .statusCode(200)
        .body("statusCounts", nullValue())
        .body("upNext", nullValue())
        .body(
            "warnings.find { it.part == 'statusCounts' }.detail",
            equalTo("progress-service answered 500"))
        .body(
            "warnings.find { it.part == 'upNext' }.detail",
            equalTo("progress-service answered 200: its answer was not JSON"))
        .body("profile.handle", equalTo("bob"))
        .body(
            "warnings.find { it.part == 'unreadNotifications' }.detail",
            startsWith("feed-service could not be reached"))
        .body("warnings.part", hasSize(3));

    // a 200 without the member the part is made of is a missing part too
    FakeMeServices.ANSWERS.put(ENTRIES, new Answer(200, "{\"items\": []}"));
    given()
        .auth()
        .oauth2(TestTokens.user("bob-id"))
        .get("/api/v1/me")
        .then()
        .statusCode(200)
        .body("statusCounts", nullValue())
        .body(
            "warnings.find { it.part == 'statusCounts' }.detail",
            equalTo("progress-service answered 200: its answer had no counts"));
  }

  @Test
  void itNeedsAValidToken() {
    for (String bad : List.of("", TestTokens.expired("carol"), TestTokens.unsigned("carol"))) {
      var request = given();
      if (!bad.isEmpty()) {
        request.auth().oauth2(bad);
      }
      request
          .get("/api/v1/me")
          .then()
          .statusCode(401)
          .contentType("application/problem+json")
          .body("code", equalTo("UNAUTHORIZED"));
    }
    assertThat(FakeMeServices.RECEIVED).isEmpty();
  }
}
