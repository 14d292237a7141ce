package dev.kiroku.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.TestTokenIssuer;
import dev.kiroku.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(FakeUpstreams.class)
@QuarkusTestResource(GatewayTestSettings.class)
class ApiProxyTest {

  @Test
  void theTokensOfADeletedAccountAreRefused() {
    String deleted = UUID.randomUUID().toString();
    // a username unlike the id, as Keycloak issues them: the refusal goes by the token's sub
    String token = TestTokens.named(deleted, "deleted-user", null);
    String other = TestTokens.user(UUID.randomUUID().toString());
    given().auth().oauth2(token).get("/api/v1/catalog/media/42").then().statusCode(200);
    KafkaTestBroker.ensureTopics(Map.of("social.events.v1", 6));
    KafkaTestBroker.send(
        "social.events.v1",
        deleted,
        "{\"userId\": \"" + deleted + "\", \"deletedAt\": \"" + Instant.now() + "\"}",
        Map.of("ce_type", "kiroku.social.user-deleted.v1", "ce_id", UUID.randomUUID().toString()));
    // the verified token was cached before: it is refused all the same
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(token)
                    .get("/api/v1/catalog/media/42")
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json"));
    given().auth().oauth2(other).get("/api/v1/catalog/media/42").then().statusCode(200);
  }

  @Test
  void forwardsMethodPathQueryHeadersTokenAndStatusUnchanged() {
    String token = TestTokens.user("alice");
    given()
        .auth()
        .oauth2(token)
        .header("X-Custom", "kept")
        .when()
        .get("/api/v1/catalog/media/42?lang=ja&page=2")
        .then()
        .statusCode(200)
        .header("X-Upstream", "catalog")
        .body("method", equalTo("GET"))
        .body("uri", equalTo("/api/v1/catalog/media/42?lang=ja&page=2"))
        .body("authorization", equalTo("Bearer " + token))
        .body("custom", equalTo("kept"));
  }

  @Test
  void streamsALargeRequestBodyIntact() {
    byte[] body = new byte[3 * 1024 * 1024];
    new Random(7).nextBytes(body);
    given()
        .auth()
        .oauth2(TestTokens.user("alice"))
        .contentType("application/octet-stream")
        .body(body)
        .when()
        .post("/api/v1/catalog/admin/imports")
        .then()
        .statusCode(201)
        .body("method", equalTo("POST"))
        .body("bodyBytes", equalTo(body.length))
        .body("bodySha256", equalTo(FakeUpstreams.sha256(body)));
  }

  @Test
  void serviceHealthIsReachableThroughTheGatewayWithAToken() {
    given()
        .auth()
        .oauth2(TestTokens.user("bob"))
        .when()
        .get("/api/v1/catalog/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("path", equalTo("/q/health/ready"));
    given()
        .auth()
        .oauth2(TestTokens.user("bob"))
        .when()
        .get("/api/v1/catalog/health")
        .then()
        .statusCode(200)
        .body("path", equalTo("/q/health"));
  }

  @Test
  void protectedRoutesNeedATokenBeforeAnythingIsForwarded() {
    given()
        .when()
        .get("/api/v1/progress/entries")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("code", equalTo("UNAUTHORIZED"));
    given()
        .auth()
        .oauth2(TestTokens.expired("alice"))
        .body("ignored")
        .when()
        .post("/api/v1/catalog/anything")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
  }

  @Test
  void aGetWhoseUpstreamConnectionDiesIsRetriedOnceOnAFreshConnection() {
    FakeUpstreams.FLAKY_CALLS.set(0);
    given()
        .auth()
        .oauth2(TestTokens.user("alice"))
        .when()
        .get("/api/v1/catalog/flaky")
        .then()
        .statusCode(200)
        .body("method", equalTo("GET"));
    org.assertj.core.api.Assertions.assertThat(FakeUpstreams.FLAKY_CALLS.get()).isEqualTo(2);
  }

  @Test
  void aPostWhoseUpstreamConnectionDiesIsNotRetried() {
    FakeUpstreams.FLAKY_CALLS.set(0);
    given()
        .auth()
        .oauth2(TestTokens.user("alice"))
        .body("{\"rating\": 8}")
        .contentType("application/json")
        .when()
        .post("/api/v1/catalog/flaky")
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .body("code", equalTo("SERVICE_UNAVAILABLE"));
    org.assertj.core.api.Assertions.assertThat(FakeUpstreams.FLAKY_CALLS.get()).isEqualTo(1);
  }

  @Test
  void aServiceThatDoesNotAnswerIs503ProblemJsonNamingIt() {
    given()
        .auth()
        .oauth2(TestTokens.user("alice"))
        .when()
        .get("/api/v1/social/profiles/me")
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .body("code", equalTo("SERVICE_UNAVAILABLE"))
        .body("detail", containsString("social"))
        .body("instance", equalTo("/api/v1/social/profiles/me"));
  }
}
