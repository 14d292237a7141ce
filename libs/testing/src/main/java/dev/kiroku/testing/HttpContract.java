package dev.kiroku.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The HTTP calls one service makes to another, as examples that both sides test (a consumer-driven
 * contract, in {@code libs/contracts/src/main/resources/contracts}): the provider's test sends each
 * request to the real provider and checks the answer with {@link #assertAnswers}; the consumer's
 * test serves each example answer (WireMock) and checks that the consumer reads it.
 *
 * <p>File shape: {@code {"consumer", "provider", "about", "exampleMediaId", "interactions":
 * [{"name", "request": {"method", "path", "query": {...}}, "response": {"status", "body",
 * "generated": [...]}}]}}. {@code generated} names top-level body members whose values the provider
 * makes up (ids): the provider's answer must have the same JSON type there (a UUID for a UUID), not
 * the same value.
 */
public record HttpContract(
    String consumer,
    String provider,
    String about,
    String exampleMediaId,
    List<Interaction> interactions) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One call and its answer. */
  public record Interaction(String name, Request request, Answer response) {}

  /** A request: method, path, query parameters. */
  public record Request(String method, String path, Map<String, String> query) {

    /** The path with the query string, parameters in name order. */
    public String pathAndQuery() {
      if (query == null || query.isEmpty()) {
        return path;
      }
      return path
          + "?"
          + new TreeMap<>(query)
              .entrySet().stream()
                  .map(
                      e ->
                          e.getKey()
                              + "="
                              + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                  .collect(Collectors.joining("&"));
    }
  }

  /** An answer: status, the body members the consumer relies on, and generated members. */
  public record Answer(int status, JsonNode body, List<String> generated) {}

  /**
   * Reads a contract from the classpath, e.g. {@code
   * /contracts/progress-service-catalog-service.json}.
   */
  public static HttpContract load(String resource) {
    try (InputStream in = HttpContract.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(resource + " is not on the classpath");
      }
      return JSON.readValue(in, HttpContract.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The interaction of this name. */
  public Interaction interaction(String name) {
    return interactions.stream()
        .filter(i -> i.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no interaction " + name));
  }

  /**
   * Asserts that a provider's answer fulfils the example: same status, and the body contains every
   * member of the example body with the same value (objects member by member, recursively; arrays
   * and scalars whole), except {@code generated} members, which need the same JSON type (and, for a
   * UUID in the example, a UUID).
   *
   * @param status the provider's status
   * @param body the provider's body
   */
  public static void assertAnswers(Interaction interaction, int status, String body) {
    assertThat(status)
        .as(interaction.name() + ": status")
        .isEqualTo(interaction.response().status());
    JsonNode actual;
    try {
      actual = JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError(interaction.name() + ": the body is not JSON: " + body, e);
    }
    contains(
        interaction.name(),
        "",
        interaction.response().body(),
        actual,
        interaction.response().generated());
  }

  private static void contains(
      String name, String path, JsonNode expected, JsonNode actual, List<String> generated) {
    if (expected.isObject()) {
      assertThat(actual.isObject()).as(name + ": " + path + " is an object").isTrue();
      for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        String at = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
        JsonNode value = actual.get(member.getKey());
        assertThat(value).as(name + ": " + at + " is present").isNotNull();
        if (generated != null && generated.contains(at)) {
          assertThat(value.getNodeType())
              .as(name + ": " + at)
              .isEqualTo(member.getValue().getNodeType());
          if (isUuid(member.getValue().asText())) {
            assertThat(isUuid(value.asText())).as(name + ": " + at + " is a UUID").isTrue();
          }
        } else {
          contains(name, at, member.getValue(), value, generated);
        }
      }
    } else {
      assertThat(actual).as(name + ": " + path).isEqualTo(expected);
    }
  }

  private static boolean isUuid(String text) {
    try {
      return UUID.fromString(text).toString().equals(text);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
