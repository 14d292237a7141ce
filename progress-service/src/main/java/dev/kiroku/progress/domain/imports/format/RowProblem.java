package dev.kiroku.progress.domain.imports.format;

/**
 * Something in one row of an import file that could not be used as given. Rows are never dropped
 * silently: a row the parser cannot understand is still handed on, with at least one {@link
 * Severity#ERROR} problem, so the import job can count and report it.
 *
 * @param severity {@link Severity#ERROR}: the row cannot be imported (no usable id, unknown status,
 *     unsupported item type); {@link Severity#WARNING}: the row can be imported but a field was
 *     left out (a bad date, an out-of-range score, a rating scale the file does not state)
 * @param field the source field, in the file's own terms ({@code my_status}, {@code Exclusive
 *     Shelf}, {@code startedAt})
 * @param code stable machine-readable reason, e.g. {@code UNKNOWN_STATUS}, {@code MISSING_ID},
 *     {@code INVALID_DATE}, {@code INVALID_NUMBER}, {@code RATING_OUT_OF_RANGE}, {@code
 *     RATING_SCALE_UNKNOWN}, {@code UNKNOWN_MEDIA_TYPE}, {@code UNSUPPORTED_ITEM}, {@code
 *     FIELD_TOO_LONG}
 * @param message human-readable detail, quoting the offending value (truncated to 100 characters)
 */
public record RowProblem(Severity severity, String field, String code, String message) {

  /** How bad a {@link RowProblem} is. */
  public enum Severity {
    ERROR,
    WARNING
  }

  static RowProblem error(String field, String code, String message) {
    return new RowProblem(Severity.ERROR, field, code, message);
  }

  static RowProblem warning(String field, String code, String message) {
    return new RowProblem(Severity.WARNING, field, code, message);
  }

  /** The value, cut to 100 characters, for quoting in a message. */
  static String quote(String value) {
    if (value == null) {
      return "null";
    }
    return '"' + (value.length() > 100 ? value.substring(0, 100) + "…" : value) + '"';
  }
}
