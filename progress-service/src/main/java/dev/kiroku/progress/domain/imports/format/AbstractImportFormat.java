package dev.kiroku.progress.domain.imports.format;

import dev.kiroku.progress.domain.imports.format.ImportFileRejectedException.Reason;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * What every format shares: byte counting, gzip detection, BOM skipping, the entry limit, and
 * turning library exceptions into {@link ImportFileRejectedException}.
 */
abstract class AbstractImportFormat implements ImportFormat {

  /** One parse in progress. */
  static final class Context {
    final ImportLimits limits;
    final ImportOptions options;
    private final Consumer<? super ImportedEntry> sink;
    private long entries;

    Context(ImportLimits limits, ImportOptions options, Consumer<? super ImportedEntry> sink) {
      this.limits = limits;
      this.options = options;
      this.sink = sink;
    }

    /**
     * The record number for the next row. Call before reading a row, so a file over the entry limit
     * stops before the row past the limit is even parsed.
     *
     * @throws ImportFileRejectedException {@link Reason#TOO_MANY_ENTRIES}
     */
    long nextRecord() {
      if (entries >= limits.maxEntries()) {
        throw new ImportFileRejectedException(
            Reason.TOO_MANY_ENTRIES, "the file has more than " + limits.maxEntries() + " entries");
      }
      return ++entries;
    }

    void emit(ImportedEntry entry) {
      sink.accept(entry);
    }

    long entries() {
      return entries;
    }
  }

  @Override
  public final ImportSummary parse(
      InputStream in,
      ImportLimits limits,
      ImportOptions options,
      Consumer<? super ImportedEntry> sink)
      throws IOException {
    LimitedInputStream raw = new LimitedInputStream(in, limits.maxBytes(), "");
    BufferedInputStream buffered = new BufferedInputStream(raw, 8192);
    boolean gzipped = startsWith(buffered, 0x1f, 0x8b);
    LimitedInputStream text =
        gzipped
            ? new LimitedInputStream(
                GzipErrorsInputStream.open(buffered), limits.maxBytes(), " once decompressed")
            : null;
    InputStream decoded = gzipped ? new BufferedInputStream(text, 8192) : buffered;
    if (startsWith(decoded, 0xef, 0xbb, 0xbf)) {
      decoded.skipNBytes(3);
    }
    decoded.mark(1);
    if (decoded.read() < 0) {
      throw new ImportFileRejectedException(Reason.MALFORMED_FILE, "the file is empty");
    }
    decoded.reset();
    Context context = new Context(limits, options == null ? ImportOptions.DEFAULTS : options, sink);
    try {
      parseText(decoded, context);
    } catch (ImportFileRejectedException e) {
      throw e;
    } catch (RuntimeException | IOException e) {
      ImportFileRejectedException cause = rejectionIn(e);
      if (cause != null) {
        throw cause; // a limit hit inside a library that wrapped our exception
      }
      ImportFileRejectedException translated = translate(e);
      if (translated != null) {
        throw translated;
      }
      throw e;
    }
    return new ImportSummary(
        context.entries(), raw.count(), gzipped ? text.count() : raw.count(), gzipped);
  }

  /**
   * Reads the decompressed, BOM-less text and emits rows through {@code context}.
   *
   * @throws ImportFileRejectedException for content problems
   */
  abstract void parseText(InputStream in, Context context) throws IOException;

  /**
   * A library exception as a rejection (parse errors → {@link Reason#MALFORMED_FILE}, length
   * constraints → {@link Reason#FIELD_TOO_LONG}), or null when it is a real I/O failure.
   */
  abstract ImportFileRejectedException translate(Exception e);

  /** UTF-8 text, with malformed bytes replaced by U+FFFD instead of failing the file. */
  static Reader lenientUtf8(InputStream in) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    return new InputStreamReader(in, decoder);
  }

  private static boolean startsWith(InputStream in, int... magic) throws IOException {
    in.mark(magic.length);
    try {
      for (int b : magic) {
        if (in.read() != b) {
          return false;
        }
      }
      return true;
    } finally {
      in.reset();
    }
  }

  /** Our own rejection anywhere in a cause chain (a library may wrap it), or null. */
  static ImportFileRejectedException rejectionIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ImportFileRejectedException rejected) {
        return rejected;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /** Parses a non-negative int, or returns null and records a warning. */
  static Integer count(String field, String value, ImportedEntry.Builder row) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n < 0) {
        row.problem(
            RowProblem.warning(field, "INVALID_NUMBER", "negative: " + RowProblem.quote(value)));
        return null;
      }
      return n;
    } catch (NumberFormatException e) {
      row.problem(
          RowProblem.warning(
              field, "INVALID_NUMBER", "not a whole number: " + RowProblem.quote(value)));
      return null;
    }
  }

  /** True for {@code 1}, {@code yes}, {@code true} (any case). */
  static boolean flag(String value) {
    if (value == null) {
      return false;
    }
    String v = value.trim();
    return v.equals("1") || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("true");
  }
}
