package dev.kiroku.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.TestTokenIssuer;
import dev.kiroku.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Method;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The public routes of application.properties ({@code quarkus.http.auth.permission.public}) are
 * forwarded without a token and with a valid one; a bad token is refused on them too, and every
 * other route, the writes under the public paths included, is refused without a token before
 * anything is forwarded.
 */
@QuarkusTest
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(FakeUpstreams.class)
@QuarkusTestResource(GatewayTestSettings.class)
class PublicRoutesTest {

  @Test
  void publicReadsAreForwardedWithoutATokenAndSpendTheAddressesBudget() {
    for (String path :
        List.of(
            "/api/v1/catalog/media/42",
            "/api/v1/catalog/media/42/seasons/1/episodes?page=2",
            "/api/v1/catalog/media/by-external/mal/1")) {
      given()
          .get(path)
          .then()
          .statusCode(200)
          .header("X-Upstream", "catalog")
          .header("RateLimit-Policy", notNullValue())
          .body("uri", equalTo(path))
          .body("authorization", nullValue());
    }
    // social-service is down in these tests: forwarded, so 503 naming it, not 401
    for (String path :
        List.of(
            "/api/v1/social/users/alice",
            "/api/v1/social/users?q=ali",
            "/api/v1/social/users/alice/followers",
            "/api/v1/social/users/alice/lists")) {
      given()
          .get(path)
          .then()
          .statusCode(503)
          .contentType("application/problem+json")
          .body("detail", org.hamcrest.Matchers.containsString("social"));
    }
  }

  /**
   * Each service opens, in its own configuration, exactly the gateway's public routes under its own
   * paths (it verifies tokens itself: a route public at the gateway only would still be 401).
   */
  @Test
  void everyServiceOpensExactlyTheGatewaysPublicRoutesUnderItsPaths() throws IOException {
    Properties gateway = properties(Path.of("src/main/resources/application.properties"));
    List<String> open = publicPaths(gateway);
    assertThat(gateway.getProperty("quarkus.http.auth.permission.public.methods"))
        .isEqualTo("GET,HEAD");
    for (String service : List.of("catalog", "progress", "social", "feed", "search")) {
      Properties config =
          properties(
              Path.of(
                  "..",
                  service + "-service",
                  "src",
                  "main",
                  "resources",
                  "application.properties"));
      String prefix = "/api/v1/" + service;
      List<String> expected =
          open.stream().filter(p -> p.equals(prefix) || p.startsWith(prefix + "/")).toList();
      assertThat(publicPaths(config)).as("%s-service's public paths", service).isEqualTo(expected);
      if (!expected.isEmpty()) {
        assertThat(config.getProperty("quarkus.http.auth.permission.public.methods"))
            .isEqualTo("GET,HEAD");
        assertThat(config.getProperty("quarkus.http.auth.permission.public-writes.methods"))
            .as("%s-service keeps the writes under its public paths behind a token", service)
            .isEqualTo("POST,PUT,PATCH,DELETE");
      }
    }
  }

  private static Properties properties(Path file) throws IOException {
    Properties properties = new Properties();
    try (var reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    }
    return properties;
  }

  private static List<String> publicPaths(Properties config) {
    String paths = config.getProperty("quarkus.http.auth.permission.public.paths", "");
    return Arrays.stream(paths.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
  }

  @Test
  void aValidTokenIsForwardedOnPublicRoutesAndABadOneIsRefused() {
    String token = TestTokens.user("reader");
    given()
        .auth()
        .oauth2(token)
        .get("/api/v1/catalog/media/7")
        .then()
        .statusCode(200)
        .body("authorization", equalTo("Bearer " + token));
    int before = FakeUpstreams.CATALOG_REQUESTS.size();
    for (String bad :
        List.of(
            TestTokens.expired("reader"),
            TestTokens.unsigned("reader"),
            TestTokens.signedByStranger("reader"),
            "not-a-jwt")) {
      given()
          .auth()
          .oauth2(bad)
          .get("/api/v1/catalog/media/7")
          .then()
          .statusCode(401)
          .contentType("application/problem+json")
          .body("code", equalTo("UNAUTHORIZED"));
    }
    given()
        .header("Authorization", "Basic cmVhZGVyOnNlY3JldA==")
        .get("/api/v1/catalog/media/7")
        .then()
        .statusCode(401);
    assertThat(FakeUpstreams.CATALOG_REQUESTS.size()).isEqualTo(before);
  }

  @Test
  void everyOtherRouteWantsATokenBeforeAnythingIsForwarded() {
    // (no import route: calls without a token spend the address's imports budget, 2 an hour,
    // which RateLimitTest counts on)
    int before = FakeUpstreams.CATALOG_REQUESTS.size();
    List<String[]> routes =
        List.of(
            new String[] {"POST", "/api/v1/catalog/media/42/refresh"},
            new String[] {"GET", "/api/v1/catalog/search?q=frieren&type=ANIME"},
            new String[] {"GET", "/api/v1/catalog/health/ready"},
            new String[] {"GET", "/api/v1/catalog/admin/anything"},
            new String[] {"GET", "/api/v1/progress/entries"},
            new String[] {"PUT", "/api/v1/progress/entries/42"},
            new String[] {"GET", "/api/v1/progress/health/../entries"},
            new String[] {"GET", "/api/v1/social/me"},
            new String[] {"POST", "/api/v1/social/users/alice/follow"},
            new String[] {"DELETE", "/api/v1/social/users/alice/follow"},
            new String[] {"PATCH", "/api/v1/social/users/alice"},
            new String[] {"GET", "/api/v1/search/admin/rebuild"},
            new String[] {"GET", "/api/v1/me"});
    for (String[] route : routes) {
      given()
          .body("{}")
          .request(Method.valueOf(route[0]), route[1])
          .then()
          .statusCode(401)
          .contentType("application/problem+json")
          .body("code", equalTo("UNAUTHORIZED"));
    }
    assertThat(FakeUpstreams.CATALOG_REQUESTS.size()).isEqualTo(before);
  }
}
