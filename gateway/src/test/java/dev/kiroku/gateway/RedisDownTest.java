package dev.kiroku.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.TestTokenIssuer;
import dev.kiroku.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A gateway whose Redis is a closed port, with {@code fail-closed-writes=true}, and CORS open to
 * every origin: reads pass unchecked and are counted in the metric, writes are refused with 503,
 * and {@code *} never comes with credentials.
 */
@QuarkusTest
@TestProfile(RedisDownTest.RedisDown.class)
class RedisDownTest {

  /** The settings of this gateway; the other test classes' resources stay out. */
  public static class RedisDown implements QuarkusTestProfile {
    private static final int REDIS_PORT = closedPort();

    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.redis.hosts", "redis://127.0.0.1:" + REDIS_PORT,
          "kiroku.gateway.rate-limit.fail-closed-writes", "true",
          "kiroku.gateway.cors.origins", "*");
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(
          new TestResourceEntry(TestTokenIssuer.class),
          new TestResourceEntry(KafkaTestBroker.class),
          new TestResourceEntry(FakeUpstreams.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
      return true;
    }

    private static int closedPort() {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Test
  void readsAreLetThroughUncheckedAndCounted() {
    double before = failures("reads", "allowed");
    given()
        .auth()
        .oauth2(TestTokens.user("reader-" + UUID.randomUUID()))
        .when()
        .get("/api/v1/catalog/media/42")
        .then()
        .statusCode(200)
        .header("X-Upstream", "catalog")
        .header("RateLimit-Policy", "\"reads\";q=600;w=60")
        .header("RateLimit", "\"reads\";r=600;t=0");
    assertThat(failures("reads", "allowed") - before).isEqualTo(1.0);
  }

  @Test
  void writesAreRefusedWith503WhenConfiguredToFailClosed() {
    String path = "/api/v1/catalog/notes/" + UUID.randomUUID();
    double before = failures("writes", "rejected");
    given()
        .auth()
        .oauth2(TestTokens.user("writer-" + UUID.randomUUID()))
        .contentType("application/json")
        .body("{}")
        .when()
        .post(path)
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .header("Retry-After", "5")
        .body("code", equalTo("SERVICE_UNAVAILABLE"))
        .body("detail", containsString("writes are refused"));
    assertThat(failures("writes", "rejected") - before).isEqualTo(1.0);
    assertThat(FakeUpstreams.CATALOG_REQUESTS).noneMatch(request -> request.endsWith(path));
  }

  @Test
  void everyOriginIsAllowedButNeverWithCredentials() {
    given()
        .header("Origin", "https://anywhere.example")
        .header("Access-Control-Request-Method", "POST")
        .when()
        .options("/api/v1/catalog/notes")
        .then()
        .statusCode(204)
        .header("Access-Control-Allow-Origin", "*")
        .header("Access-Control-Allow-Credentials", nullValue());
    given()
        .auth()
        .oauth2(TestTokens.user("reader-" + UUID.randomUUID()))
        .header("Origin", "https://anywhere.example")
        .when()
        .get("/api/v1/catalog/media/42")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", "*")
        .header("Access-Control-Allow-Credentials", nullValue());
  }

  /** {@code kiroku_gateway_ratelimit_redis_failures_total{class, outcome}}, 0 when absent. */
  private static double failures(String rateClass, String outcome) {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return metrics
        .lines()
        .filter(line -> line.startsWith("kiroku_gateway_ratelimit_redis_failures_total{"))
        .filter(line -> line.contains("class=\"" + rateClass + "\""))
        .filter(line -> line.contains("outcome=\"" + outcome + "\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
