package dev.kiroku.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import org.jboss.logging.Logger;

/**
 * Merges the services' OpenAPI documents (JSON trees, as each serves at {@code
 * /q/openapi?format=json}) into the one document the gateway publishes. Pure: no I/O, the inputs
 * are not modified, and the same inputs give the same output (services in name order).
 *
 * <p>The merged document ({@link #merge}):
 *
 * <ul>
 *   <li>{@code openapi}: the services' version (the first service's if they differ); {@code info}:
 *       {@code title} {@link Settings#title()}, {@code version} {@link Settings#version()}; {@code
 *       servers}: one entry, {@link Settings#serverUrl()} (the gateway).
 *   <li>{@code paths}: the union of the services' paths (already full {@code /api/v1/<service>/...}
 *       paths), sorted. A path-level {@code parameters} list is copied into each operation of that
 *       path item (an operation's own parameter of the same {@code name} and {@code in} wins), so
 *       path items of two services can share a path. A (path, method) two services both have is a
 *       conflict: the first service's operation is kept, never overwritten, and the pair is listed
 *       in {@code x-kiroku-conflicts} ({@code [{path, method, services: [kept, dropped]}]}, always
 *       present, possibly empty) and logged.
 *   <li>{@code components}: every section but {@code securitySchemes} ({@code schemas}, {@code
 *       responses}, {@code parameters}, {@code requestBodies}, {@code examples}, {@code headers},
 *       ...) merged by name. A name several services define with the same content (after the
 *       renaming below) is kept once; a name whose content differs between them is renamed in each
 *       defining service to {@code <service>_<name>} (e.g. {@code social_Page}; a further {@code _}
 *       if that is taken), and every {@code $ref} and discriminator mapping of that service (paths
 *       and components) is rewritten to it. A component that refers to a renamed one differs
 *       between services too, and is renamed in turn.
 *   <li>Security: the services' own {@code securitySchemes} are dropped; there are two, {@value
 *       #KEYCLOAK} (OAuth 2.0 authorization code flow of the Keycloak realm, for Swagger UI's sign
 *       in with PKCE) and {@value #BEARER} (an access token pasted as is). The top-level {@code
 *       security} accepts either; an operation's own non-empty requirement (a service's scheme,
 *       whatever its name) becomes the same pair, the scopes it listed (Quarkus lists the required
 *       roles there) kept in {@code x-kiroku-roles}; an empty requirement (no token needed) stays.
 *       A public route ({@link Settings#publicRoute()}) gets the pair and the empty requirement,
 *       and {@value #PUBLIC}.
 *   <li>{@code tags}: the union by name. {@code x-kiroku-services}: the services merged; {@code
 *       x-kiroku-missing-services}: the services left out (not answering, or not answering with an
 *       OpenAPI document), always present, possibly empty.
 * </ul>
 */
public final class OpenApiMerger {

  /** Name of the OAuth 2.0 (Keycloak) security scheme. */
  public static final String KEYCLOAK = "keycloak";

  /** Name of the HTTP bearer security scheme. */
  public static final String BEARER = "bearer";

  /** Extension listing the services merged. */
  public static final String SERVICES = "x-kiroku-services";

  /** Extension listing the services left out. */
  public static final String MISSING_SERVICES = "x-kiroku-missing-services";

  /** Extension listing the (path, method) pairs two services both define. */
  public static final String CONFLICTS = "x-kiroku-conflicts";

  /** Extension of an operation that answers without a token too (a public route). */
  public static final String PUBLIC = "x-kiroku-public";

  /** Extension of an operation: the roles its service's security requirement listed. */
  public static final String ROLES = "x-kiroku-roles";

  private static final Logger LOG = Logger.getLogger(OpenApiMerger.class);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final String SECURITY_SCHEMES = "securitySchemes";
  private static final String COMPONENTS_REF = "#/components/";

  /**
   * What the merged document says about itself.
   *
   * @param title {@code info.title}, e.g. {@code Kiroku API}
   * @param version {@code info.version}
   * @param serverUrl the one {@code servers} entry, e.g. {@code /}
   * @param realmUrl the Keycloak realm as browsers reach it, e.g. {@code
   *     http://127.0.0.1:8180/realms/kiroku}
   * @param publicRoute whether an operation ({@code GET}, {@code /api/v1/...} path template)
   *     answers without a token: its security then also lists the empty requirement, and it is
   *     marked {@value #PUBLIC}
   */
  public record Settings(
      String title,
      String version,
      String serverUrl,
      URI realmUrl,
      BiPredicate<String, String> publicRoute) {

    /** Settings without public routes: every operation needs a token. */
    public Settings(String title, String version, String serverUrl, URI realmUrl) {
      this(title, version, serverUrl, realmUrl, (method, path) -> false);
    }
  }

  private final Settings settings;

  public OpenApiMerger(Settings settings) {
    this.settings = settings;
  }

  /**
   * Whether {@code document} looks like an OpenAPI 3 document: an object with an {@code openapi}
   * string starting with {@code 3.} and, if present, {@code paths} and {@code components} objects.
   */
  public static boolean isOpenApiDocument(JsonNode document) {
    return document != null
        && document.isObject()
        && document.path("openapi").isTextual()
        && document.path("openapi").asText().startsWith("3.")
        && (!document.has("paths") || document.get("paths").isObject())
        && (!document.has("components") || document.get("components").isObject());
  }

  /**
   * Merges the documents of the services that answered.
   *
   * @param documents service name → its OpenAPI document; a value that is not {@linkplain
   *     #isOpenApiDocument an OpenAPI document} counts as missing
   * @param missing services that did not answer (named in {@code x-kiroku-missing-services})
   * @return the merged document (a new tree)
   */
  public ObjectNode merge(Map<String, JsonNode> documents, Set<String> missing) {
    Set<String> missingServices = new TreeSet<>(missing);
    Map<String, JsonNode> docs = new TreeMap<>();
    documents.forEach(
        (service, document) -> {
          if (isOpenApiDocument(document)) {
            docs.put(service, document);
          } else {
            LOG.warnf("The OpenAPI document of %s is not an OpenAPI 3 document", service);
            missingServices.add(service);
          }
        });
    missingServices.removeAll(docs.keySet());

    Renames renames = renames(docs);
    ObjectNode merged = JSON.objectNode();
    merged.put("openapi", openApiVersion(docs));
    ObjectNode info = merged.putObject("info");
    info.put("title", settings.title());
    info.put("version", settings.version());
    info.put(
        "description",
        "The Kiroku API behind its gateway: the documents of "
            + (docs.isEmpty() ? "no service" : String.join(", ", docs.keySet()))
            + (missingServices.isEmpty()
                ? ""
                : "; missing (did not answer): " + String.join(", ", missingServices))
            + ".");
    merged
        .putArray("servers")
        .addObject()
        .put("url", settings.serverUrl())
        .put("description", "the gateway");
    merged.set("security", requirement());
    merged.set("tags", tags(docs));
    merged.set("paths", paths(docs, renames, merged));
    merged.set("components", components(docs, renames));
    merged.set(CONFLICTS, merged.remove(CONFLICTS)); // after the paths it is about
    ArrayNode services = merged.putArray(SERVICES);
    docs.keySet().forEach(services::add);
    ArrayNode missingNode = merged.putArray(MISSING_SERVICES);
    missingServices.forEach(missingNode::add);
    return merged;
  }

  private static String openApiVersion(Map<String, JsonNode> docs) {
    Set<String> versions = new LinkedHashSet<>();
    docs.values().forEach(doc -> versions.add(doc.get("openapi").asText()));
    if (versions.size() > 1) {
      LOG.warnf("The services' OpenAPI documents have different versions: %s", versions);
    }
    return versions.isEmpty() ? "3.1.0" : versions.iterator().next();
  }

  // --- components ------------------------------------------------------------------------------

  /** The component names renamed per service: section → name → service → new name. */
  private record Renames(Map<String, Map<String, Map<String, String>>> names) {

    /** The new name of {@code section/name} in {@code service}'s document, or null. */
    String of(String section, String name, String service) {
      Map<String, Map<String, String>> bySection = names.get(section);
      Map<String, String> byName = bySection == null ? null : bySection.get(name);
      return byName == null ? null : byName.get(service);
    }
  }

  /**
   * Decides which component names clash: first those whose contents differ between services, then,
   * until nothing changes, those whose contents differ once the names found so far are renamed.
   */
  private static Renames renames(Map<String, JsonNode> docs) {
    // section -> name -> service -> content
    Map<String, Map<String, Map<String, JsonNode>>> defined = definedComponents(docs);
    Map<String, Map<String, Map<String, String>>> clashing = new TreeMap<>();
    boolean changed = true;
    while (changed) {
      changed = false;
      Renames provisional = new Renames(clashing);
      for (var section : defined.entrySet()) {
        for (var name : section.getValue().entrySet()) {
          Map<String, JsonNode> byService = name.getValue();
          if (byService.size() < 2
              || clashing.getOrDefault(section.getKey(), Map.of()).containsKey(name.getKey())) {
            continue;
          }
          Set<JsonNode> contents = new HashSet<>();
          byService.forEach(
              (service, content) -> contents.add(rewriteRefs(content, service, provisional)));
          if (contents.size() > 1) {
            Map<String, String> newNames = new TreeMap<>();
            byService.keySet().forEach(service -> newNames.put(service, service + "_"));
            clashing
                .computeIfAbsent(section.getKey(), s -> new TreeMap<>())
                .put(name.getKey(), newNames);
            changed = true;
          }
        }
      }
    }
    // final names: <service>_<name>, one more "_" while another component has that name
    for (var section : clashing.entrySet()) {
      Set<String> taken = new HashSet<>(defined.get(section.getKey()).keySet());
      for (var name : section.getValue().entrySet()) {
        for (var service : name.getValue().entrySet()) {
          String candidate = service.getKey() + "_" + name.getKey();
          while (taken.contains(candidate)) {
            candidate = candidate + "_";
          }
          taken.add(candidate);
          service.setValue(candidate);
        }
      }
    }
    return new Renames(clashing);
  }

  private static Map<String, Map<String, Map<String, JsonNode>>> definedComponents(
      Map<String, JsonNode> docs) {
    Map<String, Map<String, Map<String, JsonNode>>> defined = new TreeMap<>();
    docs.forEach(
        (service, doc) -> {
          Iterator<Map.Entry<String, JsonNode>> sections = doc.path("components").fields();
          while (sections.hasNext()) {
            Map.Entry<String, JsonNode> section = sections.next();
            if (SECURITY_SCHEMES.equals(section.getKey()) || !section.getValue().isObject()) {
              continue;
            }
            Iterator<Map.Entry<String, JsonNode>> names = section.getValue().fields();
            while (names.hasNext()) {
              Map.Entry<String, JsonNode> name = names.next();
              defined
                  .computeIfAbsent(section.getKey(), s -> new TreeMap<>())
                  .computeIfAbsent(name.getKey(), n -> new TreeMap<>())
                  .put(service, name.getValue());
            }
          }
        });
    return defined;
  }

  private ObjectNode components(Map<String, JsonNode> docs, Renames renames) {
    ObjectNode components = JSON.objectNode();
    definedComponents(docs)
        .forEach(
            (section, names) -> {
              ObjectNode merged = components.putObject(section);
              names.forEach(
                  (name, byService) ->
                      byService.forEach(
                          (service, content) -> {
                            String renamed = renames.of(section, name, service);
                            String key = renamed == null ? name : renamed;
                            if (!merged.has(key)) { // the same content from another service
                              merged.set(key, rewriteRefs(content, service, renames));
                            }
                          }));
            });
    components.set(SECURITY_SCHEMES, securitySchemes());
    return components;
  }

  /**
   * A copy of {@code node} whose {@code $ref}s (and discriminator mappings) to components {@code
   * service} renamed point at the new names.
   */
  private static JsonNode rewriteRefs(JsonNode node, String service, Renames renames) {
    JsonNode copy = node.deepCopy();
    rewriteInPlace(copy, service, renames);
    return copy;
  }

  private static void rewriteInPlace(JsonNode node, String service, Renames renames) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      List<String> fields = new ArrayList<>();
      object.fieldNames().forEachRemaining(fields::add);
      for (String field : fields) {
        JsonNode value = object.get(field);
        if ("$ref".equals(field) && value.isTextual()) {
          object.put(field, rewriteRef(value.asText(), service, renames));
        } else if ("discriminator".equals(field) && value.path("mapping").isObject()) {
          // value -> a $ref or a bare schema name
          ObjectNode mapping = (ObjectNode) value.get("mapping");
          List<String> keys = new ArrayList<>();
          mapping.fieldNames().forEachRemaining(keys::add);
          for (String key : keys) {
            JsonNode target = mapping.get(key);
            if (target.isTextual()) {
              String ref = target.asText();
              String renamed = renames.of("schemas", ref, service);
              mapping.put(
                  key,
                  ref.startsWith("#")
                      ? rewriteRef(ref, service, renames)
                      : renamed == null ? ref : renamed);
            }
          }
        } else {
          rewriteInPlace(value, service, renames);
        }
      }
    } else if (node.isArray()) {
      node.forEach(element -> rewriteInPlace(element, service, renames));
    }
  }

  private static String rewriteRef(String ref, String service, Renames renames) {
    if (!ref.startsWith(COMPONENTS_REF)) {
      return ref;
    }
    String rest = ref.substring(COMPONENTS_REF.length());
    int slash = rest.indexOf('/');
    if (slash < 0) {
      return ref;
    }
    String section = rest.substring(0, slash);
    String name = rest.substring(slash + 1);
    String tail = "";
    int inner = name.indexOf('/');
    if (inner >= 0) { // a pointer into the component
      tail = name.substring(inner);
      name = name.substring(0, inner);
    }
    String renamed = renames.of(section, name, service);
    return renamed == null ? ref : COMPONENTS_REF + section + "/" + renamed + tail;
  }

  // --- paths -----------------------------------------------------------------------------------

  private ObjectNode paths(Map<String, JsonNode> docs, Renames renames, ObjectNode merged) {
    Map<String, ObjectNode> paths = new TreeMap<>();
    Map<String, String> owners = new LinkedHashMap<>(); // "path method" -> service
    ArrayNode conflicts = JSON.arrayNode();
    docs.forEach(
        (service, doc) -> {
          Iterator<Map.Entry<String, JsonNode>> items = doc.path("paths").fields();
          while (items.hasNext()) {
            Map.Entry<String, JsonNode> entry = items.next();
            if (!entry.getValue().isObject()) {
              continue;
            }
            String path = entry.getKey();
            ObjectNode item = (ObjectNode) rewriteRefs(entry.getValue(), service, renames);
            pushDownPathParameters(item);
            ObjectNode target = paths.computeIfAbsent(path, p -> JSON.objectNode());
            Iterator<Map.Entry<String, JsonNode>> fields = item.fields();
            while (fields.hasNext()) {
              Map.Entry<String, JsonNode> field = fields.next();
              String key = field.getKey();
              if (!METHODS.contains(key)) {
                if (!target.has(key)) { // summary, description, servers: the first service's
                  target.set(key, field.getValue());
                }
                continue;
              }
              String owner = owners.putIfAbsent(path + " " + key, service);
              if (owner != null) {
                LOG.warnf(
                    "OpenAPI: %s %s is defined by %s and %s; %s's is kept",
                    key.toUpperCase(), path, owner, service, owner);
                ObjectNode conflict = conflicts.addObject();
                conflict.put("path", path);
                conflict.put("method", key);
                conflict.putArray("services").add(owner).add(service);
                continue;
              }
              if (field.getValue().isObject()) {
                ObjectNode operation = (ObjectNode) field.getValue();
                remapSecurity(operation);
                if (settings.publicRoute().test(key.toUpperCase(Locale.ROOT), path)) {
                  ArrayNode security = requirement();
                  security.addObject(); // or no token at all
                  operation.set("security", security);
                  operation.put(PUBLIC, true);
                }
              }
              target.set(key, field.getValue());
            }
          }
        });
    merged.set(CONFLICTS, conflicts);
    ObjectNode result = JSON.objectNode();
    paths.forEach(result::set);
    return result;
  }

  /** Moves a path item's {@code parameters} into each of its operations. */
  private static void pushDownPathParameters(ObjectNode item) {
    JsonNode shared = item.remove("parameters");
    if (shared == null || !shared.isArray() || shared.isEmpty()) {
      return;
    }
    for (String method : METHODS) {
      JsonNode operation = item.get(method);
      if (operation == null || !operation.isObject()) {
        continue;
      }
      ArrayNode own =
          operation.path("parameters").isArray()
              ? (ArrayNode) operation.get("parameters")
              : JSON.arrayNode();
      Set<String> present = new HashSet<>();
      own.forEach(p -> present.add(parameterKey(p)));
      ArrayNode combined = JSON.arrayNode();
      shared.forEach(
          p -> {
            if (!present.contains(parameterKey(p))) {
              combined.add(p.deepCopy());
            }
          });
      combined.addAll(own);
      ((ObjectNode) operation).set("parameters", combined);
    }
  }

  private static String parameterKey(JsonNode parameter) {
    return parameter.has("$ref")
        ? parameter.get("$ref").asText()
        : parameter.path("in").asText() + ":" + parameter.path("name").asText();
  }

  /** An operation's non-empty security requirement becomes the gateway's. */
  private static void remapSecurity(ObjectNode operation) {
    JsonNode security = operation.get("security");
    if (security == null || !security.isArray() || security.isEmpty()) {
      return; // the document's default applies, or no token is needed
    }
    Set<String> roles = new TreeSet<>();
    boolean anonymousAllowed = false;
    for (JsonNode requirement : security) {
      if (requirement.isEmpty()) {
        anonymousAllowed = true;
      }
      requirement.forEach(scopes -> scopes.forEach(scope -> roles.add(scope.asText())));
    }
    ArrayNode remapped = requirement();
    if (anonymousAllowed) {
      remapped.addObject();
    }
    operation.set("security", remapped);
    if (!roles.isEmpty()) {
      ArrayNode listed = operation.putArray(ROLES);
      roles.forEach(listed::add);
    }
  }

  /** {@code [{keycloak: []}, {bearer: []}]}: either scheme. */
  private static ArrayNode requirement() {
    ArrayNode requirement = JSON.arrayNode();
    requirement.addObject().putArray(KEYCLOAK);
    requirement.addObject().putArray(BEARER);
    return requirement;
  }

  private ObjectNode securitySchemes() {
    String realm = settings.realmUrl().toString().replaceAll("/+$", "");
    ObjectNode schemes = JSON.objectNode();
    ObjectNode keycloak = schemes.putObject(KEYCLOAK);
    keycloak.put("type", "oauth2");
    keycloak.put(
        "description",
        "Sign in with the Kiroku realm (authorization code flow with PKCE, public client"
            + " kiroku-web).");
    ObjectNode code = keycloak.putObject("flows").putObject("authorizationCode");
    code.put("authorizationUrl", realm + "/protocol/openid-connect/auth");
    code.put("tokenUrl", realm + "/protocol/openid-connect/token");
    code.put("refreshUrl", realm + "/protocol/openid-connect/token");
    code.putObject("scopes").put("openid", "OpenID Connect sign-in");
    ObjectNode bearer = schemes.putObject(BEARER);
    bearer.put("type", "http");
    bearer.put("scheme", "bearer");
    bearer.put("bearerFormat", "JWT");
    bearer.put("description", "An access token of the Kiroku realm (audience kiroku-api).");
    return schemes;
  }

  // --- tags ------------------------------------------------------------------------------------

  private static ArrayNode tags(Map<String, JsonNode> docs) {
    Map<String, JsonNode> byName = new TreeMap<>();
    docs.values()
        .forEach(
            doc ->
                doc.path("tags")
                    .forEach(tag -> byName.putIfAbsent(tag.path("name").asText(), tag.deepCopy())));
    ArrayNode tags = JSON.arrayNode();
    byName.values().forEach(tags::add);
    return tags;
  }
}
