package dev.kiroku.platform.problem;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every error path, through real HTTP: problem+json with the right status, code and fields. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
class ProblemHttpTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject EdgeProblemHooks edgeHooks;

  @TestHTTPResource("/")
  URL base;

  /** The hooks go in once Quarkus's HTTP verticle is deployed, a few ms after the start. */
  @BeforeEach
  void edgeHooksAreInstalled() throws Exception {
    assertThat(edgeHooks.installed().toCompletableFuture().get(30, TimeUnit.SECONDS))
        .isGreaterThanOrEqualTo(1);
  }

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

  // --- rejected before any route runs: the HTTP/1.1 codec and Quarkus's root handler ---

  /** A problem+json answer on a raw connection, checked like {@link #problem}. */
  private static JsonNode rawProblem(RawHttp.Response response, int status, String code)
      throws IOException {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.headers().get("content-type")).isEqualTo("application/problem+json");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("status").asInt()).isEqualTo(status);
    assertThat(body.path("code").asText()).isEqualTo(code);
    assertThat(body.path("detail").asText()).isNotBlank();
    assertThat(response.body()).doesNotContain("Exception");
    return body;
  }

  private RawHttp.Response raw(String request) throws IOException {
    return RawHttp.send(base.getPort(), request);
  }

  @Test
  void aQueryStringOverTheRequestLineLimitIs414() {
    problem(
            given().queryParam("q", "x".repeat(16 * 1024)).get("/problem-test/search").then(),
            414,
            "URI_TOO_LONG")
        .body("maxBytes", equalTo(4096))
        .body("detail", containsString("4096 bytes"));
  }

  @Test
  void headersOverTheLimitAre431() {
    problem(
            given().header("X-Big", "y".repeat(64 * 1024)).get("/problem-test/search?q=a").then(),
            431,
            "HEADERS_TOO_LARGE")
        .body("maxBytes", equalTo(20480))
        .body("detail", containsString("20480 bytes"));
  }

  @Test
  void codecRejectionsCloseTheConnectionAfterTheProblem() throws IOException {
    RawHttp.Response response =
        raw("GET /problem-test/search?q=" + "x".repeat(16 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    rawProblem(response, 414, "URI_TOO_LONG");
    assertThat(response.closed()).isTrue();
  }

  @Test
  void requestsTheCodecCannotParseAre400NamingTheReason() throws IOException {
    List<String> malformed =
        List.of(
            "G(T /problem-test/search?q=a HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /problem-test/search?q=a HTTP/9.x\r\nHost: x\r\n\r\n",
            "hello\r\n\r\n",
            "POST /problem-test/entries HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}",
            "POST /problem-test/entries HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                + "Content-Length: 3\r\n\r\n{}",
            "GET /problem-test/search?q=a HTTP/1.1\r\nHost: x\r\nX Bad: 1\r\n\r\n");
    for (String request : malformed) {
      RawHttp.Response response = raw(request);
      JsonNode body = rawProblem(response, 400, "MALFORMED_REQUEST");
      assertThat(body.path("detail").asText()).startsWith("The request is not valid HTTP/1.1");
      assertThat(response.closed()).as(request).isTrue();
    }
  }

  @Test
  void aTargetThatIsNotAUriIs400() throws IOException {
    for (String target : List.of("/problem-test/%zz", "/api/%", "/problem-test/search?q=%zz")) {
      JsonNode body =
          rawProblem(
              raw("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n"), 400, "MALFORMED_REQUEST");
      assertThat(body.path("detail").asText()).contains("not a valid URI");
    }
    // escaped, non-ASCII and unusual-but-valid targets still reach the routes
    given().get("/problem-test/search?q=caf%C3%A9%20au%20lait").then().statusCode(200);
    problem(given().get("/api/v1/%E2%9C%93").then(), 401, "UNAUTHORIZED");
  }

  @Test
  void aRequestWithoutHostIs400Not500() throws IOException {
    JsonNode body =
        rawProblem(raw("GET /problem-test/search?q=a HTTP/1.1\r\n\r\n"), 400, "MALFORMED_REQUEST");
    assertThat(body.path("detail").asText()).contains("'Host' header is required");
  }

  @Test
  void anHttp10BadRequestPathIsRoutedLikeAnyOther() throws IOException {
    // Netty names the requests it cannot parse "GET /bad-request HTTP/1.0"; a real one is routed.
    rawProblem(raw("GET /bad-request HTTP/1.0\r\n\r\n"), 404, "NOT_FOUND");
  }

  @Test
  void aBodyOverTheLimitIs413() throws IOException {
    // quarkus.http.limits.max-body-size=64K in this module's test configuration
    problem(
            given()
                .contentType("application/json")
                .body("{\"status\":\"" + "x".repeat(70_000) + "\"}")
                .post("/problem-test/entries")
                .then(),
            413,
            "PAYLOAD_TOO_LARGE")
        .body("maxBytes", equalTo(65536));
    // declared too large: answered before the body is read, then the connection is closed
    RawHttp.Response declared =
        raw(
            "POST /problem-test/entries HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000000\r\n\r\n{");
    rawProblem(declared, 413, "PAYLOAD_TOO_LARGE");
    assertThat(declared.closed()).isTrue();
  }

  private RawHttp.Response chunkedOverTheLimit(String path) throws IOException {
    String chunk = "{\"status\":\"" + "x".repeat(70_000) + "\"}";
    return raw(
        "POST "
            + path
            + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n"
            + Integer.toHexString(chunk.length())
            + "\r\n"
            + chunk
            + "\r\n0\r\n\r\n");
  }

  /**
   * Known gap: a body without Content-Length (chunked) is counted while Quarkus REST reads it; past
   * its input buffer it reads through {@code VertxInputStream}, which answers 413 itself (no body,
   * connection closed) and only then throws, whether the method is blocking or returns a Uni. If
   * this starts failing, Quarkus fixed it: assert problem+json instead.
   */
  @Test
  void aChunkedBodyOverTheLimitIsABare413() throws IOException {
    RawHttp.Response response = chunkedOverTheLimit("/problem-test/entries");
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.body()).isEmpty();
    assertThat(response.closed()).isTrue();
  }

  @Test
  void apiPathsWithoutABearerTokenAre401WhateverTheHeaderSays() {
    for (String header :
        List.of("Bearer ", "Bearer", "Basic dXNlcjpwYXNz", "Bearer\tabc", "Token abc", "")) {
      problem(
              given().header("Authorization", header).get("/api/v1/anything").then(),
              401,
              "UNAUTHORIZED")
          .header("WWW-Authenticate", equalTo("Bearer"))
          .body("detail", containsString("bearer token"));
    }
  }
}
