package dev.kiroku.progress.domain.imports;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An import job as the API shows it.
 *
 * <pre>{@code
 * {"id": "…", "state": "DONE", "format": "mal-xml", "mode": "MERGE", "dryRun": false,
 *  "fileName": "animelist.xml.gz", "fileBytes": 5473,
 *  "counts": {"total": 40, "imported": 35, "updated": 0, "unchanged": 0, "skipped": 1, "failed": 4},
 *  "failure": null,
 *  "createdAt": "…", "startedAt": "…", "finishedAt": "…",
 *  "rows": [{"record": 7, "line": 80, "outcome": "FAILED", "code": "MEDIA_NOT_FOUND",
 *            "field": null, "detail": "…", "title": "…", "externalIds": "mal:48", "mediaId": null}],
 *  "rowsTruncated": false}
 * }</pre>
 *
 * @param counts rows of the file by what happened to them; {@code total} is known once the file was
 *     read through
 * @param failure why the whole job failed ({@code code}: {@code FILE_TOO_LARGE}, {@code
 *     TOO_MANY_ENTRIES}, {@code LINE_TOO_LONG}, {@code FIELD_TOO_LONG}, {@code DTD_NOT_ALLOWED},
 *     {@code MALFORMED_FILE}, {@code UNSUPPORTED_FORMAT}, {@code INTERRUPTED}, {@code
 *     INTERNAL_ERROR}); null unless {@code FAILED}
 * @param rows the report: every failed or skipped row and every warning, in file order (only in
 *     {@code GET /imports/{id}}; null in lists)
 * @param rowsTruncated true when the report was cut at its limit (the counts stay exact)
 */
public record ImportJobView(
    UUID id,
    ImportState state,
    String format,
    ImportMode mode,
    boolean dryRun,
    String fileName,
    long fileBytes,
    Counts counts,
    Failure failure,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    List<Row> rows,
    Boolean rowsTruncated) {

  /** Rows by outcome. */
  public record Counts(
      int total, int imported, int updated, int unchanged, int skipped, int failed) {}

  /** Why a whole job failed. */
  public record Failure(String code, String detail) {}

  /**
   * One line of the report.
   *
   * @param record the n-th row of the file
   * @param line the file line where the row starts (0 = unknown)
   * @param outcome {@code FAILED}, {@code SKIPPED} or {@code WARNING} (imported, without the field)
   * @param code {@code MEDIA_NOT_FOUND}, {@code CATALOG_UNAVAILABLE}, {@code MISSING_ID}, {@code
   *     UNKNOWN_STATUS}, {@code STATUS_NOT_ALLOWED_FOR_TYPE}, {@code INVALID_PROGRESS}, {@code
   *     INVALID_ENTRY}, {@code KEPT_NEWER_CHANGE}, {@code DUPLICATE}, {@code INVALID_DATE}, ...
   * @param field the file's field at fault, or null
   * @param externalIds the row's ids as {@code source:id} separated by spaces
   * @param mediaId the catalog media item the row resolved to, or null
   */
  public record Row(
      long record,
      long line,
      String outcome,
      String code,
      String field,
      String detail,
      String title,
      String externalIds,
      UUID mediaId) {

    /** Most characters a report line repeats of a file's title or ids; longer ones are cut. */
    public static final int MAX_ECHO = 300;

    /** Most characters of a reason ({@code detail}) or field name. */
    public static final int MAX_DETAIL = 1_000;

    /**
     * The texts taken from the file (title, ids, field) are cut to {@link #MAX_ECHO} characters and
     * the reason ({@code detail}) to {@link #MAX_DETAIL}, ending with {@code …} when cut: a hostile
     * file cannot make its report (stored, and answered by {@code GET /imports/{id}}) grow.
     */
    public Row {
      field = cut(field, MAX_ECHO);
      detail = cut(detail, MAX_DETAIL);
      title = cut(title, MAX_ECHO);
      externalIds = cut(externalIds, MAX_ECHO);
    }

    private static String cut(String text, int max) {
      if (text == null || text.length() <= max) {
        return text;
      }
      int end = Character.isHighSurrogate(text.charAt(max - 2)) ? max - 2 : max - 1;
      return text.substring(0, end) + "…";
    }
  }
}
