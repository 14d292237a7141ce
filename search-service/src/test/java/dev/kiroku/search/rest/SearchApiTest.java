package dev.kiroku.search.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.kiroku.contracts.Topic;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.search.CatalogEventProducer;
import dev.kiroku.search.SearchTestResources;
import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.TestTokenIssuer;
import dev.kiroku.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The full path: events produced to the embedded Kafka → indexed by the running service →
 * searchable over HTTP with test tokens. Each test uses its own unique words so tests don't see
 * each other's items.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(SearchTestResources.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchApiTest {

  CatalogEventProducer events;
  final String user = TestTokens.user("alice");

  @BeforeAll
  void producer() {
    events =
        new CatalogEventProducer(
            KafkaTestBroker.bootstrapServers(), Topic.CATALOG_MEDIA.topicName());
  }

  @AfterAll
  void close() {
    events.close();
  }

  static String word() {
    // letters only, so the analyzer keeps it as one token; unique per call
    StringBuilder word = new StringBuilder("zq");
    java.util.concurrent.ThreadLocalRandom random =
        java.util.concurrent.ThreadLocalRandom.current();
    for (int i = 0; i < 8; i++) {
      word.append((char) ('a' + random.nextInt(26)));
    }
    return word.toString();
  }

  ValidatableResponse search(Map<String, ?> params) {
    return given().auth().oauth2(user).queryParams(params).when().get("/api/v1/search").then();
  }

  /** Polls the search until {@code ready} holds (indexing is asynchronous, NRT). */
  Map<String, Object> awaitSearch(Map<String, ?> params, Predicate<Map<String, Object>> ready) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    Map<String, Object> body;
    do {
      body = search(params).statusCode(200).extract().jsonPath().getMap("");
      if (ready.test(body)) {
        return body;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    } while (Instant.now().isBefore(deadline));
    throw new AssertionError("search never satisfied the condition; last answer " + body);
  }

  static int total(Map<String, Object> body) {
    return ((Number) body.get("total")).intValue();
  }

  @Test
  void producedMediaBecomesSearchableWithTyposPrefixesFoldingAndFacets() throws Exception {
    String w = word();
    UUID popular = UUID.randomUUID();
    UUID obscure = UUID.randomUUID();
    UUID book = UUID.randomUUID();
    events.upsert(
        CatalogEventProducer.media(
            popular,
            MediaType.ANIME,
            "Pokémon " + w,
            "ポケモン" + w,
            1997,
            "TV",
            List.of("Adventure", "Comedy"),
            95));
    events.upsert(
        CatalogEventProducer.media(
            obscure,
            MediaType.ANIME,
            "Pokémon " + w + " Special",
            null,
            2001,
            "SPECIAL",
            List.of("Adventure"),
            10));
    events.upsert(
        CatalogEventProducer.media(
            book, MediaType.BOOK, "The " + w + " Guide", null, 2001, null, List.of("Guide"), 50));

    Map<String, Object> body = awaitSearch(Map.of("q", w), b -> total(b) == 3);
    List<Map<String, Object>> items = (List<Map<String, Object>>) body.get("items");
    assertThat(items.get(0).get("id")).isEqualTo(popular.toString());
    assertThat(items.get(0))
        .containsEntry("type", "ANIME")
        .containsEntry("year", 1997)
        .containsEntry("popularity", 95)
        .containsEntry("score", 80)
        .containsKey("title");
    Map<String, Map<String, Integer>> facets =
        (Map<String, Map<String, Integer>>) body.get("facets");
    assertThat(facets.get("type")).containsEntry("ANIME", 2).containsEntry("BOOK", 1);
    assertThat(facets.get("genre")).containsEntry("Adventure", 2);
    assertThat(facets.get("year")).containsEntry("2001", 2).containsEntry("1997", 1);
    assertThat(facets.get("format")).containsEntry("TV", 1).containsEntry("SPECIAL", 1);
    assertThat(facets.get("status")).containsEntry("FINISHED", 3);

    // case and diacritics folding, prefix as you type, a typo, native script
    search(Map.of("q", "POKEMON " + w.toUpperCase()))
        .statusCode(200)
        .body("items[0].id", equalTo(popular.toString()));
    search(Map.of("q", "pokemon " + w.substring(0, 5)))
        .statusCode(200)
        .body("items.id", hasItem(popular.toString()));
    String typo = w.substring(0, 4) + "x" + w.substring(5); // one substitution in 10 letters
    search(Map.of("q", typo)).statusCode(200).body("items.id", hasItem(popular.toString()));
    search(Map.of("q", "ポケモン" + w))
        .statusCode(200)
        .body("items[0].id", equalTo(popular.toString()));

    // filters combine with the query
    search(Map.of("q", w, "type", "book"))
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items[0].id", equalTo(book.toString()));
    search(Map.of("q", w, "year", "2001", "genre", "adventure"))
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items[0].id", equalTo(obscure.toString()));
    search(Map.of("q", w, "format", "TV,SPECIAL", "sort", "popularity"))
        .statusCode(200)
        .body("total", equalTo(2))
        .body("items[1].id", equalTo(obscure.toString()));
    // unknown facet values: an empty result, not an error
    search(Map.of("q", w, "genre", "No Such Genre")).statusCode(200).body("total", equalTo(0));
    // page beyond the results: empty items, same total
    search(Map.of("q", w, "page", "3", "size", "2"))
        .statusCode(200)
        .body("total", equalTo(3))
        .body("items.size()", equalTo(0));

    // suggest completes a prefix, the popular item first
    given()
        .auth()
        .oauth2(user)
        .queryParam("q", "pokem")
        .queryParam("limit", 10)
        .when()
        .get("/api/v1/search/suggest")
        .then()
        .statusCode(200)
        .body("suggestions.id", hasItem(popular.toString()));
    given()
        .auth()
        .oauth2(user)
        .queryParam("q", w.substring(0, 6))
        .when()
        .get("/api/v1/search/suggest")
        .then()
        .statusCode(200)
        .body("suggestions[0].id", equalTo(popular.toString()));
  }

  @Test
  void mediaRemovedAndTombstonesRemoveAndBadRecordsAreSkipped() throws Exception {
    String w = word();
    UUID keep = UUID.randomUUID();
    UUID gone = UUID.randomUUID();
    events.garbage(UUID.randomUUID());
    events.upsert(
        CatalogEventProducer.media(
            keep, MediaType.MOVIE, "Keep " + w, null, 2010, "MOVIE", List.of("Drama"), 40));
    events.upsert(
        CatalogEventProducer.media(
            gone, MediaType.MOVIE, "Gone " + w, null, 2011, "MOVIE", List.of("Drama"), 60));
    awaitSearch(Map.of("q", w), b -> total(b) == 2);

    events.remove(gone, MediaType.MOVIE);
    Map<String, Object> body = awaitSearch(Map.of("q", w), b -> total(b) == 1);
    assertThat(((List<Map<String, Object>>) body.get("items")).get(0).get("id"))
        .isEqualTo(keep.toString());

    // an upsert replaces the document (no duplicate), title changes are searchable
    String renamed = word();
    events.upsert(
        CatalogEventProducer.media(
            keep, MediaType.MOVIE, "Keep " + renamed, null, 2010, "MOVIE", List.of("Drama"), 40));
    awaitSearch(Map.of("q", renamed), b -> total(b) == 1);
    search(Map.of("q", w)).statusCode(200).body("total", equalTo(0));
  }

  @Test
  void badInputIsA4xxProblemOrAnEmptyResultNeverA500() {
    assertBadParameter(Map.of(), "q", "SEARCH_QUERY_REQUIRED");
    assertBadParameter(Map.of("q", "   "), "q", "SEARCH_QUERY_REQUIRED");
    assertBadParameter(Map.of("q", "x".repeat(1000)), "q", "INVALID_SEARCH_PARAMETER");
    assertBadParameter(
        Map.of("q", "naruto", "type", "CARTOON"), "type", "INVALID_SEARCH_PARAMETER");
    assertBadParameter(
        Map.of("q", "naruto", "status", "ONGOING"), "status", "INVALID_SEARCH_PARAMETER");
    assertBadParameter(Map.of("q", "naruto", "year", "199x"), "year", "INVALID_SEARCH_PARAMETER");
    assertBadParameter(Map.of("q", "naruto", "sort", "random"), "sort", "INVALID_SEARCH_PARAMETER");
    assertBadParameter(Map.of("q", "naruto", "page", "0"), "page", "INVALID_SEARCH_PARAMETER");
    assertBadParameter(Map.of("q", "naruto", "page", "100000"), "page", "INVALID_SEARCH_PARAMETER");
    assertBadParameter(Map.of("q", "naruto", "size", "500"), "size", "INVALID_SEARCH_PARAMETER");
    assertBadParameter(Map.of("q", "naruto", "page", "two"), "page", "INVALID_SEARCH_PARAMETER");
    assertBadParameter(Map.of("q", "naruto", "size", "x"), "size", "INVALID_SEARCH_PARAMETER");

    // Lucene syntax is searched as text, never parsed
    for (String q :
        List.of(
            "title:naruto",
            "\"unclosed",
            "a AND OR NOT",
            "*",
            "?",
            "foo~2",
            "[a TO z]",
            "(",
            "\\",
            "+-&&||!(){}[]^\"~*?:\\/",
            "ｆｕｌｌ　ｗｉｄｔｈ")) {
      search(Map.of("q", q))
          .statusCode(200)
          .body("total", org.hamcrest.Matchers.greaterThanOrEqualTo(0));
    }
    given()
        .auth()
        .oauth2(user)
        .queryParam("q", "")
        .when()
        .get("/api/v1/search/suggest")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations[0].field", equalTo("q"));
    given()
        .auth()
        .oauth2(user)
        .queryParam("q", "*:*~")
        .when()
        .get("/api/v1/search/suggest")
        .then()
        .statusCode(200);
  }

  @Test
  void suggestLimitMustBe1To10() {
    for (String limit : List.of("0", "11", "ten")) {
      given()
          .auth()
          .oauth2(user)
          .queryParam("q", "na")
          .queryParam("limit", limit)
          .when()
          .get("/api/v1/search/suggest")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("violations.field", hasItem("limit"));
    }
  }

  void assertBadParameter(Map<String, ?> params, String field, String code) {
    search(params)
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", equalTo(code))
        .body("violations.field", hasItem(field))
        .body(org.hamcrest.Matchers.not(containsString("Exception")));
  }

  @Test
  void rebuildSwapsInANewIndexBuiltFromTheTopicWhileSearchKeepsAnswering() throws Exception {
    String w = word();
    UUID id = UUID.randomUUID();
    events.upsert(
        CatalogEventProducer.media(
            id, MediaType.GAME, "Rebuilt " + w, null, 2020, null, List.of(), 30));
    awaitSearch(Map.of("q", w), b -> total(b) == 1);

    given()
        .auth()
        .oauth2(user)
        .when()
        .post("/api/v1/search/admin/rebuild")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    String admin = TestTokens.withRoles("root", "user", "admin");
    given()
        .auth()
        .oauth2(admin)
        .when()
        .post("/api/v1/search/admin/rebuild")
        .then()
        .statusCode(202)
        .body("state", equalTo("RUNNING"));
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    String state;
    do {
      // search keeps answering during the rebuild
      search(Map.of("q", w)).statusCode(200).body("total", equalTo(1));
      state =
          given()
              .auth()
              .oauth2(admin)
              .when()
              .get("/api/v1/search/admin/rebuild")
              .then()
              .statusCode(200)
              .extract()
              .path("state");
    } while (!"DONE".equals(state) && !"FAILED".equals(state) && Instant.now().isBefore(deadline));
    assertThat(state).isEqualTo("DONE");
    given()
        .auth()
        .oauth2(admin)
        .when()
        .get("/api/v1/search/admin/rebuild")
        .then()
        .body("documents", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    search(Map.of("q", w))
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items[0].id", equalTo(id.toString()));
    // and the new index keeps consuming
    String later = word();
    events.upsert(
        CatalogEventProducer.media(
            UUID.randomUUID(), MediaType.GAME, "After " + later, null, 2021, null, List.of(), 30));
    awaitSearch(Map.of("q", later), b -> total(b) == 1);
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name.contains('replay') }.status", equalTo("UP"));
  }
}
