package dev.kiroku.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.TestTokenIssuer;
import dev.kiroku.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** CORS for the origins {@link GatewayTestSettings} lists (with credentials). */
@QuarkusTest
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(FakeUpstreams.class)
@QuarkusTestResource(GatewayTestSettings.class)
class CorsTest {

  private static final String ORIGIN = GatewayTestSettings.WEB_ORIGIN;

  @Test
  void aPreflightIsAnsweredByTheGatewayWithoutATokenAndNeverForwarded() {
    given()
        .header("Origin", ORIGIN)
        .header("Access-Control-Request-Method", "PUT")
        .header("Access-Control-Request-Headers", "authorization,content-type,if-match")
        .when()
        .options("/api/v1/catalog/media/preflight-42")
        .then()
        .statusCode(204)
        .header("Access-Control-Allow-Origin", ORIGIN)
        .header("Access-Control-Allow-Credentials", "true")
        .header("Access-Control-Allow-Methods", containsString("PUT"))
        .header("Access-Control-Allow-Headers", containsString("Authorization"))
        .header("Access-Control-Allow-Headers", containsString("If-Match"))
        .header("Access-Control-Max-Age", "600")
        .header("Vary", containsString("Origin"))
        .header("X-Request-Id", notNullValue());
    assertThat(FakeUpstreams.CATALOG_REQUESTS)
        .noneMatch(request -> request.contains("/api/v1/catalog/media/preflight-42"));
  }

  @Test
  void aPreflightFromAnOriginNotListedIs403ProblemJsonWithoutCorsHeaders() {
    given()
        .header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "DELETE")
        .when()
        .options("/api/v1/catalog/media/42")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("code", equalTo("FORBIDDEN"))
        .body("detail", containsString("https://evil.example"))
        .header("Access-Control-Allow-Origin", nullValue())
        .header("Access-Control-Allow-Methods", nullValue());
  }

  @Test
  void answersToAListedOriginCarryCorsHeadersAndRefusalsToo() {
    given()
        .auth()
        .oauth2(TestTokens.user("cors-user"))
        .header("Origin", ORIGIN)
        .when()
        .get("/api/v1/catalog/media/42")
        .then()
        .statusCode(200)
        .header("X-Upstream", "catalog")
        .header("Access-Control-Allow-Origin", ORIGIN)
        .header("Access-Control-Allow-Credentials", "true")
        .header("Access-Control-Expose-Headers", containsString("RateLimit-Policy"))
        .header("Access-Control-Expose-Headers", containsString("Retry-After"))
        .header("Access-Control-Expose-Headers", containsString("X-Request-Id"))
        .header("Vary", containsString("Origin"));
    // the web app can read a 401 (to sign in again) only with the CORS headers on it
    given()
        .header("Origin", ORIGIN)
        .when()
        .get("/api/v1/progress/entries")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("Access-Control-Allow-Origin", ORIGIN);
  }

  @Test
  void requestsFromOtherOriginsGoOnWithoutCorsHeaders() {
    given()
        .auth()
        .oauth2(TestTokens.user("cors-user"))
        .header("Origin", "https://evil.example")
        .when()
        .get("/api/v1/catalog/media/42")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", nullValue())
        .header("Access-Control-Allow-Credentials", nullValue());
  }
}
