package dev.kiroku.catalog.imports;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.kiroku.catalog.CatalogErrorCode;
import dev.kiroku.platform.problem.ProblemException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file read row by row (streaming; jackson-dataformat-csv), with the header mapped to column
 * indexes and the line number where each row starts. A UTF-8 BOM and CRLF line ends are accepted.
 */
final class CsvFile implements Closeable {

  private static final CsvMapper MAPPER = new CsvMapper();

  static {
    MAPPER.enable(CsvParser.Feature.WRAP_AS_ARRAY);
  }

  /** One data row. */
  record Row(long line, String[] values, Map<String, Integer> columns) {

    /** The value of a column, stripped; null when empty or missing. */
    String get(String column) {
      Integer index = columns.get(column);
      if (index == null || index >= values.length) {
        return null;
      }
      String value = values[index].strip();
      return value.isEmpty() ? null : value;
    }
  }

  private final String part;
  private final MappingIterator<String[]> rows;
  private final Map<String, Integer> columns = new HashMap<>();
  private final int width;

  /**
   * Opens the file and reads its header.
   *
   * @param part the multipart part name, for messages
   * @param required columns the header must have
   * @throws ProblemException 400 {@code INVALID_IMPORT} when the file is empty, not CSV, or lacks a
   *     required column
   */
  CsvFile(String part, Path file, List<String> required) {
    this.part = part;
    try {
      this.rows = MAPPER.readerFor(String[].class).readValues(file.toFile());
      if (!rows.hasNextValue()) {
        throw invalid(part + ": the file is empty; expected a header with " + required);
      }
      String[] header = rows.nextValue();
      for (int i = 0; i < header.length; i++) {
        String name = header[i].strip();
        if (i == 0 && name.startsWith("\uFEFF")) {
          name = name.substring(1);
        }
        columns.putIfAbsent(name, i);
      }
      this.width = header.length;
    } catch (IOException | RuntimeException e) {
      if (e instanceof ProblemException p) {
        throw p;
      }
      throw invalid(part + ": not a readable CSV file: " + e.getMessage());
    }
    List<String> missing = new ArrayList<>();
    for (String column : required) {
      if (!columns.containsKey(column)) {
        missing.add(column);
      }
    }
    if (!missing.isEmpty()) {
      throw invalid(
          part + ": the header lacks the column(s) " + missing + "; found " + columns.keySet());
    }
  }

  /** Columns in the header. */
  int width() {
    return width;
  }

  /**
   * The next row, or null at the end.
   *
   * @throws IOException when the rest of the file cannot be parsed (e.g. an unclosed quote); its
   *     message starts with the line number
   */
  Row next() throws IOException {
    long line = rows.getCurrentLocation().getLineNr();
    try {
      if (!rows.hasNextValue()) {
        return null;
      }
      return new Row(line, rows.nextValue(), columns);
    } catch (IOException | RuntimeException e) {
      throw new UnreadableCsv(line, e.getMessage());
    }
  }

  String part() {
    return part;
  }

  @Override
  public void close() throws IOException {
    rows.close();
  }

  /** The file cannot be parsed from {@link #line} on. */
  static final class UnreadableCsv extends IOException {
    final long line;

    UnreadableCsv(long line, String message) {
      super(message == null ? "unreadable CSV" : message.lines().findFirst().orElse(message));
      this.line = line;
    }
  }

  static ProblemException invalid(String detail) {
    return new ProblemException(CatalogErrorCode.INVALID_IMPORT, detail);
  }
}
