package dev.kiroku.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link OpenApiMerger} on documents written here (no HTTP). */
class OpenApiMergerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OpenApiMerger MERGER =
      new OpenApiMerger(
          new OpenApiMerger.Settings(
              "Kiroku API", "1.2.3", "/", URI.create("https://sso.test/realms/kiroku/")));

  @Test
  void clashingComponentsAreRenamedPerServiceAndTheirRefsFollow() {
    JsonNode catalog =
        doc(
            """
            {"openapi": "3.1.0", "info": {"title": "catalog", "version": "1"},
             "paths": {"/api/v1/catalog/media": {"get": {"responses": {"200": {"description": "ok",
               "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Wrapper"}}}}}}}},
             "components": {
               "schemas": {
                 "Page": {"type": "object", "properties": {"items": {"type": "array"}}},
                 "Wrapper": {"type": "object", "properties": {"page": {"$ref": "#/components/schemas/Page"}}},
                 "Animal": {"oneOf": [{"$ref": "#/components/schemas/Page"}],
                   "discriminator": {"propertyName": "kind", "mapping": {"p": "Page", "q": "#/components/schemas/Page"}}},
                 "Instant": {"type": "string", "format": "date-time"}},
               "responses": {"NotFound": {"description": "gone"}}}}
            """);
    JsonNode social =
        doc(
            """
            {"openapi": "3.1.0", "info": {"title": "social", "version": "1"},
             "paths": {"/api/v1/social/lists": {"get": {"responses": {"200": {"description": "ok",
               "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}},
               "404": {"$ref": "#/components/responses/NotFound"}}}}},
             "components": {
               "schemas": {
                 "Page": {"type": "object", "properties": {"cursor": {"type": "string"}}},
                 "Wrapper": {"type": "object", "properties": {"page": {"$ref": "#/components/schemas/Page"}}},
                 "Instant": {"type": "string", "format": "date-time"}},
               "responses": {"NotFound": {"description": "gone"}}}}
            """);

    ObjectNode merged = MERGER.merge(ordered("catalog", catalog, "social", social), Set.of());

    JsonNode schemas = merged.at("/components/schemas");
    assertThat(names(schemas))
        .containsExactlyInAnyOrder(
            "catalog_Page",
            "social_Page",
            "catalog_Wrapper", // same text, but its Page differs: renamed in turn
            "social_Wrapper",
            "Animal",
            "Instant");
    assertThat(schemas.at("/catalog_Page/properties").has("items")).isTrue();
    assertThat(schemas.at("/social_Page/properties").has("cursor")).isTrue();
    assertThat(schemas.at("/catalog_Wrapper/properties/page/$ref").asText())
        .isEqualTo("#/components/schemas/catalog_Page");
    assertThat(schemas.at("/social_Wrapper/properties/page/$ref").asText())
        .isEqualTo("#/components/schemas/social_Page");
    assertThat(schemas.at("/Animal/oneOf/0/$ref").asText())
        .isEqualTo("#/components/schemas/catalog_Page");
    assertThat(schemas.at("/Animal/discriminator/mapping/p").asText()).isEqualTo("catalog_Page");
    assertThat(schemas.at("/Animal/discriminator/mapping/q").asText())
        .isEqualTo("#/components/schemas/catalog_Page");
    assertThat(names(merged.at("/components/responses"))).containsExactly("NotFound");
    assertThat(
            merged
                .at(
                    "/paths/~1api~1v1~1catalog~1media/get/responses/200/content/application~1json/schema/$ref")
                .asText())
        .isEqualTo("#/components/schemas/catalog_Wrapper");
    assertThat(
            merged
                .at(
                    "/paths/~1api~1v1~1social~1lists/get/responses/200/content/application~1json/schema/$ref")
                .asText())
        .isEqualTo("#/components/schemas/social_Page");
    assertThat(merged.at("/paths/~1api~1v1~1social~1lists/get/responses/404/$ref").asText())
        .isEqualTo("#/components/responses/NotFound");
    assertThat(OpenApiDocs.unresolvedRefs(merged)).isEmpty();
  }

  @Test
  void aNewNameAnotherComponentHasIsNotReused() {
    JsonNode a =
        doc(
            """
            {"openapi": "3.1.0", "paths": {}, "components": {"schemas": {
              "Page": {"type": "object"}, "a_Page": {"type": "string"}}}}
            """);
    JsonNode b =
        doc(
            """
            {"openapi": "3.1.0", "paths": {}, "components": {"schemas": {"Page": {"type": "array"}}}}
            """);
    ObjectNode merged = MERGER.merge(ordered("a", a, "b", b), Set.of());
    assertThat(names(merged.at("/components/schemas")))
        .containsExactlyInAnyOrder("a_Page", "a_Page_", "b_Page");
    assertThat(merged.at("/components/schemas/a_Page/type").asText()).isEqualTo("string");
    assertThat(merged.at("/components/schemas/a_Page_/type").asText()).isEqualTo("object");
  }

  @Test
  void aPathAndMethodTwoServicesDefineIsKeptOnceAndReported() {
    JsonNode catalog =
        doc(
            """
            {"openapi": "3.1.0", "paths": {"/api/v1/shared": {
              "get": {"operationId": "catalogGet", "responses": {}},
              "parameters": [{"name": "id", "in": "query", "schema": {"type": "string"}}]}}}
            """);
    JsonNode social =
        doc(
            """
            {"openapi": "3.1.0", "paths": {"/api/v1/shared": {
              "get": {"operationId": "socialGet", "responses": {}},
              "post": {"operationId": "socialPost", "responses": {},
                "parameters": [{"name": "id", "in": "query", "description": "own"}]},
              "parameters": [{"name": "id", "in": "query"}, {"name": "x", "in": "header"}]}}}
            """);
    ObjectNode merged = MERGER.merge(ordered("catalog", catalog, "social", social), Set.of());
    JsonNode item = merged.at("/paths/~1api~1v1~1shared");
    assertThat(item.at("/get/operationId").asText()).isEqualTo("catalogGet");
    assertThat(item.at("/post/operationId").asText()).isEqualTo("socialPost");
    assertThat(item.has("parameters")).isFalse();
    assertThat(item.at("/get/parameters/0/name").asText()).isEqualTo("id");
    // the operation's own "id" wins over the path's; the path's "x" is added
    assertThat(item.at("/post/parameters").findValuesAsText("name")).containsExactly("x", "id");
    assertThat(item.at("/post/parameters/1/description").asText()).isEqualTo("own");
    JsonNode conflicts = merged.get(OpenApiMerger.CONFLICTS);
    assertThat(conflicts).hasSize(1);
    assertThat(conflicts.at("/0/path").asText()).isEqualTo("/api/v1/shared");
    assertThat(conflicts.at("/0/method").asText()).isEqualTo("get");
    assertThat(conflicts.at("/0/services").toString()).isEqualTo("[\"catalog\",\"social\"]");
  }

  @Test
  void securityIsTheGatewaysKeycloakSchemeAndServiceSchemesAreDropped() {
    JsonNode catalog =
        doc(
            """
            {"openapi": "3.1.0", "paths": {
               "/api/v1/catalog/admin": {"post": {"responses": {}, "security": [{"SecurityScheme": ["admin"]}]}},
               "/api/v1/catalog/open": {"get": {"responses": {}, "security": []}},
               "/api/v1/catalog/plain": {"get": {"responses": {}}}},
             "components": {"securitySchemes": {"SecurityScheme": {"type": "openIdConnect",
               "openIdConnectUrl": "http://x/.well-known/openid-configuration"}}}}
            """);
    ObjectNode merged = MERGER.merge(ordered("catalog", catalog), Set.of("feed"));

    JsonNode schemes = merged.at("/components/securitySchemes");
    assertThat(names(schemes)).containsExactlyInAnyOrder("keycloak", "bearer");
    JsonNode flow = schemes.at("/keycloak/flows/authorizationCode");
    assertThat(schemes.at("/keycloak/type").asText()).isEqualTo("oauth2");
    assertThat(flow.get("authorizationUrl").asText())
        .isEqualTo("https://sso.test/realms/kiroku/protocol/openid-connect/auth");
    assertThat(flow.get("tokenUrl").asText())
        .isEqualTo("https://sso.test/realms/kiroku/protocol/openid-connect/token");
    assertThat(schemes.at("/bearer/scheme").asText()).isEqualTo("bearer");
    assertThat(merged.get("security").toString()).isEqualTo("[{\"keycloak\":[]},{\"bearer\":[]}]");
    JsonNode admin = merged.at("/paths/~1api~1v1~1catalog~1admin/post");
    assertThat(admin.get("security").toString()).isEqualTo("[{\"keycloak\":[]},{\"bearer\":[]}]");
    assertThat(admin.get(OpenApiMerger.ROLES).toString()).isEqualTo("[\"admin\"]");
    assertThat(merged.at("/paths/~1api~1v1~1catalog~1open/get/security").toString())
        .isEqualTo("[]");
    assertThat(merged.at("/paths/~1api~1v1~1catalog~1plain/get").has("security")).isFalse();

    assertThat(merged.at("/info/title").asText()).isEqualTo("Kiroku API");
    assertThat(merged.at("/info/version").asText()).isEqualTo("1.2.3");
    assertThat(merged.at("/servers/0/url").asText()).isEqualTo("/");
    assertThat(merged.get(OpenApiMerger.SERVICES).toString()).isEqualTo("[\"catalog\"]");
    assertThat(merged.get(OpenApiMerger.MISSING_SERVICES).toString()).isEqualTo("[\"feed\"]");
  }

  @Test
  void publicRoutesAlsoListTheEmptyRequirementAndAreMarked() {
    OpenApiMerger merger =
        new OpenApiMerger(
            new OpenApiMerger.Settings(
                "Kiroku API",
                "1",
                "/",
                URI.create("https://sso.test/realms/kiroku"),
                (method, path) ->
                    method.equals("GET") && path.startsWith("/api/v1/catalog/media/")));
    JsonNode catalog =
        doc(
            """
            {"openapi": "3.1.0", "paths": {
               "/api/v1/catalog/media/{id}": {"get": {"responses": {}}},
               "/api/v1/catalog/media/{id}/refresh": {"post": {"responses": {}}}}}
            """);
    ObjectNode merged = merger.merge(ordered("catalog", catalog), Set.of());
    JsonNode read = merged.at("/paths/~1api~1v1~1catalog~1media~1{id}/get");
    assertThat(read.get("security").toString()).isEqualTo("[{\"keycloak\":[]},{\"bearer\":[]},{}]");
    assertThat(read.get(OpenApiMerger.PUBLIC).asBoolean()).isTrue();
    JsonNode refresh = merged.at("/paths/~1api~1v1~1catalog~1media~1{id}~1refresh/post");
    assertThat(refresh.has("security")).isFalse();
    assertThat(refresh.has(OpenApiMerger.PUBLIC)).isFalse();
  }

  @Test
  void aDocumentThatIsNotOpenApiCountsAsMissing() {
    ObjectNode merged =
        MERGER.merge(
            ordered(
                "catalog",
                doc("{\"method\": \"GET\"}"),
                "social",
                doc("{\"openapi\": \"3.1.0\", \"paths\": {}}")),
            Set.of());
    assertThat(merged.get(OpenApiMerger.SERVICES).toString()).isEqualTo("[\"social\"]");
    assertThat(merged.get(OpenApiMerger.MISSING_SERVICES).toString()).isEqualTo("[\"catalog\"]");
    assertThat(merged.get("paths")).isEmpty();
  }

  private static JsonNode doc(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Map<String, JsonNode> ordered(Object... serviceAndDoc) {
    Map<String, JsonNode> docs = new LinkedHashMap<>();
    for (int i = 0; i < serviceAndDoc.length; i += 2) {
      docs.put((String) serviceAndDoc[i], (JsonNode) serviceAndDoc[i + 1]);
    }
    return docs;
  }

  private static java.util.List<String> names(JsonNode object) {
    java.util.List<String> names = new java.util.ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
