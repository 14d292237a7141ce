package dev.kiroku.progress.domain.imports.format;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * A streaming parser for one import format. Implementations are stateless and thread-safe; one call
 * parses one file. Obtain them from {@link ImportFormats}.
 *
 * <p>The file is read once, front to back, and never held in memory whole: each row is handed to
 * {@code sink} as soon as it is parsed (on the calling thread, which therefore should be a worker
 * thread, never an event loop). A gzipped upload is recognised by its magic bytes ({@code 1f 8b})
 * and decompressed on the fly, whatever its name. A leading UTF-8 byte-order mark is skipped.
 */
public interface ImportFormat {

  /** The format this parser reads. */
  ImportSource source();

  /**
   * Parses a whole file, handing each row to {@code sink} in file order.
   *
   * @param in the upload; read to the end or to the failure, not closed
   * @param limits hard limits, enforced while reading
   * @param options format-specific choices (AniList's rating scale when the file does not say it)
   * @param sink receives every row, importable or not ({@link ImportedEntry#problems()} says why
   *     not); an exception it throws stops parsing and propagates unchanged
   * @return how many rows and bytes were read
   * @throws ImportFileRejectedException when the file is over a limit, malformed, or not this
   *     format; rows handed to {@code sink} before that stay handed
   * @throws IOException when reading {@code in} itself fails (not for content problems)
   */
  ImportSummary parse(
      InputStream in,
      ImportLimits limits,
      ImportOptions options,
      Consumer<? super ImportedEntry> sink)
      throws IOException;

  /** {@link #parse(InputStream, ImportLimits, ImportOptions, Consumer)} with default options. */
  default ImportSummary parse(
      InputStream in, ImportLimits limits, Consumer<? super ImportedEntry> sink)
      throws IOException {
    return parse(in, limits, ImportOptions.DEFAULTS, sink);
  }
}
