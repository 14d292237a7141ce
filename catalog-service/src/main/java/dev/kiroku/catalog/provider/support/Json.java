package dev.kiroku.catalog.provider.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** Null-safe reads from provider JSON trees, shared by the mappers. */
public final class Json {

  private Json() {}

  /** The node at {@code path}, or a missing node. */
  public static JsonNode at(JsonNode node, String... path) {
    JsonNode current = node;
    for (String step : path) {
      if (current == null || current.isNull() || current.isMissingNode()) {
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
      }
      current = current.path(step);
    }
    return current == null
        ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
        : current;
  }

  /** Text at {@code path}, stripped; null when missing, JSON null or blank. */
  public static String text(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    if (value.isMissingNode() || value.isNull() || value.isContainerNode()) {
      return null;
    }
    String text = value.asText().strip();
    return text.isEmpty() ? null : text;
  }

  /** Integer at {@code path}; null when missing, JSON null or not a number. */
  public static Integer integer(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    if (value.isNumber()) {
      return value.intValue();
    }
    if (value.isTextual()) {
      try {
        return Integer.valueOf(value.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** Long at {@code path}; null when missing, JSON null or not a number. */
  public static Long longValue(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    return value.isNumber() ? value.longValue() : null;
  }

  /** Decimal at {@code path}; null when missing, JSON null or not a number. */
  public static Double decimal(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (value.isTextual()) {
      try {
        return Double.valueOf(value.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /**
   * The text of {@code field} of every element of the array at {@code array}, distinct, in order.
   */
  public static List<String> names(JsonNode array, String field) {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    if (array != null && array.isArray()) {
      for (JsonNode element : array) {
        String name = field == null ? text(element) : text(element, field);
        if (name != null) {
          names.add(name);
        }
      }
    }
    return new ArrayList<>(names);
  }

  /**
   * A date from an ISO date-time ({@code 1998-04-03T00:00:00+00:00}), an ISO date ({@code
   * 1998-04-03}), a year-month ({@code 1998-04}) or a year ({@code 1998}, read as 1 January).
   *
   * @return null when absent or unreadable
   */
  public static LocalDate date(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    try {
      if (v.length() > 10 && v.charAt(10) == 'T') {
        return OffsetDateTime.parse(v).toLocalDate();
      }
      if (v.length() == 10) {
        return LocalDate.parse(v);
      }
      if (v.length() == 7) {
        return LocalDate.parse(v + "-01");
      }
      if (v.length() == 4) {
        return LocalDate.of(Integer.parseInt(v), 1, 1);
      }
    } catch (DateTimeParseException | NumberFormatException e) {
      return null;
    }
    return null;
  }

  /**
   * A provider's word as a Kiroku format: upper case, runs of other characters as {@code _}, e.g.
   * {@code "One-shot"} → {@code ONE_SHOT}, {@code "Light Novel"} → {@code LIGHT_NOVEL}.
   */
  public static String formatWord(String providerValue) {
    if (providerValue == null || providerValue.isBlank()) {
      return null;
    }
    String word = providerValue.strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
    word = word.replaceAll("^_+|_+$", "");
    return word.isEmpty() ? null : word;
  }

  /** Distinct non-null values of several lists, in order. */
  @SafeVarargs
  public static List<String> union(List<String>... lists) {
    LinkedHashSet<String> all = new LinkedHashSet<>();
    for (List<String> list : lists) {
      for (String s : list) {
        if (s != null && !s.isBlank()) {
          all.add(s);
        }
      }
    }
    return new ArrayList<>(all);
  }
}
