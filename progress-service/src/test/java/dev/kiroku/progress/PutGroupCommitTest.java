package dev.kiroku.progress;

import static dev.kiroku.progress.Fixtures.BEBOP;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroku.contracts.progress.ProgressEvents;
import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.PostgresTestDatabase;
import dev.kiroku.testing.TestTokenIssuer;
import dev.kiroku.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PUTs that arrive together are committed together (group commit), yet each keeps its own answer:
 * concurrent requests are released at once from a start gate so they land in the same batches.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(ProgressTestSetup.class)
class PutGroupCommitTest {

  private static final String API = "/api/v1/progress";
  private ExecutorService threads;

  @BeforeEach
  void seed() {
    Fixtures.seedCatalog();
    threads = Executors.newFixedThreadPool(24);
  }

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  private static Response put(String user, UUID media, String ifMatch, String body) {
    var spec = given().auth().oauth2(TestTokens.user(user)).contentType(ContentType.JSON);
    if (ifMatch != null) {
      spec = spec.header("If-Match", ifMatch);
    }
    return spec.body(body).when().put(API + "/entries/" + media);
  }

  private static Response episodes(String user, UUID media, int episode) {
    return given()
        .auth()
        .oauth2(TestTokens.user(user))
        .contentType(ContentType.JSON)
        .body("{\"episode\": " + episode + "}")
        .when()
        .post(API + "/entries/" + media + "/episodes");
  }

  /** Runs every call at the same moment and returns the answers in call order. */
  private List<Response> together(List<Callable<Response>> calls) throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<Response>> futures = new ArrayList<>();
    for (Callable<Response> call : calls) {
      futures.add(
          threads.submit(
              () -> {
                gate.await();
                return call.call();
              }));
    }
    gate.countDown();
    List<Response> answers = new ArrayList<>();
    for (Future<Response> f : futures) {
      answers.add(f.get());
    }
    return answers;
  }

  /** The values of the {@code /q/metrics} lines starting with {@code prefix}, in order. */
  private static DoubleStream metrics(String prefix) {
    String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    return metrics
        .lines()
        .filter(l -> l.startsWith(prefix))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)));
  }

  /** The value of the first {@code /q/metrics} line starting with {@code prefix}, or 0. */
  private static double metric(String prefix) {
    return metrics(prefix).findFirst().orElse(0);
  }

  /** The largest PUT batch lately, from {@code /q/metrics}. */
  private static double largestBatch() {
    return metrics("kiroku_progress_put_batch_size_max").max().orElse(0);
  }

  @Test
  void ofConcurrentPutsWithTheSameIfMatchExactlyOneWins() throws Exception {
    String user = "user-" + UUID.randomUUID();
    put(user, BEBOP, null, "{\"status\": \"WATCHING\", \"progress\": {\"episode\": 1}}")
        .then()
        .statusCode(201);
    List<Callable<Response>> calls = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      String body = "{\"status\": \"WATCHING\", \"progress\": {\"episode\": 1}, \"notes\": \"d" + i;
      calls.add(() -> put(user, BEBOP, "\"1\"", body + "\"}"));
    }
    List<Response> answers = together(calls);
    assertThat(largestBatch()).as("some PUTs shared a transaction").isGreaterThan(1);

    List<Integer> statuses = answers.stream().map(Response::statusCode).toList();
    assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
    assertThat(statuses.stream().filter(s -> s == 412)).hasSize(15);
    Response winner = answers.get(statuses.indexOf(200));
    assertThat(winner.header("ETag")).isEqualTo("\"2\"");
    for (Response loser : answers) {
      if (loser.statusCode() == 412) {
        assertThat(loser.contentType()).startsWith("application/problem+json");
        assertThat(loser.jsonPath().getString("code")).isEqualTo("VERSION_MISMATCH");
        assertThat(loser.jsonPath().getInt("currentVersion")).isEqualTo(2);
      }
    }
    String winningNotes = winner.jsonPath().getString("notes");
    assertThat(Fixtures.count("SELECT version FROM library_entry WHERE user_id = ?", user))
        .isEqualTo(2);
    assertThat(
            Fixtures.count(
                "SELECT count(*) FROM library_entry WHERE user_id = ? AND notes = ?",
                user,
                winningNotes))
        .isEqualTo(1);
    // EntryCreated + one EntryUpdated (the winner's notes): the losers published nothing
    assertThat(Fixtures.outboxRows(user)).isEqualTo(2);
  }

  @Test
  void aBadRequestAmongConcurrentOnesFailsAloneAndWritesNothing() throws Exception {
    String prefix = "user-" + UUID.randomUUID() + "-";
    List<Callable<Response>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String user = prefix + i;
      String body =
          switch (i) {
            // Cowboy Bebop has 26 episodes
            case 7 -> "{\"status\": \"WATCHING\", \"progress\": {\"episode\": 99}}";
            case 13 -> "{\"status\": \"READING\"}";
            default -> "{\"status\": \"WATCHING\", \"progress\": {\"episode\": " + (i + 1) + "}}";
          };
      String ifMatch = i == 17 ? "\"4\"" : null; // If-Match on an entry that does not exist
      calls.add(() -> put(user, BEBOP, ifMatch, body));
    }
    List<Response> answers = together(calls);

    for (int i = 0; i < answers.size(); i++) {
      String user = prefix + i;
      Response a = answers.get(i);
      switch (i) {
        case 7 -> {
          assertThat(a.statusCode()).isEqualTo(422);
          assertThat(a.jsonPath().getString("code")).isEqualTo("INVALID_PROGRESS");
          assertThat(a.jsonPath().getString("violations[0].field")).isEqualTo("progress.episode");
        }
        case 13 -> {
          assertThat(a.statusCode()).isEqualTo(422);
          assertThat(a.jsonPath().getString("code")).isEqualTo("STATUS_NOT_ALLOWED_FOR_TYPE");
        }
        case 17 -> {
          assertThat(a.statusCode()).isEqualTo(412);
          assertThat(a.jsonPath().getString("code")).isEqualTo("VERSION_MISMATCH");
        }
        default -> {
          assertThat(a.statusCode()).as("answer %d", i).isEqualTo(201);
          assertThat(a.jsonPath().getInt("progress.episode")).isEqualTo(i + 1);
          assertThat(Fixtures.entries(user)).isEqualTo(1);
          assertThat(Fixtures.historyRows(user)).isEqualTo(i + 1);
          assertThat(Fixtures.outboxRows(user)).isEqualTo(1); // EntryCreated
        }
      }
      if (i == 7 || i == 13 || i == 17) {
        assertThat(Fixtures.entries(user)).isZero();
        assertThat(Fixtures.historyRows(user)).isZero();
        assertThat(Fixtures.outboxRows(user)).isZero();
      }
    }
  }

  @Test
  void concurrentPutsOnOneEntryApplyInSequenceAndPublishInVersionOrder() throws Exception {
    String user = "user-" + UUID.randomUUID();
    put(user, BEBOP, null, "{\"status\": \"WATCHING\"}").then().statusCode(201);
    List<Callable<Response>> calls = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      String body = "{\"status\": \"WATCHING\", \"progress\": {\"episode\": " + (i * 2) + "}}";
      calls.add(() -> put(user, BEBOP, null, body));
    }
    List<Response> answers = together(calls);
    assertThat(answers).allMatch(a -> a.statusCode() == 200);
    List<Integer> versions = answers.stream().map(a -> a.jsonPath().getInt("version")).toList();
    assertThat(versions).doesNotHaveDuplicates().allMatch(v -> v >= 2 && v <= 13);

    // on Kafka, in the user's partition: created, then the updates in version order, and each
    // update starts from the position the previous one ended at
    List<Fixtures.Event> events = Fixtures.eventsFor(user, 13);
    assertThat(events).hasSize(13);
    // the relay timed each acknowledged event (occurred_at -> broker ack)
    assertThat(metric("kiroku_outbox_publish_lag_seconds_count")).isGreaterThanOrEqualTo(13);
    assertThat(metric("kiroku_outbox_publish_lag_seconds_bucket{le=\"+Inf\""))
        .isGreaterThanOrEqualTo(13);
    assertThat(events.get(0).type()).isEqualTo(ProgressEvents.ENTRY_CREATED);
    long previousVersion = 1;
    Integer previousEpisode = null;
    for (Fixtures.Event e : events.subList(1, 13)) {
      assertThat(e.type()).isEqualTo(ProgressEvents.ENTRY_UPDATED);
      long version = e.payload().get("version").asLong();
      assertThat(version).isEqualTo(previousVersion + 1);
      var before = e.payload().get("progressBefore").get("episode");
      assertThat(before == null || before.isNull() ? null : before.asInt())
          .isEqualTo(previousEpisode);
      previousEpisode = e.payload().get("progressAfter").get("episode").asInt();
      previousVersion = version;
    }
    // the stored entry is the last write, and its history matches its position
    assertThat(Fixtures.count("SELECT episode FROM library_entry WHERE user_id = ?", user))
        .isEqualTo(previousEpisode.longValue());
    assertThat(Fixtures.historyRows(user)).isEqualTo(previousEpisode.longValue());
  }

  @Test
  void putsRacingEpisodeMarksOnANewEntryCreateItOnce() throws Exception {
    String user = "user-" + UUID.randomUUID();
    List<Callable<Response>> calls = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      int episode = i;
      calls.add(
          () ->
              put(
                  user,
                  BEBOP,
                  null,
                  "{\"status\": \"WATCHING\", \"progress\": {\"episode\": " + episode + "}}"));
      calls.add(() -> episodes(user, BEBOP, 10 + episode));
    }
    List<Response> answers = together(calls);
    assertThat(answers).allMatch(a -> a.statusCode() == 200 || a.statusCode() == 201);
    assertThat(answers.stream().filter(a -> a.statusCode() == 201)).hasSizeLessThanOrEqualTo(1);
    assertThat(Fixtures.entries(user)).isEqualTo(1);
    assertThat(
            Fixtures.count(
                "SELECT count(*) FROM outbox_event WHERE event_key = ? AND type = ?",
                user,
                ProgressEvents.ENTRY_CREATED))
        .isEqualTo(1);
  }

  @Test
  void theBatchStatementsFindTheirRowsThroughIndexes() {
    String user = "'user-" + UUID.randomUUID() + "'";
    String entries = "ARRAY['" + UUID.randomUUID() + "', '" + UUID.randomUUID() + "']::uuid[]";
    for (String sql :
        List.of(
            // the locked read of a batch: the unique (user_id, media_id) index
            "SELECT id FROM library_entry l JOIN unnest(ARRAY["
                + user
                + "]::text[], ARRAY['"
                + BEBOP
                + "']::uuid[]) AS k(u, m) ON l.user_id = k.u AND l.media_id = k.m"
                + " ORDER BY l.id FOR UPDATE OF l",
            "SELECT user_id, rating_scale FROM user_setting WHERE user_id = ANY(ARRAY["
                + user
                + "]::text[])",
            "UPDATE library_entry l SET notes = 'x' FROM unnest("
                + entries
                + ", ARRAY[1, 1]::bigint[]) AS u(id, prev) WHERE l.id = u.id AND l.version = u.prev",
            "DELETE FROM episode_history h USING unnest("
                + entries
                + ", ARRAY[0, 0], ARRAY[1, 1], ARRAY[3, 3]) AS u(entry_id, rep, s, n)"
                + " WHERE h.entry_id = u.entry_id AND h.repeat = u.rep AND h.season > 0"
                + " AND (h.season, h.number) > (u.s, u.n)")) {
      assertThat(String.join("\n", Fixtures.explain(sql)))
          .as(sql)
          .contains("Index")
          .doesNotContain("Seq Scan");
    }
  }
}
