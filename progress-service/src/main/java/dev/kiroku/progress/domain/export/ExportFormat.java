package dev.kiroku.progress.domain.export;

import dev.kiroku.platform.problem.CommonErrorCode;
import dev.kiroku.platform.problem.Problem;
import dev.kiroku.platform.problem.ProblemException;
import java.util.List;
import java.util.Map;

/**
 * The formats of {@code GET /api/v1/progress/export?format=...}: {@code json} (the {@code
 * kiroku-json} document, which {@code POST /api/v1/progress/imports?format=kiroku-json} accepts
 * back) and {@code csv} (one row per entry, for spreadsheets). See {@code docs/export-format.md}.
 */
public enum ExportFormat {
  JSON("application/json", "kiroku-export.json"),
  CSV("text/csv; charset=UTF-8", "kiroku-export.csv");

  private final String contentType;
  private final String filename;

  ExportFormat(String contentType, String filename) {
    this.contentType = contentType;
    this.filename = filename;
  }

  /** The response's {@code Content-Type}. */
  public String contentType() {
    return contentType;
  }

  /** The response's {@code Content-Disposition}: an attachment with this format's file name. */
  public String contentDisposition() {
    return "attachment; filename=\"" + filename + "\"";
  }

  /**
   * The format named by the query parameter, ignoring case.
   *
   * @throws ProblemException 400 {@code VALIDATION_FAILED} naming {@code format} when it is missing
   *     or not {@code json} or {@code csv}
   */
  public static ExportFormat parse(String value) {
    if (value != null) {
      for (ExportFormat f : values()) {
        if (f.name().equalsIgnoreCase(value.trim())) {
          return f;
        }
      }
    }
    String message = value == null ? "is required: json or csv" : "must be one of [json, csv]";
    throw new ProblemException(
        CommonErrorCode.VALIDATION_FAILED,
        "format " + message,
        List.of(new Problem.Violation("format", message)),
        Map.of());
  }
}
