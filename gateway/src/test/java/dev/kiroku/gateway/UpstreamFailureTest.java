package dev.kiroku.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.TestTokenIssuer;
import dev.kiroku.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import org.junit.jupiter.api.Test;

/**
 * Services that take requests and never answer ({@link FakeUpstreams}): {@code feed} times out
 * after 300 ms, {@code search} after 200 ms and its circuit opens after 4 such requests.
 */
@QuarkusTest
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(FakeUpstreams.class)
@QuarkusTestResource(GatewayTestSettings.class)
class UpstreamFailureTest {

  /** A gateway that waited for the service would fail the test here instead of hanging it. */
  private static final RestAssuredConfig NO_HANG =
      RestAssuredConfig.config()
          .httpClient(
              HttpClientConfig.httpClientConfig()
                  .setParam("http.socket.timeout", 5_000)
                  .setParam("http.connection.timeout", 5_000));

  @Test
  void aServiceSilentPastItsTimeoutIs503NamingItWithRetryAfter() {
    long start = System.nanoTime();
    given()
        .config(NO_HANG)
        .auth()
        .oauth2(TestTokens.user("patient"))
        .when()
        .get("/api/v1/feed/activities")
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .header("Retry-After", "10")
        .header("X-Request-Id", notNullValue())
        .body("code", equalTo("SERVICE_UNAVAILABLE"))
        .body("service", equalTo("feed"))
        .body("detail", containsString("feed service did not answer within 300 ms"))
        .body("instance", equalTo("/api/v1/feed/activities"));
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(elapsedMs).isBetween(250L, 5_000L);
  }

  @Test
  void theCircuitOpensAfterRepeatedFailuresAndTheServiceIsNoLongerCalled() {
    String token = TestTokens.user("persistent");
    var calls = FakeUpstreams.SILENT_CALLS.get("search");
    int before = calls.get();
    for (int i = 0; i < 4; i++) {
      given()
          .config(NO_HANG)
          .auth()
          .oauth2(token)
          .when()
          .get("/api/v1/search/media?q=x")
          .then()
          .statusCode(503)
          .body("detail", containsString("did not answer within 200 ms"));
    }
    assertThat(calls.get() - before).as("requests that reached search").isEqualTo(4);
    given()
        .config(NO_HANG)
        .auth()
        .oauth2(token)
        .when()
        .get("/api/v1/search/media?q=x")
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .header("Retry-After", "60")
        .body("service", equalTo("search"))
        .body("detail", containsString("circuit open"));
    assertThat(calls.get() - before).as("requests that reached search").isEqualTo(4);
  }
}
