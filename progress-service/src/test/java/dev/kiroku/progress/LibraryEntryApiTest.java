package dev.kiroku.progress;

import static dev.kiroku.progress.Fixtures.BEBOP;
import static dev.kiroku.progress.Fixtures.DUNE;
import static dev.kiroku.progress.Fixtures.FMA_MANGA;
import static dev.kiroku.progress.Fixtures.FRIEREN;
import static dev.kiroku.progress.Fixtures.HADES;
import static dev.kiroku.progress.Fixtures.SEVERANCE;
import static dev.kiroku.progress.Fixtures.SPIRITED_AWAY;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.kiroku.contracts.progress.ProgressEvents;
import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.PostgresTestDatabase;
import dev.kiroku.testing.TestTokenIssuer;
import dev.kiroku.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(ProgressTestSetup.class)
class LibraryEntryApiTest {

  private static final String API = "/api/v1/progress";
  private String user;

  @BeforeEach
  void seed() {
    Fixtures.seedCatalog();
    user = UUID.randomUUID().toString(); // Keycloak user ids (token subjects) are UUIDs
  }

  private static RequestSpecification as(String userId) {
    return given().auth().oauth2(TestTokens.user(userId)).contentType(ContentType.JSON);
  }

  private ValidatableResponse put(UUID media, String body) {
    return as(user)
        .body(body)
        .when()
        .put(API + "/entries/" + media)
        .then()
        .log()
        .ifValidationFails();
  }

  private ValidatableResponse patch(UUID media, String body) {
    return as(user).body(body).when().patch(API + "/entries/" + media).then();
  }

  private ValidatableResponse mark(UUID media, String body) {
    return as(user).body(body).when().post(API + "/entries/" + media + "/episodes").then();
  }

  private ValidatableResponse advance(UUID media) {
    return as(user).when().post(API + "/entries/" + media + "/advance").then();
  }

  private static String today() {
    return LocalDate.now(ZoneOffset.UTC).toString();
  }

  // --- create, read, events ---------------------------------------------------------------------

  @Test
  void putCreatesTheEntryWithHistoryAndPublishesEntryCreatedAndRated() {
    String updatedAt =
        put(
                BEBOP,
                """
            {"status": "WATCHING", "progress": {"episode": 3},
             "rating": {"value": 8, "scale": "POINT_10"}, "startedAt": "2026-01-02"}""")
            .statusCode(201)
            .header("ETag", "\"1\"")
            .body("status", equalTo("WATCHING"))
            .body("title", equalTo("Cowboy Bebop"))
            .body("progress.episode", equalTo(3))
            .body("progress.season", nullValue())
            .body("rating.value", equalTo(8))
            .body("rating.scale", equalTo("POINT_10"))
            .body("rating.score", equalTo(80))
            .body("startedAt", equalTo("2026-01-02"))
            .body("version", equalTo(1))
            .extract()
            .path("updatedAt");
    assertThat(Fixtures.historyRows(user)).isEqualTo(3);

    as(user)
        .when()
        .get(API + "/entries/" + BEBOP)
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .body("progress.episode", equalTo(3))
        .body("updatedAt", equalTo(updatedAt));
    as(user)
        .when()
        .get(API + "/entries/" + BEBOP + "/episodes")
        .then()
        .statusCode(200)
        .body("items.episode", equalTo(List.of(1, 2, 3)))
        .body("items.repeat", equalTo(List.of(0, 0, 0)));

    List<Fixtures.Event> events = Fixtures.eventsFor(user, 2);
    assertThat(events)
        .extracting(Fixtures.Event::type)
        .containsExactly(ProgressEvents.ENTRY_CREATED, ProgressEvents.RATED);
    assertThat(events).allMatch(e -> e.key().equals(user));
    assertThat(events.get(0).id()).isNotEqualTo(events.get(1).id());
    var created = events.get(0).payload();
    assertThat(created.get("userId").asText()).isEqualTo(user);
    assertThat(created.get("status").asText()).isEqualTo("WATCHING");
    assertThat(created.get("progress").get("episode").asInt()).isEqualTo(3);
    assertThat(created.get("media").get("title").asText()).isEqualTo("Cowboy Bebop");
    assertThat(created.get("media").get("type").asText()).isEqualTo("ANIME");
    assertThat(created.get("media").get("episodes").asInt()).isEqualTo(26);
    assertThat(created.get("media").get("genres").toString()).contains("Sci-Fi");
    assertThat(events.get(1).payload().get("score").asInt()).isEqualTo(80);
  }

  @Test
  void updatesPublishStatusAndProgressBeforeAndAfterInOrder() {
    put(BEBOP, "{\"status\": \"PLANNING\"}").statusCode(201);
    put(BEBOP, "{\"status\": \"WATCHING\", \"progress\": {\"episode\": 5}}")
        .statusCode(200)
        .header("ETag", "\"2\"")
        .body("startedAt", equalTo(today()));
    put(BEBOP, "{\"status\": \"WATCHING\", \"progress\": {\"episode\": 26}}")
        .statusCode(200)
        .body("status", equalTo("COMPLETED"))
        .body("completedAt", equalTo(today()))
        .body("progress.episode", equalTo(26));
    assertThat(Fixtures.historyRows(user)).isEqualTo(26);

    List<Fixtures.Event> events = Fixtures.eventsFor(user, 3);
    assertThat(events)
        .extracting(Fixtures.Event::type)
        .containsExactly(
            ProgressEvents.ENTRY_CREATED,
            ProgressEvents.ENTRY_UPDATED,
            ProgressEvents.ENTRY_UPDATED);
    var first = events.get(1).payload();
    assertThat(first.get("statusBefore").asText()).isEqualTo("PLANNING");
    assertThat(first.get("statusAfter").asText()).isEqualTo("WATCHING");
    assertThat(first.get("progressAfter").get("episode").asInt()).isEqualTo(5);
    var second = events.get(2).payload();
    assertThat(second.get("progressBefore").get("episode").asInt()).isEqualTo(5);
    assertThat(second.get("statusAfter").asText()).isEqualTo("COMPLETED");
    assertThat(second.get("version").asInt()).isEqualTo(3);
  }

  @Test
  void anIdenticalPutChangesNothingAndPublishesNothing() {
    String body = "{\"status\": \"WATCHING\", \"progress\": {\"episode\": 2}}";
    put(BEBOP, body).statusCode(201);
    put(BEBOP, body).statusCode(200).header("ETag", "\"1\"");
    assertThat(Fixtures.outboxRows(user)).isEqualTo(1);
  }

  // --- bad input: 4xx problem+json, nothing written ---------------------------------------------

  @Test
  void badInputIsAProblemNamingTheFieldAndWritesNothing() {
    problem(put(BEBOP, "{\"status\": \"READING\"}"), 422, "STATUS_NOT_ALLOWED_FOR_TYPE")
        .body(
            "allowed", equalTo(List.of("PLANNING", "WATCHING", "COMPLETED", "PAUSED", "DROPPED")));
    problem(put(BEBOP, "{\"status\": \"BINGEING\"}"), 400, "MALFORMED_REQUEST")
        .body("detail", containsString("status"));
    problem(
            put(BEBOP, "{\"status\": \"WATCHING\", \"progress\": {\"episode\": -1}}"),
            400,
            "VALIDATION_FAILED")
        .body("violations.field", hasItem("progress.episode"));
    problem(
            put(BEBOP, "{\"status\": \"WATCHING\", \"progress\": {\"episode\": 2.5}}"),
            400,
            "MALFORMED_REQUEST")
        .body("detail", containsString("episode"));
    problem(
            put(BEBOP, "{\"status\": \"WATCHING\", \"progress\": {\"episode\": 9999999}}"),
            400,
            "VALIDATION_FAILED")
        .body("violations.field", hasItem("progress.episode"));
    problem(
            put(BEBOP, "{\"status\": \"WATCHING\", \"progress\": {\"episode\": 27}}"),
            422,
            "INVALID_PROGRESS")
        .body("violations.field", hasItem("progress.episode"))
        .body("detail", containsString("26"));
    problem(
            put(BEBOP, "{\"status\": \"WATCHING\", \"progress\": {\"chapter\": 3}}"),
            422,
            "INVALID_PROGRESS")
        .body("violations.field", hasItem("progress.chapter"));
    problem(
        put(SPIRITED_AWAY, "{\"status\": \"WATCHING\", \"progress\": {\"episode\": 1}}"),
        422,
        "INVALID_PROGRESS");
    problem(
            put(
                SEVERANCE,
                "{\"status\": \"WATCHING\", \"progress\": {\"season\": 3, \"episode\": 1}}"),
            422,
            "INVALID_PROGRESS")
        .body("violations.field", hasItem("progress.season"));
    problem(
            put(
                SEVERANCE,
                "{\"status\": \"WATCHING\", \"progress\": {\"season\": 2, \"episode\": 11}}"),
            422,
            "INVALID_PROGRESS")
        .body("violations.field", hasItem("progress.episode"));
    problem(
        put(DUNE, "{\"status\": \"READING\", \"progress\": {\"page\": 413}}"),
        422,
        "INVALID_PROGRESS");
    problem(
        put(DUNE, "{\"status\": \"READING\", \"progress\": {\"percent\": 100.5}}"),
        400,
        "VALIDATION_FAILED");
    problem(
            put(
                BEBOP,
                "{\"status\": \"WATCHING\", \"review\": {\"text\": \""
                    + "a".repeat(20_001)
                    + "\"}}"),
            400,
            "VALIDATION_FAILED")
        .body("violations.field", hasItem("review.text"));
    problem(
            put(
                BEBOP,
                "{\"status\": \"WATCHING\", \"rating\": {\"value\": 11, \"scale\": \"POINT_10\"}}"),
            422,
            "INVALID_RATING")
        .body("violations.field", hasItem("rating.value"));
    problem(
        put(BEBOP, "{\"status\": \"WATCHING\", \"startedAt\": \"2999-01-01\"}"),
        422,
        "INVALID_ENTRY");
    problem(
        put(BEBOP, "{\"status\": \"WATCHING\", \"progress\": {\"episode\": 3"),
        400,
        "MALFORMED_REQUEST");
    problem(put(BEBOP, "{}"), 400, "VALIDATION_FAILED").body("violations.field", hasItem("status"));
    problem(put(UUID.randomUUID(), "{\"status\": \"WATCHING\"}"), 503, "CATALOG_UNAVAILABLE")
        .body("detail", containsString("catalog-service"));
    problem(mark(BEBOP, "{\"from\": 5, \"to\": 3}"), 422, "INVALID_PROGRESS");
    problem(mark(BEBOP, "{\"episode\": 30}"), 422, "INVALID_PROGRESS");
    problem(
            mark(BEBOP, "{\"episode\": 3, \"watchedAt\": \"2999-01-01T00:00:00Z\"}"),
            422,
            "INVALID_PROGRESS")
        .body("violations.field", hasItem("watchedAt"));

    assertThat(Fixtures.entries(user)).isZero();
    assertThat(Fixtures.historyRows(user)).isZero();
    assertThat(Fixtures.outboxRows(user)).isZero();
  }

  /**
   * JSON of the wrong type is refused, not coerced; 400s name the field and the JSON type it must
   * have, never a Java type or one of our classes; a body without Content-Type is 415.
   */
  @Test
  void wrongJsonTypesAreRefusedInJsonTermsAndABodyNeedsAContentType() {
    String[][] cases = {
      {"{\"status\": \"WATCHING\", \"notes\": 5}", "notes"},
      {"{\"status\": \"WATCHING\", \"repeatCount\": \"1\"}", "repeatCount"},
      {"{\"status\": \"WATCHING\", \"private\": \"true\"}", "private"},
      {"{\"status\": \"WATCHING\", \"progress\": {\"episode\": \"three\"}}", "progress.episode"},
      {"{\"status\": \"WATCHING\", \"startedAt\": \"2026-13-45\"}", "startedAt"},
      {"{\"status\": \"WATCHING\", \"startedAt\": 20000}", "startedAt"},
      {"{\"status\": 3}", "status"},
      {"[\"WATCHING\"]", null}
    };
    for (String[] c : cases) {
      ValidatableResponse r = problem(put(BEBOP, c[0]), 400, "MALFORMED_REQUEST");
      noJavaNames(r);
      if (c[1] != null) {
        r.body("violations[0].field", equalTo(c[1]));
      }
    }
    for (String body :
        new String[] {
          "{\"episode\": 3, \"watchedAt\": 12345}",
          "{\"episode\": \"3\"}",
          "{\"episode\": 3, \"watchedAt\": \"yesterday\"}"
        }) {
      noJavaNames(problem(mark(BEBOP, body), 400, "MALFORMED_REQUEST"));
    }
    for (String body : new String[] {"{\"ratingScale\": 10}", "{\"ratingScale\": \"POINT_7\"}"}) {
      noJavaNames(
              problem(as(user).body(body).put(API + "/settings").then(), 400, "MALFORMED_REQUEST"))
          .body("violations[0].field", equalTo("ratingScale"));
    }
    // no Content-Type on a write with a body
    for (String[] c :
        new String[][] {
          {"PUT", "/entries/" + BEBOP, "{\"status\": \"WATCHING\"}"},
          {"POST", "/entries/" + BEBOP + "/episodes", "{\"episode\": 1}"},
          {"PATCH", "/entries/" + BEBOP, "{\"notes\": \"x\"}"},
          {"PUT", "/settings", "{\"ratingScale\": \"POINT_100\"}"}
        }) {
      java.net.http.HttpResponse<String> answer = withoutContentType(c[0], c[1], c[2]);
      assertThat(answer.statusCode()).as(c[0] + " " + c[1]).isEqualTo(415);
      assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(answer.body()).contains("\"code\":\"UNSUPPORTED_MEDIA_TYPE\"");
    }
    assertThat(Fixtures.entries(user)).isZero();
    assertThat(Fixtures.outboxRows(user)).isZero();
    as(user).get(API + "/settings").then().statusCode(200).body("ratingScale", equalTo("POINT_10"));
  }

  /** A request with the user's token and a body but no Content-Type header (the JDK client). */
  private java.net.http.HttpResponse<String> withoutContentType(
      String method, String path, String body) {
    try {
      return java.net.http.HttpClient.newHttpClient()
          .send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(
                          io.restassured.RestAssured.baseURI
                              + ":"
                              + io.restassured.RestAssured.port
                              + API
                              + path))
                  .header("Authorization", "Bearer " + TestTokens.user(user))
                  .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static ValidatableResponse noJavaNames(ValidatableResponse r) {
    return r.body(not(containsString("java.")))
        .body(not(containsString("dev.kiroku")))
        .body(not(containsString("`")));
  }

  @Test
  void aRejectedUpdateLeavesTheStoredEntryHistoryAndOutboxUntouched() {
    put(BEBOP, "{\"status\": \"WATCHING\", \"progress\": {\"episode\": 4}, \"notes\": \"keep\"}")
        .statusCode(201);
    long outbox = Fixtures.outboxRows(user);
    problem(
        put(BEBOP, "{\"status\": \"WATCHING\", \"progress\": {\"episode\": 40}}"),
        422,
        "INVALID_PROGRESS");
    problem(patch(BEBOP, "{\"progress\": {\"episode\": 1.5}}"), 400, "MALFORMED_REQUEST")
        .body("violations.field", hasItem("progress.episode"));
    problem(patch(BEBOP, "{\"status\": \"READING\"}"), 422, "STATUS_NOT_ALLOWED_FOR_TYPE");
    as(user)
        .when()
        .get(API + "/entries/" + BEBOP)
        .then()
        .statusCode(200)
        .body("progress.episode", equalTo(4))
        .body("notes", equalTo("keep"))
        .body("version", equalTo(1));
    assertThat(Fixtures.historyRows(user)).isEqualTo(4);
    assertThat(Fixtures.outboxRows(user)).isEqualTo(outbox);
  }

  private static ValidatableResponse problem(ValidatableResponse r, int status, String code) {
    return r.statusCode(status)
        .contentType("application/problem+json")
        .body("code", equalTo(code))
        .body(not(containsString("Exception")));
  }

  // --- transitions and repeats -----------------------------------------------------------------

  @Test
  void theTransitionTableIsEnforced() {
    put(BEBOP, "{\"status\": \"PLANNING\"}").statusCode(201);
    problem(put(BEBOP, "{\"status\": \"PAUSED\"}"), 409, "INVALID_TRANSITION")
        .body("allowed", equalTo(List.of("PLANNING", "WATCHING", "COMPLETED", "DROPPED")))
        .body("from", equalTo("PLANNING"));
    put(BEBOP, "{\"status\": \"COMPLETED\"}").statusCode(200).body("progress.episode", equalTo(26));
    problem(put(BEBOP, "{\"status\": \"DROPPED\"}"), 409, "INVALID_TRANSITION")
        .body("allowed", equalTo(List.of("WATCHING", "COMPLETED")));
    problem(put(BEBOP, "{\"status\": \"PLANNING\"}"), 409, "INVALID_TRANSITION");
    problem(
        put(BEBOP, "{\"status\": \"COMPLETED\", \"progress\": {\"episode\": 3}}"),
        422,
        "INVALID_PROGRESS");
  }

  @Test
  void completedToWatchingStartsARepeatAndFinishingItCountsIt() {
    put(BEBOP, "{\"status\": \"COMPLETED\", \"completedAt\": \"2025-12-01\"}")
        .statusCode(201)
        .body("repeatCount", equalTo(0))
        .body("completedAt", equalTo("2025-12-01"));
    put(BEBOP, "{\"status\": \"WATCHING\"}")
        .statusCode(200)
        .body("repeating", equalTo(true))
        .body("progress.episode", equalTo(0));
    advance(BEBOP)
        .statusCode(200)
        .body("progress.episode", equalTo(1))
        .body("repeating", equalTo(true));
    as(user)
        .when()
        .get(API + "/entries/" + BEBOP + "/episodes")
        .then()
        .body("items.findAll { it.repeat == 1 }.episode", equalTo(List.of(1)))
        .body("items.findAll { it.repeat == 0 }", hasSize(26));
    put(BEBOP, "{\"status\": \"WATCHING\", \"progress\": {\"episode\": 26}}")
        .statusCode(200)
        .body("status", equalTo("COMPLETED"))
        .body("repeatCount", equalTo(1))
        .body("repeating", equalTo(false))
        .body("lastRepeatedAt", equalTo(today()))
        .body("completedAt", equalTo("2025-12-01"));
    assertThat(Fixtures.historyRows(user)).isEqualTo(52);
  }

  // --- ETag / If-Match ---------------------------------------------------------------------------

  @Test
  void aStaleIfMatchGets412AndChangesNothing() {
    put(BEBOP, "{\"status\": \"WATCHING\", \"progress\": {\"episode\": 1}}").statusCode(201);
    as(user)
        .header("If-Match", "\"1\"")
        .body("{\"status\": \"WATCHING\", \"progress\": {\"episode\": 2}}")
        .put(API + "/entries/" + BEBOP)
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"");
    // the other device still holds version 1
    problem(
            as(user)
                .header("If-Match", "\"1\"")
                .body("{\"status\": \"DROPPED\"}")
                .put(API + "/entries/" + BEBOP)
                .then(),
            412,
            "VERSION_MISMATCH")
        .body("currentVersion", equalTo(2));
    problem(
        as(user)
            .header("If-Match", "\"1\"")
            .body("{\"notes\": \"x\"}")
            .patch(API + "/entries/" + BEBOP)
            .then(),
        412,
        "VERSION_MISMATCH");
    problem(
        as(user).header("If-Match", "\"1\"").delete(API + "/entries/" + BEBOP).then(),
        412,
        "VERSION_MISMATCH");
    as(user)
        .when()
        .get(API + "/entries/" + BEBOP)
        .then()
        .body("status", equalTo("WATCHING"))
        .body("version", equalTo(2))
        .body("notes", nullValue());
    as(user)
        .header("If-Match", "W/\"2\"")
        .body("{\"notes\": \"x\"}")
        .patch(API + "/entries/" + BEBOP)
        .then()
        .statusCode(200)
        .header("ETag", "\"3\"");
  }

  @Test
  void concurrentWritesNeverLoseAnUpdateOrFail() throws Exception {
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Integer>> creates = new java.util.ArrayList<>();
      for (int i = 1; i <= 8; i++) {
        int episode = i;
        creates.add(
            pool.submit(
                () ->
                    as(user)
                        .body(
                            "{\"status\": \"WATCHING\", \"progress\": {\"episode\": "
                                + episode
                                + "}}")
                        .put(API + "/entries/" + BEBOP)
                        .statusCode()));
      }
      List<Integer> statuses = new java.util.ArrayList<>();
      for (var f : creates) {
        statuses.add(f.get());
      }
      assertThat(statuses).containsOnly(200, 201);
      assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
      assertThat(Fixtures.entries(user)).isEqualTo(1);
      long version = Fixtures.count("SELECT version FROM library_entry WHERE user_id = ?", user);
      // two devices holding the same version: exactly one wins, the other gets 412
      List<java.util.concurrent.Future<Integer>> writes = new java.util.ArrayList<>();
      for (String notes : List.of("phone", "laptop")) {
        writes.add(
            pool.submit(
                () ->
                    as(user)
                        .header("If-Match", "\"" + version + "\"")
                        .body("{\"notes\": \"" + notes + "\"}")
                        .patch(API + "/entries/" + BEBOP)
                        .statusCode()));
      }
      List<Integer> results = List.of(writes.get(0).get(), writes.get(1).get());
      assertThat(results).containsExactlyInAnyOrder(200, 412);
      assertThat(Fixtures.count("SELECT version FROM library_entry WHERE user_id = ?", user))
          .isEqualTo(version + 1);
    } finally {
      pool.shutdownNow();
    }
  }

  // --- PATCH
  // --------------------------------------------------------------------------------------

  @Test
  void patchChangesOnlyWhatItNames() {
    put(
            SEVERANCE,
            """
            {"status": "WATCHING", "progress": {"season": 1, "episode": 3},
             "rating": {"value": 9, "scale": "POINT_10"},
             "review": {"text": "Macrodata refinement", "spoiler": false, "visibility": "PUBLIC"}}""")
        .statusCode(201);
    patch(SEVERANCE, "{\"notes\": \"with Sam\"}")
        .statusCode(200)
        .body("rating.score", equalTo(90))
        .body("review.text", equalTo("Macrodata refinement"))
        .body("notes", equalTo("with Sam"))
        .body("progress.season", equalTo(1));
    patch(SEVERANCE, "{\"progress\": {\"episode\": 5}}")
        .statusCode(200)
        .body("progress.season", equalTo(1))
        .body("progress.episode", equalTo(5));
    patch(SEVERANCE, "{\"review\": {\"spoiler\": true}, \"rating\": null}")
        .statusCode(200)
        .body("rating", nullValue())
        .body("review.spoiler", equalTo(true))
        .body("review.text", equalTo("Macrodata refinement"));
    problem(
        as(user).body("{\"notes\": \"x\"}").patch(API + "/entries/" + BEBOP).then(),
        404,
        "ENTRY_NOT_FOUND");
    List<Fixtures.Event> events = Fixtures.eventsFor(user, 7);
    assertThat(events)
        .extracting(Fixtures.Event::type)
        .containsExactly(
            ProgressEvents.ENTRY_CREATED,
            ProgressEvents.RATED,
            ProgressEvents.REVIEWED,
            ProgressEvents.ENTRY_UPDATED,
            ProgressEvents.ENTRY_UPDATED,
            ProgressEvents.RATED,
            ProgressEvents.REVIEWED);
    assertThat(events.get(5).payload().get("previousScore").asInt()).isEqualTo(90);
    assertThat(events.get(5).payload().get("score").isNull()).isTrue();
  }

  // --- rating scales
  // ------------------------------------------------------------------------------

  @Test
  void ratingsAreStoredAs0To100AndReadInTheUsersScale() {
    as(user)
        .when()
        .get(API + "/settings")
        .then()
        .statusCode(200)
        .body("ratingScale", equalTo("POINT_10"));
    put(
            BEBOP,
            "{\"status\": \"WATCHING\", \"rating\": {\"value\": 8.5, \"scale\": \"POINT_10_DECIMAL\"}}")
        .statusCode(201)
        .body("rating.score", equalTo(85))
        .body("rating.scale", equalTo("POINT_10"))
        .body("rating.value", equalTo(9));
    as(user).body("{\"ratingScale\": \"STARS_5\"}").put(API + "/settings").then().statusCode(200);
    as(user)
        .get(API + "/entries/" + BEBOP)
        .then()
        .body("rating.value", equalTo(4))
        .body("rating.scale", equalTo("STARS_5"))
        .body("rating.score", equalTo(85));
    put(BEBOP, "{\"status\": \"WATCHING\", \"rating\": {\"value\": 3}}")
        .statusCode(200)
        .body("rating.score", equalTo(60))
        .body("rating.value", equalTo(3));
    as(user)
        .body("{\"ratingScale\": \"POINT_10_DECIMAL\"}")
        .put(API + "/settings")
        .then()
        .statusCode(200);
    as(user).get(API + "/entries/" + BEBOP).then().body("rating.value", equalTo(6.0f));
    as(user).body("{\"ratingScale\": \"POINT_100\"}").put(API + "/settings").then().statusCode(200);
    put(BEBOP, "{\"status\": \"WATCHING\", \"rating\": {\"value\": 73}}")
        .statusCode(200)
        .body("rating.score", equalTo(73))
        .body("rating.value", equalTo(73));
    problem(
        put(
            BEBOP,
            "{\"status\": \"WATCHING\", \"rating\": {\"value\": 8.5, \"scale\": \"POINT_10\"}}"),
        422,
        "INVALID_RATING");
    problem(
        put(
            BEBOP,
            "{\"status\": \"WATCHING\", \"rating\": {\"value\": 6, \"scale\": \"STARS_5\"}}"),
        422,
        "INVALID_RATING");
    problem(
        put(
            BEBOP,
            "{\"status\": \"WATCHING\", \"rating\": {\"value\": 7.25, \"scale\": \"POINT_10_DECIMAL\"}}"),
        422,
        "INVALID_RATING");
    problem(
        as(user).body("{\"ratingScale\": \"POINT_3\"}").put(API + "/settings").then(),
        400,
        "MALFORMED_REQUEST");
  }

  // --- episode history
  // -----------------------------------------------------------------------------

  @Test
  void episodesCanBeMarkedOutOfOrderAndUnmarked() {
    mark(SEVERANCE, "{\"season\": 1, \"from\": 1, \"to\": 5}")
        .statusCode(200)
        .body("status", equalTo("WATCHING"))
        .body("progress.season", equalTo(1))
        .body("progress.episode", equalTo(5))
        .body("startedAt", equalTo(today()));
    mark(SEVERANCE, "{\"season\": 1, \"episode\": 8, \"watchedAt\": \"2026-01-05T21:00:00Z\"}")
        .statusCode(200)
        .body("progress.episode", equalTo(8));
    mark(SEVERANCE, "{\"season\": 0, \"episode\": 1}")
        .statusCode(200)
        .body("progress.episode", equalTo(8));
    as(user)
        .delete(API + "/entries/" + SEVERANCE + "/episodes?season=1&episode=8")
        .then()
        .statusCode(200)
        .body("progress.episode", equalTo(5));
    as(user)
        .get(API + "/entries/" + SEVERANCE + "/episodes")
        .then()
        .body("items", hasSize(6))
        .body("items.find { it.season == 0 }.episode", equalTo(1));
    problem(mark(SEVERANCE, "{\"season\": 3, \"episode\": 1}"), 422, "INVALID_PROGRESS");
    problem(mark(SEVERANCE, "{\"season\": 1}"), 400, "VALIDATION_FAILED");
    problem(
        as(user).delete(API + "/entries/" + BEBOP + "/episodes?episode=1").then(),
        404,
        "ENTRY_NOT_FOUND");
    List<Fixtures.Event> events = Fixtures.eventsFor(user, 5);
    assertThat(events)
        .extracting(Fixtures.Event::type)
        .containsExactly(
            ProgressEvents.ENTRY_CREATED,
            ProgressEvents.EPISODES_WATCHED,
            ProgressEvents.EPISODES_WATCHED,
            ProgressEvents.EPISODES_WATCHED,
            ProgressEvents.EPISODES_WATCHED);
    assertThat(events.get(1).payload().get("units")).hasSize(5);
    assertThat(events.get(2).payload().get("units").get(0).get("watchedAt").asText())
        .isEqualTo("2026-01-05T21:00:00Z");
    assertThat(events.get(4).payload().get("unmarked").asBoolean()).isTrue();
  }

  @Test
  void watchingTheLastEpisodeCompletesAndUnmarkingReopens() {
    mark(BEBOP, "{\"from\": 1, \"to\": 26}").statusCode(200).body("status", equalTo("COMPLETED"));
    as(user)
        .delete(API + "/entries/" + BEBOP + "/episodes?from=20&to=26")
        .then()
        .statusCode(200)
        .body("status", equalTo("WATCHING"))
        .body("progress.episode", equalTo(19));
  }

  // --- advance and up-next ---------------------------------------------------------------------

  @Test
  void advanceStartsAtS1E1RollsOverSeasonsSkipsSpecialsAndStopsCaughtUp() {
    advance(SEVERANCE)
        .statusCode(200)
        .body("status", equalTo("WATCHING"))
        .body("progress.season", equalTo(1))
        .body("progress.episode", equalTo(1))
        .body("caughtUp", equalTo(false))
        .body("next.episode", equalTo(2));
    mark(SEVERANCE, "{\"season\": 1, \"from\": 2, \"to\": 9}").statusCode(200);
    advance(SEVERANCE)
        .statusCode(200)
        .body("progress.season", equalTo(2))
        .body("progress.episode", equalTo(1));
    mark(SEVERANCE, "{\"season\": 2, \"from\": 2, \"to\": 4}").statusCode(200);
    advance(SEVERANCE)
        .statusCode(200)
        .body("caughtUp", equalTo(true))
        .body("progress.season", equalTo(2))
        .body("progress.episode", equalTo(4))
        .body("next", nullValue());
    assertThat(Fixtures.historyRows(user)).isEqualTo(13);
    advance(FRIEREN)
        .statusCode(200)
        .body("progress.episode", equalTo(1))
        .body("progress.season", nullValue());
    problem(advance(DUNE), 422, "INVALID_PROGRESS");

    as(user)
        .get(API + "/up-next")
        .then()
        .statusCode(200)
        .body("items", hasSize(2))
        .body("items.find { it.mediaId == '" + FRIEREN + "' }.next.episode", equalTo(2))
        .body("items.find { it.mediaId == '" + FRIEREN + "' }.caughtUp", equalTo(false))
        .body("items.find { it.mediaId == '" + SEVERANCE + "' }.caughtUp", equalTo(true));
  }

  @Test
  void airingAnimeIsCaughtUpAtItsLastAiredEpisode() {
    put(FRIEREN, "{\"status\": \"WATCHING\", \"progress\": {\"episode\": 10}}").statusCode(201);
    advance(FRIEREN)
        .statusCode(200)
        .body("caughtUp", equalTo(true))
        .body("progress.episode", equalTo(10))
        .header("ETag", "\"1\"");
  }

  // --- other types
  // ------------------------------------------------------------------------------------

  @Test
  void booksGamesMangaAndMoviesTakeTheirOwnProgress() {
    put(DUNE, "{\"status\": \"READING\", \"progress\": {\"page\": 100, \"percent\": 24.3}}")
        .statusCode(201)
        .body("progress.page", equalTo(100))
        .body("progress.percent", equalTo(24.3f));
    put(DUNE, "{\"status\": \"READING\", \"progress\": {\"page\": 412}}")
        .statusCode(200)
        .body("status", equalTo("COMPLETED"));
    put(HADES, "{\"status\": \"PLAYING\", \"progress\": {\"hoursPlayed\": 41.5, \"percent\": 60}}")
        .statusCode(201)
        .body("progress.hoursPlayed", equalTo(41.5f));
    put(FMA_MANGA, "{\"status\": \"READING\", \"progress\": {\"chapter\": 10, \"volume\": 3}}")
        .statusCode(201)
        .body("progress.chapter", equalTo(10))
        .body("progress.volume", equalTo(3));
    put(SPIRITED_AWAY, "{\"status\": \"COMPLETED\"}").statusCode(201).body("progress", nullValue());
    problem(
        put(FMA_MANGA, "{\"status\": \"READING\", \"progress\": {\"volume\": 28}}"),
        422,
        "INVALID_PROGRESS");
    assertThat(Fixtures.historyRows(user)).isEqualTo(10);
  }

  // --- lists, visibility, ownership --------------------------------------------------------------

  @Test
  void listsPageWithACursorAndCountPerStatus() {
    put(BEBOP, "{\"status\": \"WATCHING\"}").statusCode(201);
    put(SEVERANCE, "{\"status\": \"WATCHING\"}").statusCode(201);
    put(DUNE, "{\"status\": \"PLANNING\"}").statusCode(201);
    put(HADES, "{\"status\": \"DROPPED\"}").statusCode(201);
    put(FRIEREN, "{\"status\": \"WATCHING\", \"rating\": {\"value\": 10}}").statusCode(201);
    var page1 =
        as(user)
            .get(API + "/entries?limit=2")
            .then()
            .statusCode(200)
            .body("items", hasSize(2))
            .body("items[0].mediaId", equalTo(FRIEREN.toString()))
            .body("counts.WATCHING", equalTo(3))
            .body("counts.PLANNING", equalTo(1))
            .body("counts.DROPPED", equalTo(1))
            .body("counts.COMPLETED", equalTo(0))
            .body("nextCursor", notNullValue())
            .extract()
            .path("nextCursor");
    var page2 =
        as(user)
            .get(API + "/entries?limit=2&cursor=" + page1)
            .then()
            .statusCode(200)
            .body("items.mediaId", equalTo(List.of(DUNE.toString(), SEVERANCE.toString())))
            .extract()
            .path("nextCursor");
    as(user)
        .get(API + "/entries?limit=2&cursor=" + page2)
        .then()
        .statusCode(200)
        .body("items.mediaId", equalTo(List.of(BEBOP.toString())))
        .body("nextCursor", nullValue());
    as(user)
        .get(API + "/entries?status=WATCHING&type=TV")
        .then()
        .statusCode(200)
        .body("items.mediaId", equalTo(List.of(SEVERANCE.toString())))
        .body("counts.WATCHING", equalTo(1));
    as(user)
        .get(API + "/entries?sort=rating&limit=1")
        .then()
        .statusCode(200)
        .body("items[0].mediaId", equalTo(FRIEREN.toString()));
    // a page without entries still counts them (the counts then come from their own statement)
    as(user)
        .get(API + "/entries?status=COMPLETED")
        .then()
        .statusCode(200)
        .body("items", hasSize(0))
        .body("counts.WATCHING", equalTo(3))
        .body("counts.PLANNING", equalTo(1));
    // ratings on a page are in the reader's scale, read with the page
    as(user).body("{\"ratingScale\": \"STARS_5\"}").put(API + "/settings").then().statusCode(200);
    as(user)
        .get(API + "/entries?limit=1")
        .then()
        .statusCode(200)
        .body("items[0].rating.scale", equalTo("STARS_5"))
        .body("items[0].rating.value", equalTo(5))
        .body("items[0].rating.score", equalTo(100));
    problem(as(user).get(API + "/entries?cursor=bm9wZQ").then(), 400, "INVALID_CURSOR");
    problem(as(user).get(API + "/entries?status=BINGEING").then(), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("status"));
    problem(as(user).get(API + "/entries?sort=title").then(), 400, "VALIDATION_FAILED");
  }

  @Test
  void anotherUserSeesOnlyWhatVisibilityAllows() {
    put(
            BEBOP,
            """
        {"status": "WATCHING", "notes": "my notes",
         "review": {"text": "public review", "visibility": "PUBLIC"}}""")
        .statusCode(201);
    put(
            SEVERANCE,
            """
        {"status": "WATCHING", "review": {"text": "for followers", "visibility": "FOLLOWERS"}}""")
        .statusCode(201);
    put(
            FRIEREN,
            "{\"status\": \"WATCHING\", \"review\": {\"text\": \"mine\", \"visibility\": \"PRIVATE\"}}")
        .statusCode(201);
    put(DUNE, "{\"status\": \"READING\", \"private\": true}").statusCode(201);
    String bob = "bob-" + UUID.randomUUID();
    as(bob)
        .get(API + "/users/" + user + "/entries")
        .then()
        .statusCode(200)
        .body("items", hasSize(3))
        .body("items.mediaId", not(hasItem(DUNE.toString())))
        .body("counts.READING", equalTo(0))
        .body("items.find { it.mediaId == '" + BEBOP + "' }.review.text", equalTo("public review"))
        .body("items.find { it.mediaId == '" + BEBOP + "' }.notes", nullValue())
        .body("items.find { it.mediaId == '" + SEVERANCE + "' }.review", nullValue())
        .body("items.find { it.mediaId == '" + FRIEREN + "' }.review", nullValue());
    as(user)
        .get(API + "/users/" + user + "/entries")
        .then()
        .statusCode(200)
        .body("items", hasSize(4))
        .body("items.review.text", hasItems("for followers", "mine"));
    // bob's own library is his alone
    problem(as(bob).get(API + "/entries/" + BEBOP).then(), 404, "ENTRY_NOT_FOUND");
    problem(as(bob).delete(API + "/entries/" + BEBOP).then(), 404, "ENTRY_NOT_FOUND");
    given().get(API + "/entries/" + BEBOP).then().statusCode(401);
    given().get(API + "/users/" + user + "/entries").then().statusCode(401);
    // a user id that is not a UUID is a bad request, not an empty library
    for (String bad : new String[] {"bob", "1", user + "x", user.replace("-", "")}) {
      problem(as(bob).get(API + "/users/" + bad + "/entries").then(), 400, "VALIDATION_FAILED")
          .body("violations[0].field", equalTo("userId"));
    }
  }

  // --- delete and UserDeleted -------------------------------------------------------------------

  @Test
  void deleteRemovesEntryAndHistoryAndPublishesEntryRemoved() {
    put(BEBOP, "{\"status\": \"WATCHING\", \"progress\": {\"episode\": 4}}").statusCode(201);
    as(user).delete(API + "/entries/" + BEBOP).then().statusCode(204);
    assertThat(Fixtures.entries(user)).isZero();
    assertThat(Fixtures.historyRows(user)).isZero();
    problem(as(user).get(API + "/entries/" + BEBOP).then(), 404, "ENTRY_NOT_FOUND");
    List<Fixtures.Event> events = Fixtures.eventsFor(user, 2);
    assertThat(events)
        .extracting(Fixtures.Event::type)
        .containsExactly(ProgressEvents.ENTRY_CREATED, ProgressEvents.ENTRY_REMOVED);
    assertThat(events.get(1).payload().get("media").get("title").asText())
        .isEqualTo("Cowboy Bebop");
  }

  @Test
  void userDeletedRemovesEveryEntryHistoryReviewAndSettingOfThatUserOnly() {
    String other = "other-" + UUID.randomUUID();
    put(
            BEBOP,
            "{\"status\": \"WATCHING\", \"progress\": {\"episode\": 4},"
                + " \"review\": {\"text\": \"gone soon\"}}")
        .statusCode(201);
    put(SEVERANCE, "{\"status\": \"WATCHING\", \"progress\": {\"season\": 1, \"episode\": 2}}")
        .statusCode(201);
    as(user).body("{\"ratingScale\": \"STARS_5\"}").put(API + "/settings").then().statusCode(200);
    as(other)
        .body("{\"status\": \"WATCHING\"}")
        .put(API + "/entries/" + BEBOP)
        .then()
        .statusCode(201);
    long outboxBefore = Fixtures.outboxRows(user);

    Fixtures.publishUserDeleted(user);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(20))
        .until(() -> Fixtures.entries(user) == 0);
    assertThat(Fixtures.historyRows(user)).isZero();
    assertThat(Fixtures.count("SELECT count(*) FROM user_setting WHERE user_id = ?", user))
        .isZero();
    assertThat(Fixtures.entries(other)).isEqualTo(1);
    assertThat(Fixtures.outboxRows(user)).isEqualTo(outboxBefore);
    // replaying the same user id again is harmless
    Fixtures.publishUserDeleted(user);
    as(other).get(API + "/entries/" + BEBOP).then().statusCode(200);
  }

  // --- indexes
  // -------------------------------------------------------------------------------------

  @Test
  void everyListQueryUsesAnIndex() {
    for (String sql :
        List.of(
            // sort=updated: the order rows in index order, joined to their entries (V11)
            "SELECT e.id FROM library_entry_order o JOIN library_entry e ON e.id = o.entry_id"
                + " WHERE o.user_id = ? ORDER BY o.updated_at DESC, o.entry_id DESC LIMIT 51",
            "SELECT e.id FROM library_entry_order o JOIN library_entry e ON e.id = o.entry_id"
                + " WHERE o.user_id = ? AND o.status = 'WATCHING'"
                + " ORDER BY o.updated_at DESC, o.entry_id DESC LIMIT 51",
            "SELECT id FROM library_entry WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT 51",
            "SELECT id FROM library_entry WHERE user_id = ? ORDER BY COALESCE(rating, -1) DESC,"
                + " id DESC LIMIT 51",
            "SELECT status, sum(entries) FROM library_count WHERE user_id = ? GROUP BY status",
            "SELECT season, number FROM episode_history WHERE entry_id = '"
                + UUID.randomUUID()
                + "' AND repeat = 0 AND season > 0 ORDER BY season DESC, number DESC LIMIT 1")) {
      assertThat(String.join("\n", Fixtures.explain(sql.replace("?", "'" + user + "'"))))
          .as(sql)
          .contains("Index")
          .doesNotContain("Seq Scan");
    }
  }
}
