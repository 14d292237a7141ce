package dev.kiroku.progress.domain.imports.format;

/**
 * Hard limits for parsing one import file. Every parser enforces all of them while it reads, so a
 * hostile file fails after at most {@code maxBytes} bytes and with memory bounded by these numbers.
 *
 * @param maxBytes the most bytes read from the upload, counted as they are read, and also the most
 *     bytes after gzip decompression (so a gzip bomb stops at the same limit); over it → {@link
 *     ImportFileRejectedException.Reason#FILE_TOO_LARGE}
 * @param maxEntries the most rows; the next one → {@link
 *     ImportFileRejectedException.Reason#TOO_MANY_ENTRIES}
 * @param maxLineLength the most bytes between two line breaks in a CSV file → {@link
 *     ImportFileRejectedException.Reason#LINE_TOO_LONG} (XML and JSON may legitimately be one line:
 *     for them only {@code maxFieldLength} and {@code maxBytes} apply)
 * @param maxFieldLength the most characters in one value (an XML element's text, a JSON string, a
 *     CSV field) → {@link ImportFileRejectedException.Reason#FIELD_TOO_LONG}
 */
public record ImportLimits(long maxBytes, int maxEntries, int maxLineLength, int maxFieldLength) {

  /**
   * Defaults: 64 MiB ({@code 67_108_864} bytes), 100,000 entries, 1 MiB lines, 100,000-character
   * fields. The largest real export among the fixtures is a 1,077-entry MyAnimeList list of about 1
   * MB; Goodreads reviews are capped at 20,000 characters by the entry model.
   */
  public static final ImportLimits DEFAULTS =
      new ImportLimits(64L * 1024 * 1024, 100_000, 1024 * 1024, 100_000);

  public ImportLimits {
    if (maxBytes < 1 || maxEntries < 1 || maxLineLength < 1 || maxFieldLength < 1) {
      throw new IllegalArgumentException("import limits must be positive");
    }
  }

  public ImportLimits withMaxBytes(long value) {
    return new ImportLimits(value, maxEntries, maxLineLength, maxFieldLength);
  }

  public ImportLimits withMaxEntries(int value) {
    return new ImportLimits(maxBytes, value, maxLineLength, maxFieldLength);
  }

  public ImportLimits withMaxLineLength(int value) {
    return new ImportLimits(maxBytes, maxEntries, value, maxFieldLength);
  }

  public ImportLimits withMaxFieldLength(int value) {
    return new ImportLimits(maxBytes, maxEntries, maxLineLength, value);
  }
}
