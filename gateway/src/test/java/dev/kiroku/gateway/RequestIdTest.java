package dev.kiroku.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.TestTokenIssuer;
import dev.kiroku.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code X-Request-Id} made, kept or replaced, passed on and answered; {@code traceparent} kept.
 */
@QuarkusTest
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(FakeUpstreams.class)
@QuarkusTestResource(GatewayTestSettings.class)
class RequestIdTest {

  @Test
  void anIdIsMadeWhenTheClientSendsNoneAndTheServiceGetsTheSame() {
    Response response = given().auth().oauth2(TestTokens.user("alice")).get("/api/v1/catalog/x");
    response.then().statusCode(200);
    String id = response.header("X-Request-Id");
    assertThat(UUID.fromString(id).toString()).isEqualTo(id);
    assertThat(response.jsonPath().getString("requestId")).isEqualTo(id);
  }

  @Test
  void aUsableIdIsKeptAndPassedOn() {
    String id = "web-7f3a:retry=2 (checkout)";
    given()
        .auth()
        .oauth2(TestTokens.user("alice"))
        .header("X-Request-Id", id)
        .when()
        .get("/api/v1/catalog/x")
        .then()
        .statusCode(200)
        .header("X-Request-Id", id)
        .body("requestId", equalTo(id));
    String longest = "r".repeat(200);
    given()
        .auth()
        .oauth2(TestTokens.user("alice"))
        .header("X-Request-Id", longest)
        .when()
        .get("/api/v1/catalog/x")
        .then()
        .header("X-Request-Id", longest);
  }

  @Test
  void anUnusableIdIsReplacedEverywhere() {
    for (String unusable : new String[] {"r".repeat(201), "tab\there", "   "}) {
      Response response =
          given()
              .auth()
              .oauth2(TestTokens.user("alice"))
              .header("X-Request-Id", unusable)
              .get("/api/v1/catalog/x");
      String id = response.header("X-Request-Id");
      assertThat(id).as("for %s", unusable).isNotEqualTo(unusable);
      assertThat(UUID.fromString(id).toString()).isEqualTo(id);
      assertThat(response.jsonPath().getString("requestId")).isEqualTo(id);
    }
  }

  @Test
  void everyAnswerCarriesTheId() {
    // 401 before any token check, 404 for a path no service owns, 503 for a service that is down;
    // 413 and 429 are checked in BodyLimitTest and RateLimitTest
    given()
        .header("X-Request-Id", "unauthorized-1")
        .get("/api/v1/catalog/x")
        .then()
        .statusCode(401)
        .header("X-Request-Id", "unauthorized-1");
    given()
        .auth()
        .oauth2(TestTokens.user("alice"))
        .header("X-Request-Id", "nowhere-1")
        .get("/api/v1/nowhere/x")
        .then()
        .statusCode(404)
        .header("X-Request-Id", "nowhere-1");
    given()
        .auth()
        .oauth2(TestTokens.user("alice"))
        .header("X-Request-Id", "down-1")
        .get("/api/v1/social/profiles/me")
        .then()
        .statusCode(503)
        .header("X-Request-Id", "down-1");
  }

  @Test
  void traceContextIsPassedOnUnchanged() {
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    given()
        .auth()
        .oauth2(TestTokens.user("alice"))
        .header("traceparent", traceparent)
        .header("tracestate", "kiroku=t61rcWkgMzE")
        .when()
        .get("/api/v1/catalog/x")
        .then()
        .statusCode(200)
        .body("traceparent", equalTo(traceparent))
        .body("tracestate", equalTo("kiroku=t61rcWkgMzE"));
  }
}
