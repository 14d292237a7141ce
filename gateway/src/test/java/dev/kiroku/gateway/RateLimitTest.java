package dev.kiroku.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.kiroku.gateway.ratelimit.Budget;
import dev.kiroku.gateway.ratelimit.Decision;
import dev.kiroku.gateway.ratelimit.GcraLimiter;
import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.TestTokenIssuer;
import dev.kiroku.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Budgets per user, role, address and route class, with the defaults of application.properties,
 * kept in the real Redis: a second {@link GcraLimiter} on the same keys plays another gateway
 * replica.
 */
@QuarkusTest
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(FakeUpstreams.class)
@QuarkusTestResource(GatewayTestSettings.class)
class RateLimitTest {

  private static final Pattern STATE = Pattern.compile("\"(\\w+)\";r=(\\d+);t=(\\d+)");

  private static Vertx vertx;
  private static GcraLimiter replica;

  @BeforeAll
  static void secondReplica() {
    vertx = Vertx.vertx();
    replica =
        new GcraLimiter(
            vertx,
            Redis.createClient(vertx, "redis://127.0.0.1:6379"),
            GatewayTestSettings.KEY_PREFIX,
            Duration.ofSeconds(5));
  }

  @AfterAll
  static void closeReplica() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void overBudgetIs429WithRetryAfterAndBothHeadersAndIsNotForwarded() {
    String user = "writer-" + UUID.randomUUID();
    String token = TestTokens.user(user);
    String path = "/api/v1/catalog/notes/" + user;
    Response refused = null;
    int allowed = 0;
    for (int i = 0; i < 120 + 60 && refused == null; i++) {
      Response response = post(token, path);
      if (response.statusCode() == 429) {
        refused = response;
        break;
      }
      assertThat(response.statusCode()).as("request %d", i + 1).isEqualTo(201);
      assertThat(response.header("RateLimit-Policy")).isEqualTo("\"writes\";q=120;w=60");
      Matcher state = state(response);
      if (i == 0) {
        assertThat(response.header("RateLimit")).isEqualTo("\"writes\";r=119;t=1");
      }
      assertThat(state.group(1)).isEqualTo("writes");
      allowed++;
    }
    assertThat(refused).as("a 429 after the budget of 120 writes").isNotNull();
    assertThat(allowed).isGreaterThanOrEqualTo(120);
    refused
        .then()
        .contentType("application/problem+json")
        .header("X-Request-Id", notNullValue())
        .body("status", equalTo(429))
        .body("code", equalTo("RATE_LIMITED"))
        .body("policy", equalTo("writes"))
        .body("limit", equalTo(120))
        .body("windowSeconds", equalTo(60))
        .body("instance", equalTo(path));
    long retryAfter = Long.parseLong(refused.header("Retry-After"));
    assertThat(retryAfter).isBetween(1L, 60L);
    assertThat(refused.jsonPath().getLong("retryAfterSeconds")).isEqualTo(retryAfter);
    assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"writes\";q=120;w=60");
    Matcher state = state(refused);
    assertThat(state.group(2)).isEqualTo("0");
    assertThat(Long.parseLong(state.group(3))).isBetween(1L, 60L);
    long forwarded =
        FakeUpstreams.CATALOG_REQUESTS.stream().filter(r -> r.equals("POST " + path)).count();
    assertThat(forwarded).as("requests that reached the service").isEqualTo(allowed);
  }

  @Test
  void thePremiumRoleGetsLargerBudgets() {
    String premium = TestTokens.withRoles("premium-" + UUID.randomUUID(), "user", "premium");
    String plain = TestTokens.user("plain-" + UUID.randomUUID());
    assertThat(post(premium, "/api/v1/catalog/notes").header("RateLimit-Policy"))
        .isEqualTo("\"writes\";q=600;w=60");
    assertThat(post(plain, "/api/v1/catalog/notes").header("RateLimit-Policy"))
        .isEqualTo("\"writes\";q=120;w=60");
    assertThat(get(premium, "/api/v1/catalog/media/42").header("RateLimit-Policy"))
        .isEqualTo("\"reads\";q=3000;w=60");
    assertThat(get(plain, "/api/v1/catalog/media/42").header("RateLimit-Policy"))
        .isEqualTo("\"reads\";q=600;w=60");
  }

  @Test
  void exhaustedWritesLeaveReadsImportsAndOtherUsersAlone() throws Exception {
    String user = "busy-" + UUID.randomUUID();
    String token = TestTokens.user(user);
    // writes come back every 500 ms: spend them again if the gateway was slower than that
    Response write = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      exhaust("writes:u:" + user, new Budget("writes", 120, 60));
      write = post(token, "/api/v1/catalog/notes");
      if (write.statusCode() == 429) {
        break;
      }
    }
    assertThat(write.statusCode()).isEqualTo(429);
    assertThat(write.jsonPath().getString("policy")).isEqualTo("writes");

    Response read = get(token, "/api/v1/catalog/media/42");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.header("RateLimit-Policy")).isEqualTo("\"reads\";q=600;w=60");
    assertThat(state(read).group(2)).isEqualTo("599");

    Response upload = post(token, "/api/v1/progress/imports?format=mal-xml");
    assertThat(upload.statusCode()).isEqualTo(201);
    assertThat(upload.header("RateLimit")).isEqualTo("\"imports\";r=9;t=360");

    Response someoneElse =
        post(TestTokens.user("other-" + UUID.randomUUID()), "/api/v1/catalog/notes");
    assertThat(someoneElse.statusCode()).isEqualTo(201);
    assertThat(someoneElse.header("RateLimit")).isEqualTo("\"writes\";r=119;t=1");
  }

  /** Imports restore one request every 6 minutes: nothing comes back while the test runs. */
  @Test
  void aSecondGatewayReplicaSpendsTheSameBudget() throws Exception {
    String user = "replicated-" + UUID.randomUUID();
    String token = TestTokens.user(user);
    assertThat(post(token, "/api/v1/catalog/admin/imports").header("RateLimit"))
        .isEqualTo("\"imports\";r=9;t=360");
    assertThat(post(token, "/api/v1/progress/imports").header("RateLimit"))
        .isEqualTo("\"imports\";r=8;t=720");

    Budget imports = new Budget("imports", 10, 3600);
    Decision third = await(replica.acquire("imports:u:" + user, imports));
    assertThat(third.allowed()).isTrue();
    assertThat(third.remaining()).as("what the gateway left").isEqualTo(7);

    exhaust("imports:u:" + user, imports);
    Response refused = post(token, "/api/v1/progress/imports");
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(300L, 360L);
    assertThat(refused.header("RateLimit")).startsWith("\"imports\";r=0;t=");
  }

  /** Imports allow 2 calls per hour and address without a token: none comes back in the test. */
  @Test
  void callsWithoutAValidTokenSpendTheirAddressesBudget() throws Exception {
    String path = "/api/v1/progress/imports";
    Response first = given().body("{}").contentType("application/json").post(path);
    first.then().statusCode(401).contentType("application/problem+json");
    assertThat(first.header("RateLimit-Policy")).isEqualTo("\"imports\";q=2;w=3600");
    assertThat(first.header("RateLimit")).isEqualTo("\"imports\";r=1;t=1800");
    given().body("{}").contentType("application/json").post(path).then().statusCode(401);

    given()
        .body("{}")
        .contentType("application/json")
        .post(path)
        .then()
        .statusCode(429)
        .contentType("application/problem+json")
        .header("Retry-After", notNullValue())
        .body("policy", equalTo("imports"))
        .body("limit", equalTo(2));
    // a token that fails verification counts against the address too
    given()
        .auth()
        .oauth2(TestTokens.expired("someone"))
        .body("{}")
        .contentType("application/json")
        .post(path)
        .then()
        .statusCode(429);
    // a signed-in user is not held back by the address's budget
    given()
        .auth()
        .oauth2(TestTokens.user("importer-" + UUID.randomUUID()))
        .body("{}")
        .contentType("application/json")
        .post(path)
        .then()
        .statusCode(201)
        .header("RateLimit", equalTo("\"imports\";r=9;t=360"));

    // another address has its own budget
    RawHttp.Answer fromElsewhere =
        RawHttp.exchange(
            "127.0.0.2",
            RestAssured.port,
            "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0",
            null);
    assertThat(fromElsewhere.status()).isEqualTo(401);
    assertThat(fromElsewhere.header("RateLimit")).isEqualTo("\"imports\";r=1;t=1800");
  }

  @Test
  void routeClassesComeFromConfiguration() {
    String token = TestTokens.user("classified-" + UUID.randomUUID());
    String media = UUID.randomUUID().toString();
    assertPolicy(get(token, "/api/v1/catalog/search?q=frieren&type=ANIME"), "provider", 30, 60);
    assertPolicy(get(token, "/api/v1/catalog/media/by-external/mal/52991"), "provider", 30, 60);
    assertPolicy(post(token, "/api/v1/catalog/media/" + media + "/refresh"), "provider", 30, 60);
    assertPolicy(get(token, "/api/v1/catalog/media/" + media), "reads", 600, 60);
    assertPolicy(get(token, "/api/v1/progress/imports/" + media), "reads", 600, 60);
    assertPolicy(post(token, "/api/v1/progress/imports"), "imports", 10, 3600);
    assertPolicy(post(token, "/api/v1/progress/scrobble/stop"), "tracking", 120, 60);
    assertPolicy(post(token, "/api/v1/progress/webhooks/plex/abc"), "tracking", 120, 60);
    assertPolicy(
        given().auth().oauth2(token).delete("/api/v1/progress/entries/" + media),
        "writes",
        120,
        60);
    // an API path no service owns is counted too, so its 404 carries the fields
    assertPolicy(get(token, "/api/v1/nowhere"), "reads", 600, 60);
  }

  private static void assertPolicy(Response response, String policy, int quota, int window) {
    assertThat(response.statusCode()).isLessThan(429);
    assertThat(response.header("RateLimit-Policy"))
        .isEqualTo("\"" + policy + "\";q=" + quota + ";w=" + window);
    assertThat(state(response).group(1)).isEqualTo(policy);
  }

  private static Matcher state(Response response) {
    String header = response.header("RateLimit");
    assertThat(header).as("RateLimit header").isNotNull();
    Matcher matcher = STATE.matcher(header);
    assertThat(matcher.matches()).as("RateLimit: %s", header).isTrue();
    return matcher;
  }

  /** Spends {@code key}'s budget through the second replica until it refuses. */
  private static void exhaust(String key, Budget budget) throws Exception {
    for (int i = 0; i < budget.quota() * 2; i++) {
      if (!await(replica.acquire(key, budget)).allowed()) {
        return;
      }
    }
    throw new AssertionError("the budget of " + key + " never ran out");
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Response post(String token, String path) {
    return given().auth().oauth2(token).contentType("application/json").body("{}").post(path);
  }

  private static Response get(String token, String path) {
    return given().auth().oauth2(token).get(path);
  }
}
