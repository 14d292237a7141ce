package dev.kiroku.catalog.imports;

import java.util.List;

/**
 * What an import did.
 *
 * @param format the format key, e.g. {@code anime-csv}
 * @param rows data rows read (header excluded)
 * @param inserted rows that created an item
 * @param updated rows that changed a stored item (an earlier import's, or one known from a provider
 *     by the same external id)
 * @param unchanged rows whose item was already stored exactly so (nothing written, no event)
 * @param rejected rows not imported
 * @param rejections the first rejected rows (up to {@code
 *     kiroku.catalog.import-reported-rejections}), with their line number in the file (header =
 *     line 1) and the reason
 * @param durationMs wall-clock time of the import in milliseconds
 */
public record ImportReport(
    String format,
    int rows,
    int inserted,
    int updated,
    int unchanged,
    int rejected,
    List<Rejection> rejections,
    long durationMs) {

  /**
   * One rejected row.
   *
   * @param file the part the row is in ({@code file}, {@code movies} or {@code links})
   * @param line line number in that file (the header is line 1)
   * @param reason why it was rejected, naming the column
   */
  public record Rejection(String file, long line, String reason) {}
}
