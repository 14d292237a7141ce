package dev.kiroku.progress.export;

import static dev.kiroku.progress.export.ExportTestData.ANIME;
import static dev.kiroku.progress.export.ExportTestData.BOOK;
import static dev.kiroku.progress.export.ExportTestData.MANGA;
import static dev.kiroku.progress.export.ExportTestData.MOVIE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.kiroku.progress.ProgressTestSetup;
import dev.kiroku.progress.repository.ExportQueries;
import dev.kiroku.progress.service.ExportService;
import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.PostgresTestDatabase;
import dev.kiroku.testing.TestTokenIssuer;
import dev.kiroku.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(ProgressTestSetup.class)
class ExportApiTest {

  private static final String API = "/api/v1/progress";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final List<String> DOCUMENT_FIELDS =
      List.of("format", "version", "exportedAt", "ratingScale", "entries");
  private static final List<String> ENTRY_FIELDS =
      List.of(
          "media",
          "status",
          "progress",
          "repeatCount",
          "repeating",
          "lastRepeatedAt",
          "startedAt",
          "completedAt",
          "addedAt",
          "rating",
          "review",
          "notes",
          "private",
          "history");
  private static final List<String> MEDIA_FIELDS = List.of("id", "type", "title", "externalIds");
  private static final List<String> REVIEW_FIELDS =
      List.of("text", "spoiler", "visibility", "reviewedAt");
  private static final List<String> HISTORY_FIELDS =
      List.of("repeat", "season", "episode", "watchedAt");

  /** Notes with a comma, quotes and a line break: CSV must quote them. */
  private static final String NOTES = "re-read, with \"friends\"\nnext week";

  private static final String REVIEW = "Dark, \"heavy\" and great";

  private String user;

  @BeforeEach
  void seed() {
    ExportTestData.seed();
    user = "user-" + UUID.randomUUID();
  }

  private static RequestSpecification as(String userId) {
    return given().auth().oauth2(TestTokens.user(userId)).contentType(ContentType.JSON);
  }

  private static String today() {
    return LocalDate.now(ZoneOffset.UTC).toString();
  }

  /**
   * Four entries through the API: an anime watched, completed and repeated (history of two runs), a
   * book at a page and percent, a private manga with review and notes, a planned movie; then the
   * rating scale set to POINT_100. Another user gets an entry too.
   */
  private void library() {
    String rating = "\"rating\": {\"value\": 8, \"scale\": \"POINT_10\"}";
    as(user)
        .body("{\"status\": \"WATCHING\", \"startedAt\": \"2024-01-02\", " + rating + "}")
        .put(API + "/entries/" + ANIME)
        .then()
        .statusCode(201);
    episodes(ANIME, "{\"from\": 1, \"to\": 3, \"watchedAt\": \"2024-01-03T20:00:00Z\"}")
        .then()
        .body("status", equalTo("COMPLETED"));
    as(user)
        .body("{\"completedAt\": \"2024-01-04\"}")
        .patch(API + "/entries/" + ANIME)
        .then()
        .statusCode(200);
    as(user)
        .body("{\"status\": \"WATCHING\"}")
        .patch(API + "/entries/" + ANIME)
        .then()
        .statusCode(200)
        .body("repeating", equalTo(true));
    episodes(ANIME, "{\"from\": 1, \"to\": 2, \"watchedAt\": \"2024-05-01T10:00:00.123456Z\"}");
    episodes(ANIME, "{\"episode\": 3, \"watchedAt\": \"2024-05-02T09:30:00Z\"}")
        .then()
        .body("repeatCount", equalTo(1))
        .body("repeating", equalTo(false));

    as(user)
        .body(
            "{\"status\": \"READING\", \"progress\": {\"page\": 120, \"percent\": 29.5},"
                + " \"startedAt\": \"2025-03-01\"}")
        .put(API + "/entries/" + BOOK)
        .then()
        .statusCode(201);

    as(user)
        .body(
            JSON.createObjectNode()
                .put("status", "READING")
                .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                    "progress", JSON.createObjectNode().put("chapter", 2).put("volume", 1))
                .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                    "review",
                    JSON.createObjectNode()
                        .put("text", REVIEW)
                        .put("spoiler", true)
                        .put("visibility", "FOLLOWERS"))
                .put("notes", NOTES)
                .put("private", true)
                .toString())
        .put(API + "/entries/" + MANGA)
        .then()
        .statusCode(201);

    as(user)
        .body("{\"status\": \"PLANNING\"}")
        .put(API + "/entries/" + MOVIE)
        .then()
        .statusCode(201);

    as(user).body("{\"ratingScale\": \"POINT_100\"}").put(API + "/settings").then().statusCode(200);

    as("other-" + user)
        .body("{\"status\": \"PLANNING\", \"notes\": \"not yours\"}")
        .put(API + "/entries/" + BOOK)
        .then()
        .statusCode(201);
  }

  private Response episodes(UUID media, String body) {
    Response r = as(user).body(body).post(API + "/entries/" + media + "/episodes");
    r.then().statusCode(200);
    return r;
  }

  private Response export(String format) {
    return as(user).queryParam("format", format).get(API + "/export");
  }

  private JsonNode entry(UUID media) {
    return read(
        as(user).get(API + "/entries/" + media).then().statusCode(200).extract().asString());
  }

  private JsonNode history(UUID media) {
    return read(as(user)
            .get(API + "/entries/" + media + "/episodes")
            .then()
            .statusCode(200)
            .extract()
            .asString())
        .get("items");
  }

  @Test
  void jsonHoldsEveryEntryOfTheCallerWithHistoryRatingsReviewsNotesAndExternalIds()
      throws Exception {
    library();
    Instant before = Instant.now().minusSeconds(1);
    Response response = export("json");
    response
        .then()
        .statusCode(200)
        .header("Content-Type", startsWith("application/json"))
        .header("Content-Disposition", equalTo("attachment; filename=\"kiroku-export.json\""));
    JsonNode doc = JSON.readTree(response.asByteArray());

    assertThat(names(doc)).containsExactlyElementsOf(DOCUMENT_FIELDS);
    assertThat(doc.get("format").asText()).isEqualTo("kiroku-json");
    assertThat(doc.get("version").asInt()).isEqualTo(1);
    assertThat(Instant.parse(doc.get("exportedAt").asText()))
        .isBetween(before.minusSeconds(1), Instant.now());
    assertThat(doc.get("ratingScale").asText()).isEqualTo("POINT_100");

    JsonNode entries = doc.get("entries");
    assertThat(entries).hasSize(4);
    for (JsonNode e : entries) {
      assertThat(names(e)).containsExactlyElementsOf(ENTRY_FIELDS);
      assertThat(names(e.get("media"))).containsExactlyElementsOf(MEDIA_FIELDS);
    }
    // ordered by media id; only the caller's
    assertThat(entries.findValuesAsText("id"))
        .containsExactly(ANIME.toString(), BOOK.toString(), MANGA.toString(), MOVIE.toString());

    JsonNode anime = entries.get(0);
    JsonNode animeView = entry(ANIME);
    assertThat(anime.get("media").toString())
        .isEqualTo(
            "{\"id\":\""
                + ANIME
                + "\",\"type\":\"ANIME\",\"title\":\"Trigun\","
                + "\"externalIds\":{\"anilist\":\"6\",\"kitsu\":\"7\",\"mal\":\"900006\"}}");
    assertThat(anime.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(anime.get("progress").toString()).isEqualTo("{\"episode\":3}");
    assertThat(anime.get("repeatCount").asInt()).isEqualTo(1);
    assertThat(anime.get("repeating").asBoolean()).isFalse();
    assertThat(anime.get("lastRepeatedAt").asText()).isEqualTo(today());
    assertThat(anime.get("startedAt").asText()).isEqualTo("2024-01-02");
    assertThat(anime.get("completedAt").asText()).isEqualTo("2024-01-04");
    assertThat(anime.get("addedAt").asText()).isEqualTo(animeView.get("createdAt").asText());
    assertThat(anime.get("rating").asInt()).isEqualTo(80);
    assertThat(anime.get("review").isNull()).isTrue();
    assertThat(anime.get("notes").isNull()).isTrue();
    assertThat(anime.get("private").asBoolean()).isFalse();
    JsonNode watched = anime.get("history");
    for (JsonNode w : watched) {
      assertThat(names(w)).containsExactlyElementsOf(HISTORY_FIELDS);
    }
    assertThat(watched.toString())
        .isEqualTo(
            "[{\"repeat\":0,\"season\":1,\"episode\":1,\"watchedAt\":\"2024-01-03T20:00:00Z\"},"
                + "{\"repeat\":0,\"season\":1,\"episode\":2,\"watchedAt\":\"2024-01-03T20:00:00Z\"},"
                + "{\"repeat\":0,\"season\":1,\"episode\":3,\"watchedAt\":\"2024-01-03T20:00:00Z\"},"
                + "{\"repeat\":1,\"season\":1,\"episode\":1,"
                + "\"watchedAt\":\"2024-05-01T10:00:00.123456Z\"},"
                + "{\"repeat\":1,\"season\":1,\"episode\":2,"
                + "\"watchedAt\":\"2024-05-01T10:00:00.123456Z\"},"
                + "{\"repeat\":1,\"season\":1,\"episode\":3,\"watchedAt\":\"2024-05-02T09:30:00Z\"}]");
    assertThat(watched).isEqualTo(history(ANIME));

    JsonNode book = entries.get(1);
    assertThat(book.get("media").get("externalIds").toString())
        .isEqualTo("{\"goodreads\":\"44767458\",\"isbn\":\"9780000000002\"}");
    assertThat(book.get("status").asText()).isEqualTo("READING");
    assertThat(book.get("progress").toString()).isEqualTo("{\"page\":120,\"percent\":29.5}");
    assertThat(book.get("startedAt").asText()).isEqualTo("2025-03-01");
    assertThat(book.get("completedAt").isNull()).isTrue();
    assertThat(book.get("lastRepeatedAt").isNull()).isTrue();
    assertThat(book.get("rating").isNull()).isTrue();
    assertThat(book.get("notes").isNull()).isTrue();
    assertThat(book.get("history")).isEmpty();

    JsonNode manga = entries.get(2);
    JsonNode mangaView = entry(MANGA);
    assertThat(manga.get("media").get("type").asText()).isEqualTo("MANGA");
    assertThat(manga.get("progress").toString()).isEqualTo("{\"chapter\":2,\"volume\":1}");
    assertThat(manga.get("private").asBoolean()).isTrue();
    assertThat(manga.get("notes").asText()).isEqualTo(NOTES);
    JsonNode review = manga.get("review");
    assertThat(names(review)).containsExactlyElementsOf(REVIEW_FIELDS);
    assertThat(review.get("text").asText()).isEqualTo(REVIEW);
    assertThat(review.get("spoiler").asBoolean()).isTrue();
    assertThat(review.get("visibility").asText()).isEqualTo("FOLLOWERS");
    assertThat(review.get("reviewedAt").asText())
        .isEqualTo(mangaView.get("review").get("reviewedAt").asText());
    // chapters in the history's "episode"
    assertThat(manga.get("history").findValuesAsText("episode")).containsExactly("1", "2");
    assertThat(manga.get("history")).isEqualTo(history(MANGA));

    JsonNode movie = entries.get(3);
    assertThat(movie.get("media").get("externalIds").toString()).isEqualTo("{}");
    assertThat(movie.get("status").asText()).isEqualTo("PLANNING");
    assertThat(movie.get("progress").toString()).isEqualTo("{}");
    assertThat(movie.get("startedAt").isNull()).isTrue();

    for (JsonNode e : entries) {
      JsonNode view = entry(UUID.fromString(e.get("media").get("id").asText()));
      assertThat(e.get("status")).isEqualTo(view.get("status"));
      assertThat(e.get("addedAt")).isEqualTo(view.get("createdAt"));
      assertThat(e.get("repeatCount")).isEqualTo(view.get("repeatCount"));
    }
    // nothing an import could not reproduce
    assertThat(doc.toString()).doesNotContain(user).doesNotContain(animeView.get("id").asText());
    assertThat(doc.findValues("updatedAt")).isEmpty();
    assertThat(doc.findValues("version")).hasSize(1);
  }

  @Test
  void csvHasTheHeaderAndOneQuotedRowPerEntry() throws Exception {
    library();
    Response response = export("csv");
    response
        .then()
        .statusCode(200)
        .header("Content-Type", startsWith("text/csv"))
        .header("Content-Disposition", equalTo("attachment; filename=\"kiroku-export.csv\""));
    String text = response.asString();
    assertThat(text)
        .startsWith(
            "media_id,media_type,title,external_ids,status,season,episode,chapter,volume,page,"
                + "percent,hours_played,repeat_count,repeating,last_repeated_at,started_at,"
                + "completed_at,added_at,rating,review_text,review_spoiler,review_visibility,"
                + "reviewed_at,notes,private,history\n");
    assertThat(text).contains("\"re-read, with \"\"friends\"\"\nnext week\"");

    List<List<String>> rows = csv(text);
    assertThat(rows).hasSize(5);
    List<String> header = rows.get(0);
    for (List<String> row : rows) {
      assertThat(row).hasSize(26);
    }
    assertThat(rows.subList(1, 5))
        .extracting(r -> r.get(0))
        .containsExactly(ANIME.toString(), BOOK.toString(), MANGA.toString(), MOVIE.toString());

    List<String> anime = rows.get(1);
    assertThat(cell(header, anime, "media_type")).isEqualTo("ANIME");
    assertThat(cell(header, anime, "title")).isEqualTo("Trigun");
    assertThat(cell(header, anime, "external_ids")).isEqualTo("anilist:6;kitsu:7;mal:900006");
    assertThat(cell(header, anime, "status")).isEqualTo("COMPLETED");
    assertThat(cell(header, anime, "episode")).isEqualTo("3");
    assertThat(cell(header, anime, "season")).isEmpty();
    assertThat(cell(header, anime, "repeat_count")).isEqualTo("1");
    assertThat(cell(header, anime, "repeating")).isEqualTo("false");
    assertThat(cell(header, anime, "last_repeated_at")).isEqualTo(today());
    assertThat(cell(header, anime, "completed_at")).isEqualTo("2024-01-04");
    assertThat(cell(header, anime, "added_at")).isEqualTo(entry(ANIME).get("createdAt").asText());
    assertThat(cell(header, anime, "rating")).isEqualTo("80");
    assertThat(cell(header, anime, "review_text")).isEmpty();
    assertThat(cell(header, anime, "history"))
        .isEqualTo(
            "0:1:1@2024-01-03T20:00:00Z|0:1:2@2024-01-03T20:00:00Z|0:1:3@2024-01-03T20:00:00Z"
                + "|1:1:1@2024-05-01T10:00:00.123456Z|1:1:2@2024-05-01T10:00:00.123456Z"
                + "|1:1:3@2024-05-02T09:30:00Z");

    List<String> book = rows.get(2);
    assertThat(cell(header, book, "external_ids"))
        .isEqualTo("goodreads:44767458;isbn:9780000000002");
    assertThat(cell(header, book, "page")).isEqualTo("120");
    assertThat(cell(header, book, "percent")).isEqualTo("29.5");
    assertThat(cell(header, book, "history")).isEmpty();

    List<String> manga = rows.get(3);
    assertThat(cell(header, manga, "notes")).isEqualTo(NOTES);
    assertThat(cell(header, manga, "review_text")).isEqualTo(REVIEW);
    assertThat(cell(header, manga, "review_spoiler")).isEqualTo("true");
    assertThat(cell(header, manga, "review_visibility")).isEqualTo("FOLLOWERS");
    assertThat(cell(header, manga, "private")).isEqualTo("true");
    assertThat(cell(header, manga, "chapter")).isEqualTo("2");
    assertThat(cell(header, manga, "volume")).isEqualTo("1");
  }

  @Test
  void anEmptyLibraryIsAnEmptyListAndAHeaderOnlyCsv() throws Exception {
    Response json = export("JSON");
    json.then().statusCode(200);
    JsonNode doc = JSON.readTree(json.asByteArray());
    assertThat(names(doc)).containsExactlyElementsOf(DOCUMENT_FIELDS);
    assertThat(doc.get("ratingScale").asText()).isEqualTo("POINT_10");
    assertThat(doc.get("entries").isArray()).isTrue();
    assertThat(doc.get("entries")).isEmpty();

    String csv = export("csv").then().statusCode(200).extract().asString();
    assertThat(csv(csv)).hasSize(1);
    assertThat(csv).startsWith("media_id,").endsWith(",history\n");
  }

  @Test
  void aLibraryOfSeveralPagesIsExportedWholeInMediaIdOrder() throws Exception {
    int n = 2 * ExportService.PAGE_SIZE + 1;
    // rows written directly (the API would take minutes); media the projection does not know
    ExportTestData.query(
        "WITH e AS (INSERT INTO library_entry (id, user_id, media_id, media_type, status,"
            + " version, created_at, updated_at) SELECT gen_random_uuid(), ?, gen_random_uuid(),"
            + " 'BOOK', 'PLANNING', 1, now(), now() FROM generate_series(1, ?) RETURNING 1)"
            + " SELECT count(*) FROM e",
        user,
        n);
    List<String> stored =
        ExportTestData.query(
                "SELECT media_id::text FROM library_entry WHERE user_id = ? ORDER BY media_id",
                user)
            .stream()
            .map(Object::toString)
            .toList();
    assertThat(stored).hasSize(n);

    JsonNode entries =
        JSON.readTree(export("json").then().statusCode(200).extract().asByteArray()).get("entries");
    assertThat(entries.findValuesAsText("id")).containsExactlyElementsOf(stored);
    assertThat(entries.findValuesAsText("type")).containsOnly("BOOK");
    assertThat(entries.get(0).get("media").get("title").isNull()).isTrue();

    List<List<String>> rows = csv(export("csv").then().statusCode(200).extract().asString());
    assertThat(rows).hasSize(n + 1);
    assertThat(rows.subList(1, n + 1)).extracting(r -> r.get(0)).containsExactlyElementsOf(stored);
  }

  @Test
  void aClientAskingForTheFormatsMediaTypeGetsIt() {
    as(user)
        .accept("application/json")
        .queryParam("format", "json")
        .get(API + "/export")
        .then()
        .statusCode(200)
        .header("Content-Type", startsWith("application/json"));
    as(user)
        .accept("text/csv")
        .queryParam("format", "csv")
        .get(API + "/export")
        .then()
        .statusCode(200)
        .header("Content-Type", startsWith("text/csv"));
  }

  @Test
  void aMissingOrUnknownFormatIsAProblemNamingFormat() {
    for (String format : new String[] {null, "xml", "kiroku-json", ""}) {
      RequestSpecification request = as(user);
      if (format != null) {
        request.queryParam("format", format);
      }
      request
          .get(API + "/export")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("code", equalTo("VALIDATION_FAILED"))
          .body("violations.field", hasItem("format"));
    }
  }

  @Test
  void withoutATokenItIs401() {
    given().queryParam("format", "json").get(API + "/export").then().statusCode(401);
  }

  /** Each statement is served by an index (which one is the planner's choice for the data). */
  @Test
  void everyQueryUsesAnIndex() {
    UUID id = UUID.randomUUID();
    assertThat(String.join("\n", ExportTestData.explain(ExportQueries.FIRST_PAGE, user, 500)))
        .containsPattern("Index (Only )?Scan (using|on) library_entry_user_")
        .doesNotContain("Seq Scan");
    assertThat(String.join("\n", ExportTestData.explain(ExportQueries.NEXT_PAGE, user, id, 500)))
        .containsPattern("Index (Only )?Scan (using|on) library_entry_user_")
        .doesNotContain("Seq Scan");
    assertThat(
            String.join(
                "\n",
                ExportTestData.explain(ExportQueries.HISTORY.replace("$1", "ARRAY[?::uuid]"), id)))
        .contains("episode_history_pkey")
        .doesNotContain("Seq Scan");
    assertThat(
            String.join(
                "\n",
                ExportTestData.explain(
                    ExportQueries.EXTERNAL_IDS.replace("$1", "ARRAY[?::uuid]"), id)))
        .contains("media_projection_external_id_media")
        .doesNotContain("Seq Scan");
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<List<String>> csv(String text) throws Exception {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    List<List<String>> rows = new ArrayList<>();
    try (MappingIterator<List<String>> it = mapper.readerFor(List.class).readValues(text)) {
      Iterator<List<String>> i = it;
      while (i.hasNext()) {
        rows.add(i.next());
      }
    }
    return rows;
  }

  private static String cell(List<String> header, List<String> row, String column) {
    return row.get(header.indexOf(column));
  }
}
