package dev.kiroku.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every Kiroku service must do before it does anything else: health (readiness checks its real
 * backing stores), OpenAPI with Swagger UI, Prometheus metrics, bearer-token verification on {@code
 * /api/**}, and problem+json for every error. A service's test extends this class and is annotated
 * {@code @QuarkusTest}; JUnit runs these inherited tests against that service.
 */
public abstract class ServiceFoundationContract {

  /** The service's API prefix, e.g. {@code /api/v1/catalog}. */
  protected abstract String apiPrefix();

  /**
   * Words that must each appear in the name of one readiness check, e.g. {@code "PostgreSQL"},
   * {@code "Redis"}, {@code "Kafka"}.
   */
  protected abstract List<String> readinessChecks();

  @Test
  void readinessChecksItsRealBackingStores() {
    ValidatableResponse ready =
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    for (String check : readinessChecks()) {
      ready.body("checks.findAll { it.name.contains('" + check + "') }.status", hasItems("UP"));
    }
  }

  /**
   * Tables Flyway must have created at start in the service's database; empty for a service without
   * a database.
   */
  protected List<String> migratedTables() {
    return List.of();
  }

  @Test
  void databaseIsMigratedAtStart() throws java.sql.SQLException {
    List<String> tables = migratedTables();
    org.junit.jupiter.api.Assumptions.assumeFalse(tables.isEmpty(), "this service has no database");
    var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
    try (var connection =
            java.sql.DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
        var statement =
            connection.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
        var rows = statement.executeQuery()) {
      List<String> present = new java.util.ArrayList<>();
      while (rows.next()) {
        present.add(rows.getString(1));
      }
      org.assertj.core.api.Assertions.assertThat(present)
          .contains("flyway_schema_history")
          .containsAll(tables);
    }
  }

  @Test
  void livenessAnswers() {
    given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void publishesOpenApiAndSwaggerUi() {
    given()
        .accept("application/json")
        .when()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("openapi", startsWith("3."));
    given().when().get("/q/swagger-ui/").then().statusCode(200);
  }

  @Test
  void exposesPrometheusMetrics() {
    given()
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("jvm_memory_used_bytes"));
  }

  @Test
  void apiWithoutTokenIsRejectedWithProblemJson() {
    assertUnauthorized(given().when().get(apiPrefix() + "/anything").then());
  }

  @Test
  void apiRejectsExpiredForeignAndWrongAudienceTokens() {
    for (String token :
        List.of(
            TestTokens.expired("alice"),
            TestTokens.signedByStranger("alice"),
            TestTokens.forAudience("alice", "some-other-api"),
            "not-a-jwt")) {
      assertUnauthorized(given().auth().oauth2(token).when().get(apiPrefix() + "/anything").then());
    }
  }

  @Test
  void validTokenPassesSecurityAndUnknownPathsAreProblemJson404() {
    given()
        .auth()
        .oauth2(TestTokens.user("alice"))
        .when()
        .get(apiPrefix() + "/no-such-resource")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("status", equalTo(404))
        .body("code", equalTo("NOT_FOUND"))
        .body("instance", equalTo(apiPrefix() + "/no-such-resource"));
  }

  /**
   * libs/platform's verified-token cache: a token OIDC verified is answered from the cache (the
   * request still passes security), a copy with one signature character changed is verified (and
   * rejected) on its own, and the cached token is rejected once its {@code exp} has passed.
   */
  @Test
  void verifiedTokensAreAnsweredFromTheCacheUntilTheyExpire() throws InterruptedException {
    Duration lifetime = Duration.ofSeconds(3);
    String token = TestTokens.expiringIn("cache-" + java.util.UUID.randomUUID(), lifetime);
    long expiresAt = System.currentTimeMillis() + lifetime.toMillis();
    double hitsBefore = tokenCacheCount("hit");
    for (int i = 0; i < 3; i++) {
      given()
          .auth()
          .oauth2(token)
          .when()
          .get(apiPrefix() + "/no-such-resource")
          .then()
          .statusCode(404);
    }
    org.assertj.core.api.Assertions.assertThat(tokenCacheCount("hit") - hitsBefore)
        .as("requests answered from the verified-token cache")
        .isGreaterThanOrEqualTo(2);

    int at = token.length() - 20;
    String tampered =
        token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
    assertUnauthorized(
        given().auth().oauth2(tampered).when().get(apiPrefix() + "/no-such-resource").then());

    // exp has whole seconds: wait until it is surely behind us
    Thread.sleep(Math.max(0, expiresAt - System.currentTimeMillis()) + 1_500);
    assertUnauthorized(
        given().auth().oauth2(token).when().get(apiPrefix() + "/no-such-resource").then());
  }

  /** {@code kiroku_security_token_cache_total{result=...}} from {@code /q/metrics}, 0 if absent. */
  private static double tokenCacheCount(String result) {
    String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    String prefix = "kiroku_security_token_cache_total{result=\"" + result + "\"} ";
    return metrics
        .lines()
        .filter(line -> line.startsWith(prefix))
        .mapToDouble(line -> Double.parseDouble(line.substring(prefix.length()).trim()))
        .sum();
  }

  private static void assertUnauthorized(ValidatableResponse response) {
    response
        .statusCode(401)
        .header("WWW-Authenticate", startsWith("Bearer"))
        .contentType("application/problem+json")
        .body("status", equalTo(401))
        .body("code", equalTo("UNAUTHORIZED"))
        .body("detail", containsString("bearer token"))
        .body(org.hamcrest.Matchers.not(containsString("Exception")));
  }
}
