package dev.kiroku.progress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroku.contracts.progress.ProgressEvents;
import dev.kiroku.progress.repository.MediaProjectionRepository;
import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.PostgresTestDatabase;
import dev.kiroku.testing.TestTokenIssuer;
import dev.kiroku.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Imports through {@code POST /api/v1/progress/imports} with the real exports of {@code
 * ../shared/fixtures/imports}, resolved against the real catalogs of {@code ../shared/datasets}
 * (stored in the projection as catalog-service publishes them). catalog-service itself is not
 * running here (its URL is a closed port), so ids outside the datasets are reported as {@code
 * CATALOG_UNAVAILABLE}.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(ProgressTestSetup.class)
class ImportJobApiTest {

  private static final String API = "/api/v1/progress";
  private static final Path MAL = DatasetCatalog.IMPORTS.resolve("mal-xml/evanalxen_animelist.xml");
  private static final Path MAL_GZ =
      DatasetCatalog.IMPORTS.resolve("mal-xml/nuck_animelist.xml.gz");

  @Inject MediaProjectionRepository projection;
  @Inject Pool pool;

  private String user;

  @BeforeEach
  void catalog() {
    DatasetCatalog.load(projection, pool);
    user = "importer-" + UUID.randomUUID();
  }

  private Response upload(String userId, String query, Path file) {
    return given()
        .auth()
        .oauth2(TestTokens.user(userId))
        .multiPart("file", file.toFile())
        .when()
        .post(API + "/imports" + (query.isEmpty() ? "" : "?" + query));
  }

  private JsonPath finished(String userId, Response accepted) {
    accepted.then().statusCode(202);
    String location = java.net.URI.create(accepted.header("Location")).getPath();
    assertThat(location).startsWith("/api/v1/progress/imports/" + accepted.path("id"));
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
        return job;
      }
      assertThat(System.currentTimeMillis()).as("job still " + state).isLessThan(deadline);
      sleep(100);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * MAL id → status of every {@code <anime>} of a MAL export (read with a regex, not our parser).
   */
  private static Map<String, String> malRows(String xml) {
    Map<String, String> rows = new HashMap<>();
    Matcher m =
        Pattern.compile(
                "<series_animedb_id>(\\d+)</series_animedb_id>.*?<my_status>([^<]+)</my_status>",
                Pattern.DOTALL)
            .matcher(xml);
    while (m.find()) {
      rows.put(m.group(1), m.group(2));
    }
    return rows;
  }

  private JsonPath entries(String userId) {
    return given()
        .auth()
        .oauth2(TestTokens.user(userId))
        .get(API + "/entries?limit=100")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  // --- MyAnimeList -------------------------------------------------------------------------------

  @Test
  void malExportImportsEveryKnownAnimeReportsTheRestAndIsIdempotent() throws IOException {
    Map<String, String> rows = malRows(Files.readString(MAL));
    long known = rows.keySet().stream().filter(DatasetCatalog.ANIME_EPISODES::containsKey).count();
    assertThat(rows).hasSize(109);
    assertThat(known).isBetween(1L, 108L);

    JsonPath job = finished(user, upload(user, "format=mal-xml", MAL));
    assertThat(job.getString("state")).isEqualTo("DONE");
    assertThat(job.getInt("counts.total")).isEqualTo(109);
    int imported = job.getInt("counts.imported");
    int failed = job.getInt("counts.failed");
    assertThat(imported + failed + job.getInt("counts.skipped")).isEqualTo(109);
    // every anime outside the dataset is reported with its id and why; none is guessed
    List<Map<String, Object>> report = job.getList("rows");
    long unresolved =
        report.stream()
            .filter(r -> "FAILED".equals(r.get("outcome")))
            .filter(
                r ->
                    r.get("code").equals("CATALOG_UNAVAILABLE")
                        || r.get("code").equals("MEDIA_NOT_FOUND"))
            .count();
    assertThat(unresolved).isEqualTo(109 - known);
    assertThat(report)
        .allSatisfy(
            r -> {
              assertThat(r.get("detail")).isNotNull();
              assertThat(r.get("record")).isNotNull();
            });
    assertThat(imported).isEqualTo(Fixtures.entries(user));
    assertThat(imported).isGreaterThanOrEqualTo((int) known - 3);

    // 18if (MAL 35248): Dropped at episode 1 of 13, score 2 → rating 2 in POINT_10
    if (DatasetCatalog.ANIME_EPISODES.containsKey("35248")) {
      given()
          .auth()
          .oauth2(TestTokens.user(user))
          .get(API + "/entries/" + DatasetCatalog.animeId("35248"))
          .then()
          .statusCode(200)
          .body("status", equalTo("DROPPED"))
          .body("progress.episode", equalTo(1))
          .body("rating.value", equalTo(2))
          .body("startedAt", equalTo(null));
    }
    // counts per status follow the file's statuses (Completed/Dropped in this export)
    JsonPath list = entries(user);
    long completed =
        rows.entrySet().stream()
            .filter(e -> DatasetCatalog.ANIME_EPISODES.containsKey(e.getKey()))
            .filter(e -> e.getValue().equals("Completed"))
            .count();
    assertThat(list.getLong("counts.COMPLETED")).isBetween(completed - 3, completed);

    // the events carry the job id; one EntriesImported closes the job
    String jobId = job.getString("id");
    List<Fixtures.Event> events = Fixtures.eventsFor(user, imported + 1);
    assertThat(events.stream().filter(e -> e.type().equals(ProgressEvents.ENTRY_CREATED)))
        .hasSize(imported)
        .allSatisfy(e -> assertThat(e.payload().path("importId").asText()).isEqualTo(jobId));
    List<Fixtures.Event> summary =
        events.stream().filter(e -> e.type().equals(ProgressEvents.ENTRIES_IMPORTED)).toList();
    assertThat(summary).hasSize(1);
    JsonNode s = summary.get(0).payload();
    assertThat(s.path("imported").asInt()).isEqualTo(imported);
    assertThat(s.path("failed").asInt()).isEqualTo(failed);
    assertThat(s.path("format").asText()).isEqualTo("mal-xml");
    assertThat(events.get(events.size() - 1).type()).isEqualTo(ProgressEvents.ENTRIES_IMPORTED);
    long outbox = Fixtures.outboxRows(user);

    // the same file again changes nothing: no write, no event
    long versions =
        Fixtures.count("SELECT sum(version) FROM library_entry WHERE user_id = ?", user);
    long history = Fixtures.historyRows(user);
    JsonPath again = finished(user, upload(user, "format=mal-xml", MAL));
    assertThat(again.getInt("counts.imported")).isZero();
    assertThat(again.getInt("counts.updated")).isZero();
    assertThat(again.getInt("counts.unchanged")).isEqualTo(imported);
    assertThat(Fixtures.count("SELECT sum(version) FROM library_entry WHERE user_id = ?", user))
        .isEqualTo(versions);
    assertThat(Fixtures.historyRows(user)).isEqualTo(history);
    assertThat(Fixtures.outboxRows(user)).isEqualTo(outbox);

    // the user's jobs, newest first
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .get(API + "/imports")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(2))
        .body("items[0].id", equalTo(again.getString("id")))
        .body("items[1].id", equalTo(jobId));
  }

  @Test
  void gzippedMalExportImportsLikeThePlainOne() throws IOException {
    String xml;
    try (var in = new GZIPInputStream(Files.newInputStream(MAL_GZ))) {
      xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String> rows = malRows(xml);
    long known = rows.keySet().stream().filter(DatasetCatalog.ANIME_EPISODES::containsKey).count();
    JsonPath job = finished(user, upload(user, "format=mal-xml", MAL_GZ));
    assertThat(job.getString("state")).isEqualTo("DONE");
    assertThat(job.getInt("counts.total")).isEqualTo(rows.size());
    assertThat(job.getInt("counts.imported")).isBetween((int) known - 3, (int) known);
    assertThat(Fixtures.entries(user)).isEqualTo(job.getInt("counts.imported"));
  }

  @Test
  void dryRunReportsWhatWouldChangeAndWritesNothing() {
    JsonPath job = finished(user, upload(user, "format=mal-xml&dryRun=true", MAL));
    assertThat(job.getString("state")).isEqualTo("DONE");
    assertThat(job.getBoolean("dryRun")).isTrue();
    assertThat(job.getInt("counts.imported")).isPositive();
    assertThat(Fixtures.entries(user)).isZero();
    assertThat(Fixtures.outboxRows(user)).isZero();
    // and the real import then does exactly what the dry run said
    JsonPath real = finished(user, upload(user, "format=mal-xml", MAL));
    assertThat(real.getMap("counts")).isEqualTo(job.getMap("counts"));
  }

  @Test
  void mergeKeepsAnEntryChangedInKirokuAndOverwriteReplacesIt() throws IOException {
    // an anime of the export that the catalog knows, with its score
    Matcher m =
        Pattern.compile(
                "<series_animedb_id>(\\d+)</series_animedb_id>.*?<my_score>(\\d+)</my_score>",
                Pattern.DOTALL)
            .matcher(Files.readString(MAL));
    String mal = null;
    int score = 0;
    while (m.find()) {
      if (DatasetCatalog.ANIME_EPISODES.containsKey(m.group(1)) && !m.group(2).equals("0")) {
        mal = m.group(1);
        score = Integer.parseInt(m.group(2));
        break;
      }
    }
    assertThat(mal).isNotNull();
    finished(user, upload(user, "format=mal-xml", MAL)).getString("state");
    UUID media = DatasetCatalog.animeId(mal);
    // the user changes the entry in Kiroku after the import
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .contentType(ContentType.JSON)
        .body(
            "{\"rating\": {\"value\": "
                + (score == 9 ? 8 : 9)
                + ", \"scale\": \"POINT_10\"}, \"notes\": \"rewatch!\"}")
        .patch(API + "/entries/" + media)
        .then()
        .statusCode(200);

    JsonPath merge = finished(user, upload(user, "format=mal-xml", MAL));
    assertThat(merge.getInt("counts.skipped")).isEqualTo(1);
    List<Map<String, Object>> kept =
        merge.<Map<String, Object>>getList("rows").stream()
            .filter(r -> "KEPT_NEWER_CHANGE".equals(r.get("code")))
            .toList();
    assertThat(kept).hasSize(1);
    assertThat(kept.get(0).get("mediaId")).isEqualTo(media.toString());
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .get(API + "/entries/" + media)
        .then()
        .body("rating.value", equalTo(score == 9 ? 8 : 9))
        .body("notes", equalTo("rewatch!"));

    JsonPath overwrite = finished(user, upload(user, "format=mal-xml&mode=overwrite", MAL));
    assertThat(overwrite.getInt("counts.updated")).isEqualTo(1);
    assertThat(overwrite.getInt("counts.skipped")).isZero();
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .get(API + "/entries/" + media)
        .then()
        .body("rating.value", equalTo(score))
        // the file has no notes: what it does not carry is kept
        .body("notes", equalTo("rewatch!"));
  }

  // --- other formats -----------------------------------------------------------------------------

  @Test
  void goodreadsLibraryResolvesByGoodreadsIdOrIsbn() {
    JsonPath job =
        finished(
            user,
            upload(
                user,
                "format=goodreads-csv",
                DatasetCatalog.IMPORTS.resolve(
                    "goodreads/aaronj1335_goodreads_library_export_2026.csv")));
    assertThat(job.getString("state")).isEqualTo("DONE");
    int total = job.getInt("counts.total");
    assertThat(total).isGreaterThan(10);
    assertThat(
            job.getInt("counts.imported")
                + job.getInt("counts.failed")
                + job.getInt("counts.skipped"))
        .isEqualTo(total);
    assertThat(job.getInt("counts.imported")).isEqualTo(Fixtures.entries(user));
  }

  @Test
  void aniListAndTraktExportsImportWhatTheCatalogKnows() {
    JsonPath anilist =
        finished(
            user,
            upload(
                user,
                "format=anilist-json&scoreFormat=POINT_10",
                DatasetCatalog.IMPORTS.resolve("anilist/toyhammered_full_list.json")));
    assertThat(anilist.getString("state")).isEqualTo("DONE");
    assertThat(anilist.getInt("counts.imported")).isPositive();
    JsonPath trakt =
        finished(
            user,
            upload(
                user,
                "format=trakt-json",
                DatasetCatalog.IMPORTS.resolve("trakt/yamtrack_trakt_sync_watched.json")));
    assertThat(trakt.getString("state")).isEqualTo("DONE");
    assertThat(trakt.getInt("counts.total")).isPositive();
    assertThat(anilist.getInt("counts.imported") + trakt.getInt("counts.imported"))
        .isEqualTo(Fixtures.entries(user));
  }

  @Test
  void theProjectionKeepsEachSnapshotsExternalIdsAndDropsStaleOnes() {
    UUID id = UUID.randomUUID();
    String mal = "9" + (System.nanoTime() % 10_000_000);
    var first =
        Fixtures.snapshot(
            id,
            dev.kiroku.contracts.catalog.MediaType.ANIME,
            "Test",
            null,
            List.of(),
            new dev.kiroku.contracts.catalog.MediaSnapshot.Counts(
                12, null, null, null, null, null, null),
            List.of());
    var withIds = withIds(first, Map.of("mal", mal, "anilist", "a" + mal), "2026-11-21T00:00:00Z");
    projection.store(pool, withIds).await().indefinitely();
    assertThat(
            Fixtures.count(
                "SELECT count(*) FROM media_projection_external_id WHERE media_id = ?", id))
        .isEqualTo(2);
    var newer = withIds(first, Map.of("mal", mal), "2026-11-22T00:00:00Z");
    projection.store(pool, newer).await().indefinitely();
    assertThat(
            Fixtures.count(
                "SELECT count(*) FROM media_projection_external_id WHERE media_id = ?", id))
        .isEqualTo(1);
    assertThat(
            Fixtures.count(
                "SELECT count(*) FROM media_projection_external_id WHERE source = 'mal'"
                    + " AND external_id = ? AND media_id = ?",
                mal,
                id))
        .isEqualTo(1);
  }

  private static dev.kiroku.contracts.catalog.MediaSnapshot withIds(
      dev.kiroku.contracts.catalog.MediaSnapshot s, Map<String, String> ids, String refreshed) {
    return new dev.kiroku.contracts.catalog.MediaSnapshot(
        s.id(),
        s.type(),
        s.slug(),
        s.titles(),
        s.synopsis(),
        s.images(),
        s.startDate(),
        s.endDate(),
        s.status(),
        s.format(),
        s.genres(),
        s.themes(),
        s.studios(),
        s.companies(),
        s.authors(),
        s.platforms(),
        s.counts(),
        s.popularity(),
        s.averageScore(),
        ids,
        s.sourceProvider(),
        java.time.Instant.parse(refreshed),
        s.seasons());
  }

  // --- Kiroku's own export
  // ------------------------------------------------------------------------

  private io.restassured.specification.RequestSpecification as(String userId) {
    return given().auth().oauth2(TestTokens.user(userId)).contentType(ContentType.JSON);
  }

  @Test
  void exportImportIntoAFreshUserAndExportAgainGivesTheSameDocument() throws IOException {
    UUID bebop = DatasetCatalog.animeId("1");
    UUID hungerGames = DatasetCatalog.bookId("2767052");
    UUID toyStory = DatasetCatalog.movieId("1");
    as(user).body("{\"ratingScale\": \"POINT_100\"}").put(API + "/settings").then().statusCode(200);
    as(user)
        .body(
            "{\"status\": \"COMPLETED\", \"rating\": {\"value\": 90, \"scale\": \"POINT_100\"},"
                + " \"startedAt\": \"2024-01-02\", \"completedAt\": \"2024-02-03\"}")
        .put(API + "/entries/" + bebop)
        .then()
        .statusCode(201);
    // a rewatch of the first three episodes
    as(user)
        .body("{\"status\": \"WATCHING\"}")
        .patch(API + "/entries/" + bebop)
        .then()
        .statusCode(200);
    as(user)
        .body("{\"from\": 1, \"to\": 3}")
        .post(API + "/entries/" + bebop + "/episodes")
        .then()
        .statusCode(200);
    as(user)
        .body(
            "{\"status\": \"READING\", \"progress\": {\"page\": 120, \"percent\": 30.5},"
                + " \"review\": {\"text\": \"May the odds, \\\"ever\\\"\\nbe\", \"spoiler\": true,"
                + " \"visibility\": \"FOLLOWERS\"}, \"notes\": \"book club\", \"private\": true}")
        .put(API + "/entries/" + hungerGames)
        .then()
        .statusCode(201);
    as(user)
        .body("{\"status\": \"PLANNING\"}")
        .put(API + "/entries/" + toyStory)
        .then()
        .statusCode(201);

    String exported =
        as(user).get(API + "/export?format=json").then().statusCode(200).extract().asString();
    JsonNode first = Fixtures.JSON.readTree(exported);
    assertThat(first.path("entries")).hasSize(3);

    String fresh = "fresh-" + UUID.randomUUID();
    Path file = Files.createTempFile("kiroku-export", ".json");
    Files.writeString(file, exported);
    JsonPath job = finished(fresh, upload(fresh, "format=kiroku-json", file));
    assertThat(job.getString("state")).isEqualTo("DONE");
    assertThat(job.getInt("counts.imported")).isEqualTo(3);
    assertThat(job.getInt("counts.failed")).isZero();
    Files.delete(file);

    JsonNode again =
        Fixtures.JSON.readTree(
            as(fresh).get(API + "/export?format=json").then().statusCode(200).extract().asString());
    ((com.fasterxml.jackson.databind.node.ObjectNode) first).remove("exportedAt");
    ((com.fasterxml.jackson.databind.node.ObjectNode) again).remove("exportedAt");
    assertThat(again).isEqualTo(first);
    // and importing it again into the same user changes nothing
    Path same = Files.createTempFile("kiroku-export", ".json");
    Files.writeString(same, exported);
    JsonPath twice = finished(fresh, upload(fresh, "format=kiroku-json", same));
    assertThat(twice.getInt("counts.unchanged")).as(twice.prettify()).isEqualTo(3);
    Files.delete(same);
  }

  // --- hostile and bad input ---------------------------------------------------------------------

  @Test
  void anXmlBombFailsTheJobAndWritesNothing() throws IOException {
    Path bomb = Files.createTempFile("bomb", ".xml");
    Files.writeString(
        bomb,
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2"
            + " \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
            + "<myanimelist><anime><series_animedb_id>1</series_animedb_id>"
            + "<my_status>&lol2;</my_status></anime></myanimelist>");
    JsonPath job = finished(user, upload(user, "format=mal-xml", bomb));
    assertThat(job.getString("state")).isEqualTo("FAILED");
    assertThat(job.getString("failure.code")).isEqualTo("DTD_NOT_ALLOWED");
    assertThat(Fixtures.entries(user)).isZero();
    Files.delete(bomb);
  }

  @Test
  void aFileOverTheSizeLimitAndACsvWithAHugeLineFailTheJobWithAReason() throws IOException {
    Path big = Files.createTempFile("big", ".xml");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(200L * 1000 * 1000); // a sparse 200 MB file (the limit is 64 MiB)
    }
    JsonPath job = finished(user, upload(user, "format=mal-xml", big));
    assertThat(job.getString("state")).isEqualTo("FAILED");
    assertThat(job.getString("failure.code")).isEqualTo("FILE_TOO_LARGE");
    assertThat(job.getLong("fileBytes")).isEqualTo(200_000_000L);
    Files.delete(big);

    Path csv = Files.createTempFile("line", ".csv");
    try (var out = Files.newBufferedWriter(csv)) {
      // one 10 MB line: a quoted title of 10 million characters
      out.write("Book Id,Title,Exclusive Shelf\n1,\"");
      String chunk = "abcdefghij".repeat(100_000);
      for (int i = 0; i < 10; i++) {
        out.write(chunk);
      }
      out.write("\",read\n");
    }
    JsonPath line = finished(user, upload(user, "format=goodreads-csv", csv));
    assertThat(line.getString("state")).isEqualTo("FAILED");
    // the 100,000-character value limit fires before the 1 MiB line limit
    assertThat(line.getString("failure.code")).isIn("FIELD_TOO_LONG", "LINE_TOO_LONG");
    assertThat(line.getString("failure.detail")).isNotBlank();
    assertThat(Fixtures.entries(user)).isZero();
    Files.delete(csv);

    // the service still answers
    given().auth().oauth2(TestTokens.user(user)).get(API + "/imports").then().statusCode(200);
  }

  @Test
  void badParametersAnswer400NamingTheField() {
    for (String[] c :
        new String[][] {
          {"", "format"},
          {"format=letterboxd", "format"},
          {"format=mal-xml&mode=replace", "mode"},
          {"format=mal-xml&dryRun=maybe", "dryRun"},
          {"format=anilist-json&scoreFormat=POINT_7", "scoreFormat"}
        }) {
      upload(user, c[0], MAL)
          .then()
          .statusCode(400)
          .contentType(startsWith("application/problem+json"))
          .body("violations[0].field", equalTo(c[1]));
    }
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .multiPart("other", "x")
        .post(API + "/imports?format=mal-xml")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("file"));
    // someone else's job is not found; no token is 401
    String id =
        upload(user, "format=mal-xml&dryRun=true", MAL).then().statusCode(202).extract().path("id");
    given()
        .auth()
        .oauth2(TestTokens.user("someone-else"))
        .get(API + "/imports/" + id)
        .then()
        .statusCode(404)
        .body("code", equalTo("IMPORT_NOT_FOUND"));
    given().get(API + "/imports/" + id).then().statusCode(401);
    given().auth().oauth2(TestTokens.user(user)).get(API + "/imports/nope").then().statusCode(400);
    sleep(Duration.ofMillis(200).toMillis());
  }

  /** Multipart bodies the parser cannot read are the client's mistake: 400 naming {@code file}. */
  @Test
  void aMalformedMultipartBodyIs400NamingTheFile() {
    String part =
        "Content-Disposition: form-data; name=\"file\"; filename=\"list.xml\"\r\n"
            + "Content-Type: application/xml\r\n\r\n<myanimelist></myanimelist>\r\n";
    Map<String, String> bodies =
        Map.of(
            "a boundary other than the header's",
            "--OTHER\r\n" + part + "--OTHER--\r\n",
            "cut off before its closing boundary",
            "--KIROKU\r\n" + part,
            "empty",
            "");
    bodies.forEach(
        (what, body) ->
            given()
                .auth()
                .oauth2(TestTokens.user(user))
                .contentType("multipart/form-data; boundary=KIROKU")
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post(API + "/imports?format=mal-xml")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations[0].field", equalTo("file"))
                .body("detail", org.hamcrest.Matchers.not(containsString("Exception"))));
    // nothing was queued for this user
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .get(API + "/imports")
        .then()
        .statusCode(200)
        .body("items", org.hamcrest.Matchers.empty());
  }

  /** A report repeats at most 300 characters of a row's title, whatever the file holds. */
  @Test
  void aReportCutsWhatItRepeatsOfAHugeTitle() throws IOException {
    String title = "T".repeat(100_000);
    Path file = Files.createTempFile("kiroku-huge-title", ".xml");
    Files.writeString(
        file,
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?><myanimelist><anime>"
            + "<series_animedb_id>999999998</series_animedb_id>"
            + "<series_title><![CDATA["
            + title
            + "]]></series_title><my_watched_episodes>1</my_watched_episodes>"
            + "<my_status>Watching</my_status></anime></myanimelist>");
    try {
      JsonPath job = finished(user, upload(user, "format=mal-xml", file));
      assertThat(job.getString("state")).isEqualTo("DONE");
      String reported = job.getString("rows[0].title");
      assertThat(reported).hasSize(300).endsWith("…").startsWith("TTTT");
      assertThat(job.getString("rows[0].detail").length()).isLessThanOrEqualTo(1_000);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
