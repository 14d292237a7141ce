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

import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.PostgresTestDatabase;
import dev.kiroku.testing.TestTokenIssuer;
import dev.kiroku.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lists' order rows ({@code library_entry_order}) and counts ({@code library_count}, V11) stay
 * equal to what {@code library_entry} holds after every kind of write: PUT (alone and in concurrent
 * batches), PATCH, episodes, advance, DELETE, imports (created, unchanged, overwritten) and
 * UserDeleted; and the lists read through them page in the same order as a sort of the entries.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(ProgressTestSetup.class)
class ListKeysTest {

  private static final String API = "/api/v1/progress";

  /** Rows in one of the two sets and not in the other (both directions). */
  private static final String COUNTS_DIFFER =
      "SELECT count(*) FROM ((SELECT media_type, status, private, count(*)::int AS n"
          + " FROM library_entry WHERE user_id = ? GROUP BY 1, 2, 3"
          + " EXCEPT SELECT media_type, status, private, entries FROM library_count"
          + " WHERE user_id = ? AND entries <> 0)"
          + " UNION ALL (SELECT media_type, status, private, entries FROM library_count"
          + " WHERE user_id = ? AND entries <> 0"
          + " EXCEPT SELECT media_type, status, private, count(*)::int"
          + " FROM library_entry WHERE user_id = ? GROUP BY 1, 2, 3)) d";

  private static final String ORDER_DIFFERS =
      "SELECT count(*) FROM ((SELECT id, user_id, media_type, status, private, updated_at"
          + " FROM library_entry WHERE user_id = ?"
          + " EXCEPT SELECT entry_id, user_id, media_type, status, private, updated_at"
          + " FROM library_entry_order WHERE user_id = ?)"
          + " UNION ALL (SELECT entry_id, user_id, media_type, status, private, updated_at"
          + " FROM library_entry_order WHERE user_id = ?"
          + " EXCEPT SELECT id, user_id, media_type, status, private, updated_at"
          + " FROM library_entry WHERE user_id = ?)) d";

  private String user;

  @BeforeEach
  void seed() {
    Fixtures.seedCatalog();
    user = UUID.randomUUID().toString();
  }

  private static RequestSpecification as(String userId) {
    return given().auth().oauth2(TestTokens.user(userId)).contentType(ContentType.JSON);
  }

  private void put(UUID media, String body, int status) {
    as(user).body(body).put(API + "/entries/" + media).then().statusCode(status);
  }

  /** Order rows and counts equal a recount of the user's entries; no count is negative. */
  private static void assertKeysMatchEntries(String userId) {
    assertThat(Fixtures.count(COUNTS_DIFFER, userId, userId, userId, userId))
        .as("library_count differs from a recount of " + userId)
        .isZero();
    assertThat(Fixtures.count(ORDER_DIFFERS, userId, userId, userId, userId))
        .as("library_entry_order differs from library_entry for " + userId)
        .isZero();
    assertThat(Fixtures.count("SELECT count(*) FROM library_count WHERE entries < 0"))
        .as("negative counts")
        .isZero();
  }

  /** Pages through GET /entries (limit 2) and compares with the entries sorted in SQL. */
  private static void assertListsMatchEntries(String userId, String reader) {
    boolean owner = userId.equals(reader);
    String path = owner ? API + "/entries" : API + "/users/" + userId + "/entries";
    List<String> listed = new ArrayList<>();
    String cursor = null;
    Map<String, Integer> counts = null;
    do {
      JsonPath page =
          as(reader)
              .queryParam("limit", 2)
              .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
              .get(path)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      listed.addAll(page.getList("items.id"));
      cursor = page.getString("nextCursor");
      if (counts == null) {
        counts = page.getMap("counts");
      }
    } while (cursor != null);
    String hide = owner ? "" : " AND NOT private";
    assertThat(listed)
        .as("sort=updated pages")
        .containsExactlyElementsOf(
            strings(
                "SELECT id::text FROM library_entry WHERE user_id = ?"
                    + hide
                    + " ORDER BY updated_at DESC, id DESC",
                userId));
    Map<String, Integer> recount = new LinkedHashMap<>();
    for (String status :
        List.of(
            "PLANNING",
            "WATCHING",
            "READING",
            "PLAYING",
            "LISTENING",
            "COMPLETED",
            "PAUSED",
            "DROPPED")) {
      recount.put(
          status,
          (int)
              Fixtures.count(
                  "SELECT count(*) FROM library_entry WHERE user_id = ? AND status = ?" + hide,
                  userId,
                  status));
    }
    assertThat(counts).as("counts").isEqualTo(recount);
  }

  private static List<String> strings(String sql, Object... args) {
    try (Connection c = Fixtures.database();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      List<String> list = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          list.add(rs.getString(1));
        }
      }
      return list;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void orderRowsAndCountsFollowEveryWritePath() throws Exception {
    // creates: PUT, episodes (creates the entry), advance (creates it)
    put(BEBOP, "{\"status\": \"WATCHING\", \"progress\": {\"episode\": 2}}", 201);
    put(SEVERANCE, "{\"status\": \"PLANNING\"}", 201);
    put(DUNE, "{\"status\": \"READING\", \"private\": true}", 201);
    put(HADES, "{\"status\": \"PLAYING\"}", 201);
    put(SPIRITED_AWAY, "{\"status\": \"COMPLETED\"}", 201);
    as(user)
        .body("{\"season\": 1, \"episode\": 1}")
        .post(API + "/entries/" + FRIEREN + "/episodes")
        .then()
        .statusCode(200);
    as(user).post(API + "/entries/" + FMA_MANGA + "/advance").then().statusCode(200);
    assertKeysMatchEntries(user);

    // status changes, private flag, progress only (counts unchanged), rating only
    as(user)
        .body("{\"status\": \"COMPLETED\"}")
        .patch(API + "/entries/" + BEBOP)
        .then()
        .statusCode(200);
    as(user).body("{\"private\": false}").patch(API + "/entries/" + DUNE).then().statusCode(200);
    put(SEVERANCE, "{\"status\": \"WATCHING\", \"rating\": {\"value\": 7}}", 200);
    put(HADES, "{\"status\": \"PLAYING\", \"progress\": {\"hoursPlayed\": 3}}", 200);
    put(
        HADES,
        "{\"status\": \"PLAYING\", \"progress\": {\"hoursPlayed\": 3}, \"rating\": {\"value\": 8}}",
        200);
    // the last aired episode of an airing anime completes nothing; unmarking keeps it active
    as(user).delete(API + "/entries/" + FRIEREN + "/episodes?season=1&episode=1").then();
    assertKeysMatchEntries(user);
    assertListsMatchEntries(user, user);

    // concurrent PUTs, so that several share a batch: status flips in both directions
    List<CompletableFuture<Integer>> puts = new ArrayList<>();
    String[][] flips = {
      {BEBOP.toString(), "DROPPED"},
      {SEVERANCE.toString(), "PAUSED"},
      {HADES.toString(), "DROPPED"},
      {DUNE.toString(), "PLANNING"},
      {FRIEREN.toString(), "PAUSED"},
      {FMA_MANGA.toString(), "DROPPED"},
      {SPIRITED_AWAY.toString(), "COMPLETED"}
    };
    for (int round = 0; round < 3; round++) {
      for (String[] flip : flips) {
        String status = round == 1 ? "PLANNING" : flip[1];
        String media = flip[0];
        puts.add(
            CompletableFuture.supplyAsync(
                () ->
                    as(user)
                        .body(
                            "{\"status\": \""
                                + status
                                + "\", \"private\": "
                                + (media.equals(DUNE.toString()))
                                + "}")
                        .put(API + "/entries/" + media)
                        .statusCode()));
      }
    }
    for (CompletableFuture<Integer> p : puts) {
      assertThat(p.get()).isIn(200, 409);
    }
    assertKeysMatchEntries(user);
    assertListsMatchEntries(user, user);
    assertListsMatchEntries(user, UUID.randomUUID().toString());

    // delete
    as(user).delete(API + "/entries/" + HADES).then().statusCode(204);
    assertKeysMatchEntries(user);
    assertThat(Fixtures.count("SELECT count(*) FROM library_entry_order WHERE user_id = ?", user))
        .isEqualTo(6);

    // imports: created, then unchanged, then overwritten with other statuses
    String exported =
        as(user).get(API + "/export?format=json").then().statusCode(200).extract().asString();
    String other = UUID.randomUUID().toString();
    assertThat(importJob(other, "format=kiroku-json", exported).getInt("counts.imported"))
        .isEqualTo(6);
    assertKeysMatchEntries(other);
    assertThat(importJob(other, "format=kiroku-json", exported).getInt("counts.unchanged"))
        .isEqualTo(6);
    assertKeysMatchEntries(other);
    String changed =
        exported
            .replace("\"COMPLETED\"", "\"DROPPED\"")
            .replace("\"private\":true", "\"private\":false")
            .replace("\"private\": true", "\"private\": false");
    JsonPath overwritten = importJob(other, "format=kiroku-json&mode=overwrite", changed);
    assertThat(overwritten.getInt("counts.updated")).as(overwritten.prettify()).isPositive();
    assertKeysMatchEntries(other);
    assertListsMatchEntries(other, other);

    // UserDeleted: the user's order rows and counts go, the other user's stay
    Fixtures.publishUserDeleted(user);
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Fixtures.entries(user) == 0);
    assertThat(Fixtures.count("SELECT count(*) FROM library_count WHERE user_id = ?", user))
        .isZero();
    assertThat(Fixtures.count("SELECT count(*) FROM library_entry_order WHERE user_id = ?", user))
        .isZero();
    assertKeysMatchEntries(other);
  }

  private static JsonPath importJob(String userId, String query, String document) throws Exception {
    Path file = Files.createTempFile("kiroku-export", ".json");
    try {
      Files.writeString(file, document);
      Response accepted =
          given()
              .auth()
              .oauth2(TestTokens.user(userId))
              .multiPart("file", file.toFile())
              .post(API + "/imports?" + query);
      accepted.then().statusCode(202);
      String location = java.net.URI.create(accepted.header("Location")).getPath();
      long deadline = System.currentTimeMillis() + 60_000;
      while (true) {
        JsonPath job =
            given()
                .auth()
                .oauth2(TestTokens.user(userId))
                .get(location)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String state = job.getString("state");
        if (state.equals("DONE") || state.equals("FAILED")) {
          assertThat(state).as(job.prettify()).isEqualTo("DONE");
          return job;
        }
        assertThat(System.currentTimeMillis()).as("job still " + state).isLessThan(deadline);
        Thread.sleep(100);
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
