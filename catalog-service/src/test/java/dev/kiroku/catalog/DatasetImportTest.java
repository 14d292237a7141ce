package dev.kiroku.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Dataset imports through {@code POST /admin/imports} on the real dataset files in {@code
 * ../../shared/datasets} (read by path), against real PostgreSQL and Kafka.
 */
@QuarkusTest
class DatasetImportTest {

  static final String API = "/api/v1/catalog";
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path DATASETS = CatalogTestProviders.shared().resolve("datasets");
  static final Path ANIME_CSV = DATASETS.resolve("anime-recommendations-database/anime.csv");
  static final Path MOVIES_CSV = DATASETS.resolve("movielens-ml-latest-small/movies.csv");
  static final Path LINKS_CSV = DATASETS.resolve("movielens-ml-latest-small/links.csv");
  static final Path BOOKS_CSV = DATASETS.resolve("goodbooks-10k/books.csv");

  static RequestSpecification admin() {
    return given().auth().oauth2(TestTokens.withRoles("root", "user", "admin"));
  }

  static RequestSpecification user() {
    return given().auth().oauth2(TestTokens.user("alice"));
  }

  static JsonNode importFile(String format, String part, File file) throws Exception {
    String body =
        admin()
            .multiPart(part, file, "text/csv")
            .post(API + "/admin/imports?format=" + format)
            .then()
            .statusCode(200)
            .contentType("application/json")
            .extract()
            .asString();
    return JSON.readTree(body);
  }

  @Test
  void fullAnimeCsvImportsEveryRowAndAReImportChangesNothing() throws Exception {
    JsonNode first = importFile("anime-csv", "file", ANIME_CSV.toFile());
    assertThat(first.path("format").asText()).isEqualTo("anime-csv");
    assertThat(first.path("rows").asInt()).isEqualTo(12_294);
    assertThat(first.path("rejected").asInt()).isZero();
    assertThat(
            first.path("inserted").asInt()
                + first.path("updated").asInt()
                + first.path("unchanged").asInt())
        .isEqualTo(12_294);
    // Other tests of this run may have stored a handful of these anime already (from Jikan).
    assertThat(first.path("inserted").asInt()).isGreaterThan(12_280);
    assertThat(
            count(
                "SELECT count(*) FROM media_external_id WHERE source = 'mal' AND media_type = 'ANIME'"))
        .isGreaterThanOrEqualTo(12_294);

    long events = count("SELECT count(*) FROM outbox_event");
    JsonNode again = importFile("anime-csv", "file", ANIME_CSV.toFile());
    assertThat(again.path("inserted").asInt()).isZero();
    assertThat(again.path("updated").asInt()).isZero();
    assertThat(again.path("unchanged").asInt()).isEqualTo(12_294);
    assertThat(count("SELECT count(*) FROM outbox_event"))
        .as("an unchanged re-import publishes nothing")
        .isEqualTo(events);
    assertThat(count("SELECT count(*) FROM media WHERE type = 'ANIME'"))
        .isEqualTo(
            count(
                "SELECT count(DISTINCT media_id) FROM media_external_id WHERE media_type = 'ANIME'"));

    // The mapping of real rows: HTML entities decoded, scores ×10, "Unknown" episodes null.
    user()
        .get(API + "/media/by-external/mal/9969")
        .then()
        .statusCode(200)
        .body("titles.canonical", equalTo("Gintama'"))
        .body("slug", startsWith("gintama"))
        .body("averageScore", equalTo(92))
        .body("counts.episodes", equalTo(51))
        .body("format", equalTo("TV"))
        .body("sourceProvider", equalTo("dataset:anime-csv"));
    user()
        .get(API + "/media/by-external/mal/21")
        .then()
        .statusCode(200)
        .body("titles.canonical", equalTo("One Piece"))
        .body("counts.episodes", nullValue());
    String kimiNoNaWa =
        user()
            .get(API + "/media/by-external/mal/32281")
            .then()
            .statusCode(200)
            .body("format", equalTo("MOVIE"))
            .body("averageScore", equalTo(94))
            .body("genres", hasItems("Drama", "Romance", "School", "Supernatural"))
            .extract()
            .asString();
    JsonNode served = JSON.readTree(kimiNoNaWa);
    try (MediaTopic topic = new MediaTopic()) {
      String id = served.path("id").asText();
      List<MediaTopic.Event> events32281 =
          topic.await(e -> e.key().equals(id), 1, Duration.ofSeconds(60));
      assertThat(events32281).hasSize(1);
      assertThat(JSON.readTree(events32281.get(0).value())).isEqualTo(served);
    }
  }

  @Test
  void brokenRowsAreReportedWithLineNumbersAndGoodRowsImported() throws Exception {
    List<String> lines = Files.readAllLines(ANIME_CSV, StandardCharsets.UTF_8);
    String header = lines.get(0);
    String kimi = row(lines, "32281,");
    String fmab = row(lines, "5114,");
    String gintama = row(lines, "9969,");
    String csv =
        String.join(
                "\r\n",
                header, // line 1
                kimi, // line 2: good
                "abc" + kimi.substring(kimi.indexOf(',')), // line 3: bad id
                fmab.replace(",9.26,", ",ten,"), // line 4: bad rating
                "32281,Kimi no Na wa.", // line 5: too few columns
                gintama.replace(",TV,51,", ",TV,-3,"), // line 6: negative episodes
                gintama, // line 7: good
                "7,\"Unclosed quote, TV,1,1.0,1") // line 8: unreadable to the end
            + "\r\n";
    Path file = Files.createTempFile("anime-broken", ".csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    JsonNode report = importFile("anime-csv", "file", file.toFile());
    Files.delete(file);
    assertThat(report.path("rejected").asInt()).isEqualTo(5);
    assertThat(
            report.path("inserted").asInt()
                + report.path("updated").asInt()
                + report.path("unchanged").asInt())
        .isEqualTo(2);
    List<Long> rejectedLines =
        JSON.convertValue(
            report.path("rejections").findValues("line"),
            JSON.getTypeFactory().constructCollectionType(List.class, Long.class));
    assertThat(rejectedLines).containsExactly(3L, 4L, 5L, 6L, 8L);
    assertThat(report.path("rejections").get(0).path("reason").asText()).startsWith("anime_id:");
    assertThat(report.path("rejections").get(1).path("reason").asText()).startsWith("rating:");
    assertThat(report.path("rejections").get(2).path("reason").asText()).contains("columns");
    assertThat(report.path("rejections").get(3).path("reason").asText()).startsWith("episodes:");
    assertThat(report.path("rejections").get(4).path("reason").asText()).contains("unreadable CSV");
    user().get(API + "/media/by-external/mal/9969").then().statusCode(200);
  }

  @Test
  void movieLensImportsMoviesWithTheirTmdbAndImdbIds() throws Exception {
    String body =
        admin()
            .multiPart("movies", MOVIES_CSV.toFile(), "text/csv")
            .multiPart("links", LINKS_CSV.toFile(), "text/csv")
            .post(API + "/admin/imports?format=movielens")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    JsonNode report = JSON.readTree(body);
    assertThat(report.path("rows").asInt()).isEqualTo(9_742);
    assertThat(report.path("rejected").asInt()).isZero();
    assertThat(
            report.path("inserted").asInt()
                + report.path("updated").asInt()
                + report.path("unchanged").asInt())
        .isEqualTo(9_742);
    user()
        .get(API + "/media/by-external/tmdb/603")
        .then()
        .statusCode(200)
        .body("type", equalTo("MOVIE"))
        .body("titles.canonical", equalTo("The Matrix"))
        .body("startDate", equalTo("1999-01-01"))
        .body("externalIds.imdb", equalTo("tt0133093"))
        .body("genres", hasItems("Action", "Sci-Fi", "Thriller"));
    user()
        .get(API + "/media/by-external/imdb/tt0114709")
        .then()
        .statusCode(200)
        .body("titles.canonical", equalTo("Toy Story"))
        .body("externalIds.tmdb", equalTo("862"));
  }

  @Test
  void goodbooksImportsBooksWithGoodreadsIdsAndIsbns() throws Exception {
    JsonNode report = importFile("goodbooks-csv", "file", BOOKS_CSV.toFile());
    assertThat(report.path("rows").asInt()).isEqualTo(10_000);
    assertThat(report.path("rejected").asInt()).isZero();
    user()
        .get(API + "/media/by-external/goodreads/2767052")
        .then()
        .statusCode(200)
        .body("type", equalTo("BOOK"))
        .body("titles.canonical", equalTo("The Hunger Games"))
        .body("authors", hasItems("Suzanne Collins"))
        .body("averageScore", equalTo(87))
        .body("externalIds.isbn", equalTo("9780439023481"))
        .body("startDate", equalTo("2008-01-01"));
    // an ISBN-10 (with its hyphens) finds the book stored under its ISBN-13
    for (String isbn : List.of("9780439023481", "0-439-02348-3")) {
      user()
          .get(API + "/media/by-external/isbn/" + isbn)
          .then()
          .statusCode(200)
          .body("externalIds.goodreads", equalTo("2767052"));
    }
    user()
        .get(API + "/media/by-external/isbn/0439023484")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("externalId"));
  }

  @Test
  void badImportRequestsAre400Problems() throws Exception {
    admin()
        .multiPart("file", ANIME_CSV.toFile(), "text/csv")
        .post(API + "/admin/imports?format=xml")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations[0].field", equalTo("format"));
    admin()
        .multiPart("movies", MOVIES_CSV.toFile(), "text/csv")
        .post(API + "/admin/imports?format=movielens")
        .then()
        .statusCode(400)
        .body("code", equalTo("INVALID_IMPORT"))
        .body("violations[0].field", equalTo("links"));
    admin()
        .multiPart("file", MOVIES_CSV.toFile(), "text/csv")
        .post(API + "/admin/imports?format=anime-csv")
        .then()
        .statusCode(400)
        .body("code", equalTo("INVALID_IMPORT"))
        .body("detail", containsString("anime_id"));
    admin()
        .multiPart("file", "empty.csv", new byte[0], "text/csv")
        .post(API + "/admin/imports?format=goodbooks-csv")
        .then()
        .statusCode(400)
        .body("code", equalTo("INVALID_IMPORT"));
  }

  private static String row(List<String> lines, String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
  }

  static long count(String sql) throws SQLException {
    var config = ConfigProvider.getConfig();
    try (Connection c =
            DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
