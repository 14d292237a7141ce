package dev.kiroku.platform.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/** Every error path, through real HTTP: problem+json with the right status, code and fields. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
class ProblemHttpTest {

  private static ValidatableResponse problem(
      ValidatableResponse response, int status, String code) {
    return response
        .statusCode(status)
        .contentType("application/problem+json")
        .body("status", equalTo(status))
        .body("code", equalTo(code))
        .body(not(containsString("Exception")));
  }

  @Test
  void aValidBodyPasses() {
    given()
        .contentType("application/json")
        .body("{\"status\":\"WATCHING\",\"progress\":{\"episode\":3}}")
        .post("/problem-test/entries")
        .then()
        .statusCode(200)
        .body("progress.episode", equalTo(3));
  }

  @Test
  void beanValidationNamesTheFieldsTheClientSent() {
    problem(
            given()
                .contentType("application/json")
                .body("{\"progress\":{\"episode\":-1}}")
                .post("/problem-test/entries")
                .then(),
            400,
            "VALIDATION_FAILED")
        .body("violations.field", contains("progress.episode", "status"))
        .body("instance", equalTo("/problem-test/entries"));
  }

  @Test
  void malformedJsonIs400() {
    problem(
            given()
                .contentType("application/json")
                .body("{\"status\": \"WATCHING\",")
                .post("/problem-test/entries")
                .then(),
            400,
            "MALFORMED_REQUEST")
        .body("detail", containsString("not valid JSON"));
  }

  @Test
  void aWrongTypeIs400NamingTheField() {
    problem(
            given()
                .contentType("application/json")
                .body("{\"status\":\"WATCHING\",\"progress\":{\"episode\":\"three\"}}")
                .post("/problem-test/entries")
                .then(),
            400,
            "MALFORMED_REQUEST")
        .body("violations.field", contains("progress.episode"));
  }

  @Test
  void queryParametersAreValidatedByName() {
    problem(given().get("/problem-test/search?q=").then(), 400, "VALIDATION_FAILED")
        .body("violations.field", contains("q"));
    problem(
            given().get("/problem-test/search?q=" + "x".repeat(501)).then(),
            400,
            "VALIDATION_FAILED")
        .body("violations.field", contains("q"));
  }

  @Test
  void wrongMethodAndContentTypeKeepTheirStatus() {
    problem(given().get("/problem-test/entries").then(), 405, "METHOD_NOT_ALLOWED");
    problem(
        given().contentType("text/plain").body("hello").post("/problem-test/entries").then(),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void aServiceProblemKeepsItsCodeAndExtensions() {
    problem(given().get("/problem-test/media").then(), 404, "MEDIA_NOT_FOUND")
        .body("detail", equalTo("No media with id 42."))
        .body("mediaId", equalTo("42"));
  }

  @Test
  void anUnexpectedFailureIs500WithoutInternals() {
    problem(given().get("/problem-test/boom").then(), 500, "INTERNAL_ERROR")
        .body(not(containsString("secret")))
        .body("errorId", org.hamcrest.Matchers.notNullValue());
  }

  @Test
  void apiPathsWithoutCredentialsAre401() {
    problem(given().get("/api/v1/anything").then(), 401, "UNAUTHORIZED")
        .header("WWW-Authenticate", equalTo("Bearer"));
  }

  @Test
  void retryAfterIsSentAsAHeader() {
    problem(given().get("/problem-test/busy").then(), 503, "SERVICE_UNAVAILABLE")
        .header("Retry-After", equalTo("3"));
    problem(given().get("/problem-test/media").then(), 404, "MEDIA_NOT_FOUND")
        .header("Retry-After", org.hamcrest.Matchers.nullValue());
  }
}
