package dev.kiroku.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

  /**
   * Forged and invalid tokens, each refused with 401 problem+json: expired, not yet valid ({@code
   * nbf} in an hour), another issuer, another audience, {@code alg: none}, HS256 signed with the
   * service's public key as the secret, claims changed after signing, a key the service does not
   * trust, not a JWT at all. The same claims, validly signed, pass: {@link
   * #validTokenPassesSecurityAndUnknownPathsAreProblemJson404}.
   */
  @Test
  void apiRejectsEveryForgedOrInvalidToken() {
    Map<String, String> forged = new java.util.LinkedHashMap<>();
    forged.put("expired", TestTokens.expired("alice"));
    forged.put("not yet valid", TestTokens.notYetValid("alice"));
    forged.put(
        "wrong issuer", TestTokens.fromIssuer("alice", "https://evil.example/realms/kiroku"));
    forged.put("wrong audience", TestTokens.forAudience("alice", "some-other-api"));
    forged.put("alg none", TestTokens.unsigned("alice"));
    forged.put("HS256 with the public key", TestTokens.hmacWithPublicKey("alice"));
    forged.put("tampered", TestTokens.tampered("alice", "mallory"));
    forged.put("untrusted key", TestTokens.signedByStranger("alice"));
    forged.put("not a JWT", "not-a-jwt");
    forged.forEach(
        (what, token) ->
            assertUnauthorized(
                given().auth().oauth2(token).when().get(apiPrefix() + "/no-such-resource").then(),
                what));
  }

  /**
   * {@code Authorization} headers without a bearer token get the same 401 as no header at all (not
   * OIDC's bare challenge); bearer tokens that are malformed in any way are verified and rejected
   * the same way.
   */
  @Test
  void everyAuthorizationHeaderWithoutAValidTokenIsRejectedWithProblemJson() {
    String valid = TestTokens.user("alice");
    for (String header :
        List.of(
            "Bearer ",
            "Bearer",
            "Basic dXNlcjpwYXNz",
            "Bearer  " + valid,
            "bearer x",
            "Bearer abc",
            "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl",
            "Bearer " + TestTokens.expired("alice"))) {
      assertUnauthorized(
          given().header("Authorization", header).when().get(apiPrefix() + "/anything").then());
    }
    // the scheme is case-insensitive (RFC 9110): a valid token passes whatever its case
    given()
        .header("Authorization", "bearer " + valid)
        .when()
        .get(apiPrefix() + "/no-such-resource")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  /** Rejected by the HTTP codec before any route runs (quarkus.http.limits, unchanged). */
  @Test
  void aQueryStringOverTheRequestLineLimitIs414ProblemJson() {
    eventually(
        () ->
            assertEdgeProblem(
                given()
                    .queryParam("q", "x".repeat(16 * 1024))
                    .when()
                    .get(apiPrefix() + "/anything")
                    .then(),
                414,
                "URI_TOO_LONG"));
  }

  @Test
  void headersOverTheLimitAre431ProblemJson() {
    eventually(
        () ->
            assertEdgeProblem(
                given()
                    .header("X-Big", "y".repeat(64 * 1024))
                    .when()
                    .get(apiPrefix() + "/anything")
                    .then(),
                431,
                "HEADERS_TOO_LARGE"));
  }

  /** Requests no HTTP client would send, on a raw connection: 400 problem+json, never empty. */
  @Test
  void malformedRequestsAre400ProblemJson() {
    for (String request :
        List.of(
            "POST " + apiPrefix() + " HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}",
            "G(T " + apiPrefix() + " HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET " + apiPrefix() + "/%zz HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET " + apiPrefix() + " HTTP/1.1\r\n\r\n")) {
      eventually(
          () -> {
            String answer = sendRaw(request);
            org.assertj.core.api.Assertions.assertThat(answer)
                .as(request)
                .startsWith("HTTP/1.")
                .contains(" 400 ")
                .containsIgnoringCase("content-type: application/problem+json")
                .contains("\"code\":\"MALFORMED_REQUEST\"")
                .doesNotContain("Exception");
          });
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

  private static void assertEdgeProblem(ValidatableResponse response, int status, String code) {
    response
        .statusCode(status)
        .contentType("application/problem+json")
        .body("status", equalTo(status))
        .body("code", equalTo(code))
        .body("detail", containsString(" bytes"))
        .body("maxBytes", org.hamcrest.Matchers.greaterThan(0))
        .body(org.hamcrest.Matchers.not(containsString("Exception")));
  }

  /**
   * libs/platform hooks problem+json into the HTTP server a few milliseconds after it starts
   * listening ({@code EdgeProblemHooks}); a test that runs first may be faster than that.
   */
  private static void eventually(Runnable assertion) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError | Exception e) {
        // Exception too: a server that answers an oversized request and closes the connection
        // while the client is still writing it gives the client a broken pipe (RestAssured throws
        // the SocketException as it is) instead of the answer; the next try usually reads it
        if (System.nanoTime() - deadline > 0) {
          throw e instanceof AssertionError failed ? failed : new AssertionError(e);
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Sends {@code request} as is on a new connection; everything the server answers, as text. */
  private static String sendRaw(String request) {
    try (java.net.Socket socket =
        new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
      java.io.InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) > 0; ) {
          answer.write(buffer, 0, n);
          String text = answer.toString(java.nio.charset.StandardCharsets.UTF_8);
          int head = text.indexOf("\r\n\r\n");
          java.util.regex.Matcher length =
              java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
          if (head >= 0
              && length.find()
              && answer.size() - head - 4 >= Integer.parseInt(length.group(1))) {
            break;
          }
        }
      } catch (java.net.SocketException closed) {
        // the server answered and closed; keep what arrived
      }
      return answer.toString(java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new AssertionError("no answer to " + request, e);
    }
  }

  private static void assertUnauthorized(ValidatableResponse response, String what) {
    try {
      assertUnauthorized(response);
    } catch (AssertionError e) {
      throw new AssertionError("a token that is " + what + ": " + e.getMessage(), e);
    }
  }

  private static void assertUnauthorized(ValidatableResponse response) {
    response
        .statusCode(401)
        .header("WWW-Authenticate", equalTo("Bearer"))
        .contentType("application/problem+json")
        .body("status", equalTo(401))
        .body("code", equalTo("UNAUTHORIZED"))
        .body("detail", containsString("bearer token"))
        .body(org.hamcrest.Matchers.not(containsString("Exception")));
  }
}
