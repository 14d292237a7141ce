package dev.kiroku.progress.domain.imports.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kiroku.progress.domain.imports.format.ImportFileRejectedException.Reason;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Jackson set up with the import limits, and small readers for JSON rows. */
final class JsonSupport {

  private JsonSupport() {}

  /**
   * A mapper whose parser refuses strings and names over {@code maxFieldLength} characters, nesting
   * deeper than 64 and numbers longer than 100 digits.
   */
  static ObjectMapper mapper(ImportLimits limits) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxStringLength(limits.maxFieldLength())
                    .maxNameLength(Math.min(limits.maxFieldLength(), 1000))
                    .maxNestingDepth(64)
                    .maxNumberLength(100)
                    .build())
            .build();
    return JsonMapper.builder(factory).build();
  }

  static ImportFileRejectedException translate(Exception e) {
    if (e instanceof StreamConstraintsException c) {
      Reason reason =
          c.getMessage() != null
                  && (c.getMessage().contains("String value length")
                      || c.getMessage().contains("Name length"))
              ? Reason.FIELD_TOO_LONG
              : Reason.MALFORMED_FILE;
      return new ImportFileRejectedException(reason, c.getOriginalMessage(), e);
    }
    if (e instanceof JsonProcessingException j) {
      String where =
          j.getLocation() == null || j.getLocation().getLineNr() < 1
              ? ""
              : " at line " + j.getLocation().getLineNr();
      return new ImportFileRejectedException(
          Reason.MALFORMED_FILE, "not well-formed JSON" + where + ": " + j.getOriginalMessage(), e);
    }
    return null;
  }

  /** A non-negative whole number, or null (with a warning when present but unusable). */
  static Integer count(JsonNode node, String field, ImportedEntry.Builder row) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isIntegralNumber() && v.canConvertToInt() && v.intValue() >= 0) {
      return v.intValue();
    }
    row.problem(
        RowProblem.warning(
            field,
            "INVALID_NUMBER",
            "not a non-negative whole number: " + RowProblem.quote(v.toString())));
    return null;
  }

  /** A positive id as text (numbers or digit strings), or null when absent. */
  static String id(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isIntegralNumber() && v.longValue() > 0) {
      return Long.toString(v.longValue());
    }
    if (v.isTextual() && !v.asText().isBlank()) {
      return v.asText().trim();
    }
    return null;
  }

  /** Text, or null when absent, null or blank. */
  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || !v.isValueNode() || v.isNull() || v.asText().isBlank() ? null : v.asText();
  }

  /** An ISO 8601 timestamp ({@code 2024-09-10T13:52:56.000Z}), or null with a warning. */
  static Instant timestamp(JsonNode node, String field, ImportedEntry.Builder row) {
    String v = text(node, field);
    if (v == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeException e) {
      row.problem(
          RowProblem.warning(field, "INVALID_DATE", "not a timestamp: " + RowProblem.quote(v)));
      return null;
    }
  }
}
