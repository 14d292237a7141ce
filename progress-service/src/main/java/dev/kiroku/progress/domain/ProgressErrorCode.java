package dev.kiroku.progress.domain;

import dev.kiroku.platform.problem.ErrorCode;

/** progress-service's problem codes (shared ones are in {@code CommonErrorCode}). */
public enum ProgressErrorCode implements ErrorCode {
  /** catalog-service does not know the media id (404 there). */
  MEDIA_NOT_FOUND(404, "Media not found"),
  /** The caller has no library entry for this media item. */
  ENTRY_NOT_FOUND(404, "Library entry not found"),
  /** The status does not fit the media type; {@code allowed} lists the statuses that do. */
  STATUS_NOT_ALLOWED_FOR_TYPE(422, "Status does not fit the media type"),
  /** The transition table forbids this change; {@code allowed} lists the possible statuses. */
  INVALID_TRANSITION(409, "Status transition not allowed"),
  /** Progress beyond the known totals, or a progress field that does not fit the type. */
  INVALID_PROGRESS(422, "Invalid progress"),
  /** A rating outside the scale, or not a step of it. */
  INVALID_RATING(422, "Invalid rating"),
  /** Dates or other fields that contradict each other. */
  INVALID_ENTRY(422, "Invalid library entry"),
  /** {@code If-Match} names a version that is not the current one. */
  VERSION_MISMATCH(412, "Entry version does not match"),
  /** The pagination cursor is not one this service handed out. */
  INVALID_CURSOR(400, "Invalid cursor"),
  /** No import job with this id belongs to the caller. */
  IMPORT_NOT_FOUND(404, "Import job not found"),
  /** The import queue is full; try again later. */
  IMPORTS_BUSY(503, "Too many imports queued"),
  /** catalog-service did not answer. */
  CATALOG_UNAVAILABLE(503, "catalog-service unavailable");

  private final int status;
  private final String title;

  ProgressErrorCode(int status, String title) {
    this.status = status;
    this.title = title;
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public String title() {
    return title;
  }
}
