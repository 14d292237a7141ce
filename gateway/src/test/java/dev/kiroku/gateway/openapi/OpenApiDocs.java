package dev.kiroku.gateway.openapi;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reading OpenAPI documents in tests. */
final class OpenApiDocs {

  /** Refuses a JSON object with a key twice (a path listed twice would be one otherwise). */
  static final ObjectMapper STRICT =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private OpenApiDocs() {}

  static JsonNode parse(String json) {
    try {
      return STRICT.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every operation of {@code document}, as {@code "METHOD path"}, in document order. */
  static List<String> operations(JsonNode document) {
    List<String> operations = new ArrayList<>();
    document
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method -> {
                          if (METHODS.contains(method)) {
                            operations.add(method.toUpperCase() + " " + path.getKey());
                          }
                        }));
    return operations;
  }

  /** Every local {@code $ref} of {@code document} that points at nothing in it. */
  static List<String> unresolvedRefs(JsonNode document) {
    List<String> refs = new ArrayList<>();
    collectRefs(document, refs);
    return refs.stream()
        .filter(ref -> ref.startsWith("#/"))
        .filter(ref -> document.at(JsonPointer.compile(ref.substring(1))).isMissingNode())
        .toList();
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field -> {
                if ("$ref".equals(field.getKey()) && field.getValue().isTextual()) {
                  refs.add(field.getValue().asText());
                } else {
                  collectRefs(field.getValue(), refs);
                }
              });
    } else if (node.isArray()) {
      node.forEach(element -> collectRefs(element, refs));
    }
  }
}
