package dev.kiroku.gateway.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.TestTokenIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /q/openapi} on a gateway whose five services are {@link FakeOpenApiServices}: the
 * merged document (renamed clashes, rewritten {@code $ref}s, the Keycloak scheme, missing services
 * named), its cache, Swagger UI's Keycloak sign-in, and every route of the services' real documents
 * (stored by their builds in {@code <service>-service/target/openapi/openapi.json}) exactly once.
 */
@QuarkusTest
@TestProfile(MergedOpenApiTest.FakeServices.class)
class MergedOpenApiTest {

  /** This gateway's settings: fetches give up after 500 ms, documents are kept 3 s. */
  public static class FakeServices implements QuarkusTestProfile {
    static final String REALM = "https://sso.kiroku.test/realms/kiroku";

    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "kiroku.gateway.openapi.fetch-timeout", "500ms",
          "kiroku.gateway.openapi.cache-ttl", "3s",
          "kiroku.gateway.openapi.realm-url", REALM);
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(
          new TestResourceEntry(TestTokenIssuer.class),
          new TestResourceEntry(KafkaTestBroker.class),
          new TestResourceEntry(FakeOpenApiServices.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
      return true;
    }
  }

  private static final String CATALOG =
      """
      {"openapi": "3.1.0", "info": {"title": "Kiroku catalog-service", "version": "1"},
       "servers": [{"url": "http://127.0.0.1:8081"}],
       "paths": {
         "/api/v1/catalog/media": {"get": {"responses": {"200": {"description": "a page",
           "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}}}}},
         "/api/v1/catalog/admin/imports": {"post": {"responses": {"202": {"description": "ok"}},
           "security": [{"SecurityScheme": ["admin"]}]}}},
       "components": {
         "schemas": {
           "Page": {"type": "object", "properties": {
             "items": {"type": "array", "items": {"$ref": "#/components/schemas/Media"}}}},
           "Media": {"type": "object", "properties": {"updated": {"$ref": "#/components/schemas/Instant"}}},
           "Instant": {"type": "string", "format": "date-time"}},
         "securitySchemes": {"SecurityScheme": {"type": "openIdConnect",
           "openIdConnectUrl": "http://127.0.0.1:8180/realms/kiroku/.well-known/openid-configuration"}}}}
      """;

  private static final String SOCIAL =
      """
      {"openapi": "3.1.0", "info": {"title": "Kiroku social-service", "version": "1"},
       "paths": {
         "/api/v1/social/lists": {"get": {"responses": {"200": {"description": "a page",
           "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}}},
           "security": [{"SecurityScheme": []}]}}},
       "components": {
         "schemas": {
           "Page": {"type": "object", "properties": {"cursor": {"type": "string"},
             "since": {"$ref": "#/components/schemas/Instant"}}},
           "Instant": {"type": "string", "format": "date-time"}},
         "securitySchemes": {"SecurityScheme": {"type": "openIdConnect",
           "openIdConnectUrl": "http://127.0.0.1:8180/realms/kiroku/.well-known/openid-configuration"}}}}
      """;

  private static final String PROGRESS =
      """
      {"openapi": "3.1.0", "info": {"title": "Kiroku progress-service", "version": "1"},
       "paths": {"/api/v1/progress/entries": {"get": {"responses": {"200": {"description": "ok"}}}}}}
      """;

  @Inject MergedOpenApi merged;

  @BeforeEach
  void reset() {
    FakeOpenApiServices.DOCUMENTS.clear();
    FakeOpenApiServices.REQUESTS.values().forEach(count -> count.set(0));
    merged.invalidate();
  }

  @Test
  void mergesTheDocumentsRenamingClashesAndNamingTheServicesThatDidNotAnswer() {
    FakeOpenApiServices.DOCUMENTS.put("catalog", CATALOG);
    FakeOpenApiServices.DOCUMENTS.put("social", SOCIAL);
    FakeOpenApiServices.DOCUMENTS.put("progress", PROGRESS);
    FakeOpenApiServices.DOCUMENTS.put("search", FakeOpenApiServices.SILENT);
    // feed: the connection is closed

    long start = System.nanoTime();
    JsonNode doc = fetchJson();
    assertThat((System.nanoTime() - start) / 1_000_000)
        .as("ms; a silent service is given up after the fetch timeout (500 ms)")
        .isLessThan(5_000);

    assertThat(doc.at("/info/title").asText()).isEqualTo("Kiroku API");
    assertThat(doc.at("/servers/0/url").asText()).isEqualTo("/");
    assertThat(doc.get(OpenApiMerger.MISSING_SERVICES).toString())
        .isEqualTo("[\"feed\",\"search\"]");
    assertThat(doc.get(OpenApiMerger.SERVICES).toString())
        .isEqualTo("[\"catalog\",\"gateway\",\"progress\",\"social\"]");
    assertThat(OpenApiDocs.operations(doc))
        .containsExactlyInAnyOrder(
            "GET /api/v1/me",
            "GET /api/v1/catalog/media",
            "POST /api/v1/catalog/admin/imports",
            "GET /api/v1/social/lists",
            "GET /api/v1/progress/entries");

    // Page differs: one per service; Instant is the same: once; Media is catalog's alone
    JsonNode schemas = doc.at("/components/schemas");
    List<String> names = new ArrayList<>();
    schemas.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactlyInAnyOrder("catalog_Page", "social_Page", "Media", "Instant", "Me");
    assertThat(schemas.at("/catalog_Page/properties/items/items/$ref").asText())
        .isEqualTo("#/components/schemas/Media");
    assertThat(schemas.at("/social_Page/properties/since/$ref").asText())
        .isEqualTo("#/components/schemas/Instant");
    assertThat(
            doc.at(
                    "/paths/~1api~1v1~1catalog~1media/get/responses/200/content/application~1json/schema/$ref")
                .asText())
        .isEqualTo("#/components/schemas/catalog_Page");
    assertThat(
            doc.at(
                    "/paths/~1api~1v1~1social~1lists/get/responses/200/content/application~1json/schema/$ref")
                .asText())
        .isEqualTo("#/components/schemas/social_Page");
    assertThat(OpenApiDocs.unresolvedRefs(doc)).isEmpty();

    // one Keycloak scheme (authorization code flow of the realm), the services' own dropped
    JsonNode schemes = doc.at("/components/securitySchemes");
    List<String> schemeNames = new ArrayList<>();
    schemes.fieldNames().forEachRemaining(schemeNames::add);
    assertThat(schemeNames).containsExactlyInAnyOrder("keycloak", "bearer");
    assertThat(schemes.at("/keycloak/type").asText()).isEqualTo("oauth2");
    assertThat(schemes.at("/keycloak/flows/authorizationCode/authorizationUrl").asText())
        .isEqualTo(FakeServices.REALM + "/protocol/openid-connect/auth");
    assertThat(schemes.at("/keycloak/flows/authorizationCode/tokenUrl").asText())
        .isEqualTo(FakeServices.REALM + "/protocol/openid-connect/token");
    assertThat(doc.get("security").toString()).isEqualTo("[{\"keycloak\":[]},{\"bearer\":[]}]");
    JsonNode admin = doc.at("/paths/~1api~1v1~1catalog~1admin~1imports/post");
    assertThat(admin.get("security").toString()).isEqualTo("[{\"keycloak\":[]},{\"bearer\":[]}]");
    assertThat(admin.get(OpenApiMerger.ROLES).toString()).isEqualTo("[\"admin\"]");
    assertThat(doc.toString()).doesNotContain("SecurityScheme").doesNotContain("openIdConnect");
  }

  @Test
  void noServiceAnsweringStillGivesADocument() {
    JsonNode doc = fetchJson();
    assertThat(doc.get(OpenApiMerger.MISSING_SERVICES)).hasSize(5);
    // only the gateway's own route
    assertThat(OpenApiDocs.operations(doc)).containsExactly("GET /api/v1/me");
    assertThat(doc.at("/components/securitySchemes/keycloak/type").asText()).isEqualTo("oauth2");
  }

  @Test
  void servesYamlUnlessJsonIsAskedFor() {
    FakeOpenApiServices.DOCUMENTS.put("progress", PROGRESS);
    given()
        .when()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .contentType(containsString("application/yaml"))
        .body(containsString("title: Kiroku API"))
        .body(containsString("/api/v1/progress/entries:"));
    given()
        .accept("application/json")
        .when()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .contentType(containsString("application/json"))
        .body(containsString("\"/api/v1/progress/entries\""));
    given()
        .when()
        .get("/q/openapi.json")
        .then()
        .statusCode(200)
        .contentType(containsString("application/json"));
  }

  @Test
  void theMergedDocumentIsKeptForItsTimeToLive() throws InterruptedException {
    FakeOpenApiServices.DOCUMENTS.put("progress", PROGRESS);
    AtomicInteger progressRequests = FakeOpenApiServices.REQUESTS.get("progress");
    assertThat(OpenApiDocs.operations(fetchJson()))
        .containsExactly("GET /api/v1/me", "GET /api/v1/progress/entries");
    long fetchedAt = System.nanoTime();
    assertThat(progressRequests).hasValue(1);

    FakeOpenApiServices.DOCUMENTS.put(
        "progress", PROGRESS.replace("/api/v1/progress/entries", "/api/v1/progress/changed"));
    for (int i = 0; i < 3; i++) {
      assertThat(OpenApiDocs.operations(fetchJson()))
          .containsExactly("GET /api/v1/me", "GET /api/v1/progress/entries");
    }
    assertThat((System.nanoTime() - fetchedAt) / 1_000_000)
        .as("ms; the cached answers came within the 3 s TTL")
        .isLessThan(3_000);
    assertThat(progressRequests).hasValue(1);

    Thread.sleep(Math.max(0, 3_100 - (System.nanoTime() - fetchedAt) / 1_000_000));
    assertThat(OpenApiDocs.operations(fetchJson()))
        .containsExactly("GET /api/v1/me", "GET /api/v1/progress/changed");
    assertThat(progressRequests).hasValue(2);
  }

  /**
   * The services' real documents, as their builds stored them: every (path, method) of every
   * service is in the merged document exactly once, and nothing else is.
   */
  @Test
  void everyRouteOfEveryServiceAppearsExactlyOnce() throws IOException {
    Map<String, JsonNode> documents = new LinkedHashMap<>();
    for (String service : FakeOpenApiServices.SERVICES) {
      Path file = Path.of("..", service + "-service", "target", "openapi", "openapi.json");
      Assumptions.assumeTrue(
          Files.isRegularFile(file),
          file.toAbsolutePath().normalize()
              + " is missing: build the services first (./mvnw verify builds them before the"
              + " gateway; with -pl gateway alone run ./mvnw -o package -DskipTests once)");
      String json = Files.readString(file);
      documents.put(service, OpenApiDocs.parse(json));
      FakeOpenApiServices.DOCUMENTS.put(service, json);
    }

    JsonNode doc = fetchJson();

    assertThat(doc.get(OpenApiMerger.MISSING_SERVICES)).isEmpty();
    assertThat(doc.get(OpenApiMerger.CONFLICTS)).isEmpty();
    // the gateway's own route (GET /api/v1/me) besides the services'
    List<String> expected = new ArrayList<>(List.of("GET /api/v1/me"));
    documents.forEach(
        (service, document) -> {
          List<String> operations = OpenApiDocs.operations(document);
          assertThat(operations).as("operations of %s", service).doesNotHaveDuplicates();
          expected.addAll(operations);
        });
    List<String> actual = OpenApiDocs.operations(doc);
    assertThat(actual).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    assertThat(expected).as("routes of all services together").doesNotHaveDuplicates();
    assertThat(OpenApiDocs.unresolvedRefs(doc)).isEmpty();
    assertThat(doc.toString()).doesNotContain("\"SecurityScheme\"");
    // the public routes of application.properties are marked, and only reads
    List<String> open = new ArrayList<>();
    doc.get("paths")
        .fields()
        .forEachRemaining(
            item ->
                item.getValue()
                    .fields()
                    .forEachRemaining(
                        op -> {
                          if (op.getValue().path(OpenApiMerger.PUBLIC).asBoolean()) {
                            open.add(op.getKey().toUpperCase() + " " + item.getKey());
                          }
                        }));
    // exactly these: a new GET under a public prefix is public at once, and must be listed here
    assertThat(open)
        .containsExactlyInAnyOrder(
            "GET /api/v1/catalog/media/{id}",
            "GET /api/v1/catalog/media/{id}/seasons",
            "GET /api/v1/catalog/media/{id}/seasons/{number}/episodes",
            "GET /api/v1/catalog/media/{id}/episodes",
            "GET /api/v1/catalog/media/by-external/{source}/{externalId}",
            "GET /api/v1/search",
            "GET /api/v1/search/suggest",
            "GET /api/v1/search/users",
            "GET /api/v1/social/users",
            "GET /api/v1/social/users/{handle}",
            "GET /api/v1/social/users/{handle}/followers",
            "GET /api/v1/social/users/{handle}/following",
            "GET /api/v1/social/users/{handle}/lists",
            "GET /api/v1/social/users/{handle}/lists/{id}");
  }

  @Test
  void swaggerUiShowsTheMergedDocumentAndSignsInThroughKeycloakWithPkce() {
    String index = given().when().get("/q/swagger-ui/").then().statusCode(200).extract().asString();
    assertThat(index)
        .contains("/q/openapi")
        .contains("ui.initOAuth(")
        .contains("kiroku-web")
        .containsPattern("usePkceWithAuthorizationCodeGrant\\s*:\\s*true")
        .contains("oauth2-redirect.html");
    given().when().get("/q/swagger-ui/oauth2-redirect.html").then().statusCode(200);
  }

  private static JsonNode fetchJson() {
    return OpenApiDocs.parse(
        given()
            .when()
            .get("/q/openapi?format=json")
            .then()
            .statusCode(200)
            .contentType(containsString("application/json"))
            .extract()
            .asString());
  }
}
