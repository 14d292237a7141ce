package dev.kiroku.progress.domain.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Writes one export document piece by piece: {@link #begin}, {@link #entries} once per page, {@link
 * #end}. {@code entries} and {@code end} return the bytes written since the previous return, so
 * only the current page is ever held in memory. One writer per download; not thread-safe (the pages
 * arrive in sequence).
 */
public abstract class ExportWriter {

  /** Bytes written since the last {@link #drain()}. */
  protected final ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);

  /** The writer for a format. */
  public static ExportWriter of(ExportFormat format, com.fasterxml.jackson.core.JsonFactory json) {
    return switch (format) {
      case JSON -> new JsonExportWriter(json);
      case CSV -> new CsvExportWriter();
    };
  }

  /**
   * Starts the document. Its bytes are returned with the first page (or the end), so that a failure
   * before any entry was read can still be answered with a problem response.
   *
   * @param ratingScale the user's {@code RatingScale} name
   * @param exportedAt when the export started
   */
  public final void begin(String ratingScale, Instant exportedAt) {
    try {
      writeBegin(ratingScale, exportedAt);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One page of entries. */
  public final byte[] entries(List<ExportedEntry> page) {
    try {
      for (ExportedEntry e : page) {
        writeEntry(e);
      }
      return drain();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document's end. */
  public final byte[] end() {
    try {
      writeEnd();
      return drain();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  protected abstract void writeBegin(String ratingScale, Instant exportedAt) throws IOException;

  protected abstract void writeEntry(ExportedEntry e) throws IOException;

  protected abstract void writeEnd() throws IOException;

  /** Flushes buffered output into {@link #out}. */
  protected abstract void flush() throws IOException;

  private byte[] drain() throws IOException {
    flush();
    byte[] bytes = out.toByteArray();
    out.reset();
    return bytes;
  }

  /** {@code 37.5}, {@code 100}, {@code 12}: the stored decimal without trailing zeros. */
  static String decimal(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
