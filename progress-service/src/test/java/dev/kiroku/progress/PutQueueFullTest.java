package dev.kiroku.progress;

import static dev.kiroku.progress.Fixtures.BEBOP;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.PostgresTestDatabase;
import dev.kiroku.testing.TestTokenIssuer;
import dev.kiroku.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The PUT queue is bounded: beyond it a request is refused at once with 503 and Retry-After. */
@QuarkusTest
@TestProfile(PutQueueFullTest.TinyQueue.class)
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(ProgressTestSetup.class)
class PutQueueFullTest {

  /** One writer, one PUT per transaction, one waiting. */
  public static class TinyQueue implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "kiroku.progress.put.writers", "1",
          "kiroku.progress.put.batch-size", "1",
          "kiroku.progress.put.queue-capacity", "1");
    }
  }

  @Test
  void aFullQueueAnswers503WithRetryAfterAndWritesNothing() throws Exception {
    Fixtures.seedCatalog();
    String prefix = "user-" + UUID.randomUUID() + "-";
    ExecutorService threads = Executors.newFixedThreadPool(32);
    try {
      CountDownLatch gate = new CountDownLatch(1);
      List<Future<Response>> futures = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        String user = prefix + i;
        futures.add(
            threads.submit(
                () -> {
                  gate.await();
                  return given()
                      .auth()
                      .oauth2(TestTokens.user(user))
                      .contentType(ContentType.JSON)
                      .body("{\"status\": \"WATCHING\", \"progress\": {\"episode\": 2}}")
                      .when()
                      .put("/api/v1/progress/entries/" + BEBOP);
                }));
      }
      gate.countDown();
      int refused = 0;
      for (int i = 0; i < futures.size(); i++) {
        Response a = futures.get(i).get();
        String user = prefix + i;
        if (a.statusCode() == 503) {
          refused++;
          assertThat(a.header("Retry-After")).isEqualTo("1");
          assertThat(a.contentType()).startsWith("application/problem+json");
          assertThat(a.jsonPath().getString("code")).isEqualTo("SERVICE_UNAVAILABLE");
          assertThat(Fixtures.entries(user)).isZero();
          assertThat(Fixtures.outboxRows(user)).isZero();
        } else {
          assertThat(a.statusCode()).isEqualTo(201);
          assertThat(Fixtures.entries(user)).isEqualTo(1);
          assertThat(Fixtures.historyRows(user)).isEqualTo(2);
        }
      }
      assertThat(refused).isPositive();
    } finally {
      threads.shutdownNow();
    }
  }
}
