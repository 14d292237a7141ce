package dev.kiroku.progress.domain.imports.format;

/**
 * The whole file is refused: it is over a limit, not in the announced format, or not well-formed.
 * Rows already handed to the consumer before the failure stay handed; the import job must treat a
 * rejected file as failed (and write nothing in the same transaction, or roll back).
 */
public class ImportFileRejectedException extends RuntimeException {

  /** Why a file was refused. Stable codes for the job's report. */
  public enum Reason {
    /** More than {@link ImportLimits#maxBytes()} bytes, before or after decompression. */
    FILE_TOO_LARGE,
    /** More than {@link ImportLimits#maxEntries()} rows. */
    TOO_MANY_ENTRIES,
    /** A CSV line longer than {@link ImportLimits#maxLineLength()} bytes. */
    LINE_TOO_LONG,
    /** One value longer than {@link ImportLimits#maxFieldLength()} characters. */
    FIELD_TOO_LONG,
    /**
     * An XML document type declaration ({@code <!DOCTYPE>}, the carrier of entity-expansion
     * "billion laughs" bombs and external entities): never accepted.
     */
    DTD_NOT_ALLOWED,
    /** Not well-formed (broken XML/JSON/CSV, truncated or corrupt gzip, missing CSV columns). */
    MALFORMED_FILE,
    /** Well-formed, but not the announced format (or an unknown format key). */
    UNSUPPORTED_FORMAT
  }

  private final Reason reason;

  public ImportFileRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public ImportFileRejectedException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
