package dev.kiroku.progress;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.progress.ProgressTestSetup.InjectCatalogStub;
import dev.kiroku.progress.client.CatalogMediaClient;
import dev.kiroku.progress.client.CatalogMediaClient.Lookup;
import dev.kiroku.testing.HttpContract;
import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.PostgresTestDatabase;
import dev.kiroku.testing.TestTokenIssuer;
import dev.kiroku.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * progress-service's side of the contract with catalog-service ({@code
 * contracts/progress-service-catalog-service.json} in libs/contracts; catalog-service's {@code
 * ProgressServiceContractTest} checks the same examples against the real catalog-service): WireMock
 * answers every call as the contract says, and progress-service reads each answer — through its
 * client, a PUT that misses the projection, and an import — always as itself (the token Keycloak's
 * client credentials grant gave it), never with the user's token.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(ProgressTestSetup.class)
class CatalogContractTest {

  private static final String API = "/api/v1/progress";
  private static final HttpContract CONTRACT =
      HttpContract.load("/contracts/progress-service-catalog-service.json");

  @InjectCatalogStub WireMockServer catalog;
  @Inject CatalogMediaClient client;
  @Inject CircuitBreakerMaintenance breakers;

  private final List<StubMapping> stubs = new ArrayList<>();
  private String user;

  @BeforeEach
  void serveTheContract() {
    // earlier test classes met a catalog-service that is down: the guards' breakers may be open
    breakers.resetAll();
    catalog.resetRequests();
    user = UUID.randomUUID().toString();
    for (HttpContract.Interaction i : CONTRACT.interactions()) {
      MappingBuilder request = get(urlPathEqualTo(i.request().path()));
      i.request().query().forEach((name, value) -> request.withQueryParam(name, equalTo(value)));
      stubs.add(
          catalog.stubFor(
              request
                  .withHeader("Authorization", equalTo("Bearer " + ProgressTestSetup.SERVICE_TOKEN))
                  .willReturn(
                      aResponse()
                          .withStatus(i.response().status())
                          .withHeader(
                              "Content-Type",
                              i.response().status() == 200
                                  ? "application/json"
                                  : "application/problem+json")
                          .withBody(i.response().body().toString()))));
    }
  }

  @AfterEach
  void removeTheContract() {
    stubs.forEach(catalog::removeStubMapping);
    stubs.clear();
  }

  @Test
  void theClientReadsEveryAnswerOfTheContract() {
    UUID example = UUID.fromString(CONTRACT.exampleMediaId());
    var found = client.media(example).await().atMost(Duration.ofSeconds(10));
    assertThat(found).hasValueSatisfying(m -> assertThat(m.id()).isEqualTo(example));
    assertThat(found.get().titles().canonical()).isEqualTo("Cowboy Bebop");
    assertThat(found.get().counts().episodes()).isEqualTo(26);

    assertThat(
            client
                .media(UUID.fromString("0b1e0000-0000-4000-8000-0000000dead0"))
                .await()
                .indefinitely())
        .isEmpty();

    for (Lookup lookup :
        List.of(
            client.stored("mal", "1", MediaType.ANIME).await().atMost(Duration.ofSeconds(10)),
            client.fetched("mal", "1", MediaType.ANIME).await().atMost(Duration.ofSeconds(10)))) {
      assertThat(lookup).isInstanceOf(Lookup.Found.class);
      assertThat(((Lookup.Found) lookup).media().externalIds()).containsEntry("mal", "1");
    }
    assertThat(client.stored("mal", "999999999", MediaType.ANIME).await().indefinitely())
        .isEqualTo(new Lookup.NotFound(404));
    assertThat(client.fetched("mal", "999999999", MediaType.ANIME).await().indefinitely())
        .isEqualTo(new Lookup.NotFound(404));

    assertEveryCallWasMadeAsTheService(6);
  }

  @Test
  void aPutForAnIdTheProjectionLacksAsksCatalogServiceAsTheService() {
    String media = CONTRACT.exampleMediaId();
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .contentType(ContentType.JSON)
        .body("{\"status\": \"WATCHING\", \"progress\": {\"episode\": 3}}")
        .put(API + "/entries/" + media)
        .then()
        .statusCode(201)
        .body("title", org.hamcrest.Matchers.equalTo("Cowboy Bebop"))
        .body("mediaType", org.hamcrest.Matchers.equalTo("ANIME"));
    given()
        .auth()
        .oauth2(TestTokens.user(user))
        .contentType(ContentType.JSON)
        .body("{\"status\": \"WATCHING\"}")
        .put(API + "/entries/0b1e0000-0000-4000-8000-0000000dead0")
        .then()
        .statusCode(404)
        .body("code", org.hamcrest.Matchers.equalTo("MEDIA_NOT_FOUND"));
    assertEveryCallWasMadeAsTheService(2);
  }

  @Test
  void anImportAsksCatalogServiceAsTheServiceNotWithTheUploadersToken() throws Exception {
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?><myanimelist><anime>"
            + "<series_animedb_id>999999999</series_animedb_id>"
            + "<series_title><![CDATA[Nobody knows it]]></series_title>"
            + "<series_episodes>12</series_episodes><my_watched_episodes>1</my_watched_episodes>"
            + "<my_score>7</my_score><my_status>Watching</my_status>"
            + "<my_times_watched>0</my_times_watched></anime></myanimelist>";
    String uploader = TestTokens.user(user);
    String id =
        given()
            .auth()
            .oauth2(uploader)
            .multiPart("file", "list.xml", xml.getBytes(StandardCharsets.UTF_8), "application/xml")
            .post(API + "/imports?format=mal-xml")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    JsonPath job = null;
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      job =
          given()
              .auth()
              .oauth2(uploader)
              .get(API + "/imports/" + id)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      if (job.getString("state").equals("DONE")) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(job.getString("state")).isEqualTo("DONE");
    // catalog-service's 404 (stored ids, then the provider) is an answer: not CATALOG_UNAVAILABLE
    assertThat(job.getList("rows", Map.class))
        .singleElement()
        .satisfies(row -> assertThat(row.get("code")).isEqualTo("MEDIA_NOT_FOUND"));
    List<ServeEvent> calls = assertEveryCallWasMadeAsTheService(2);
    assertThat(calls)
        .extracting(e -> e.getRequest().getUrl())
        .allSatisfy(url -> assertThat(url).contains("/by-external/mal/999999999"))
        .anySatisfy(url -> assertThat(url).contains("fetch=false"))
        .anySatisfy(url -> assertThat(url).contains("fetch=true"));
    assertThat(calls)
        .extracting(e -> e.getRequest().getHeader("Authorization"))
        .doesNotContain("Bearer " + uploader);
  }

  /** Every call WireMock saw at catalog-service's paths carried the service's own token. */
  private List<ServeEvent> assertEveryCallWasMadeAsTheService(int expected) {
    List<ServeEvent> calls =
        catalog.getAllServeEvents().stream()
            .filter(e -> e.getRequest().getUrl().startsWith("/api/v1/catalog/"))
            .toList();
    assertThat(calls).hasSize(expected);
    assertThat(calls)
        .extracting(e -> e.getRequest().getHeader("Authorization"))
        .containsOnly("Bearer " + ProgressTestSetup.SERVICE_TOKEN);
    assertThat(calls).allSatisfy(e -> assertThat(e.getWasMatched()).isTrue());
    return calls;
  }
}
