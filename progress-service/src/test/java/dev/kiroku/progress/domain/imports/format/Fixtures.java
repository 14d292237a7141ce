package dev.kiroku.progress.domain.imports.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the real exports from {@code ../shared/fixtures/imports} (never copied into the repo). */
final class Fixtures {

  static final Path IMPORTS = Path.of("../../shared/fixtures/imports").toAbsolutePath().normalize();

  private Fixtures() {}

  static Path path(String relative) {
    Path path = IMPORTS.resolve(relative);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("fixture missing: " + path);
    }
    return path;
  }

  static String text(String relative) {
    try {
      return Files.readString(path(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a fixture with default limits and returns every row. */
  static List<ImportedEntry> parse(ImportSource source, String relative) {
    return parse(source, relative, ImportOptions.DEFAULTS);
  }

  static List<ImportedEntry> parse(ImportSource source, String relative, ImportOptions options) {
    try (InputStream in = Files.newInputStream(path(relative))) {
      return parse(source, in, ImportLimits.DEFAULTS, options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<ImportedEntry> parseString(ImportSource source, String content) {
    return parseString(source, content, ImportOptions.DEFAULTS);
  }

  static List<ImportedEntry> parseString(
      ImportSource source, String content, ImportOptions options) {
    return parse(
        source,
        new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
        ImportLimits.DEFAULTS,
        options);
  }

  static List<ImportedEntry> parse(
      ImportSource source, InputStream in, ImportLimits limits, ImportOptions options) {
    List<ImportedEntry> rows = new ArrayList<>();
    try {
      ImportSummary summary = ImportFormats.of(source).parse(in, limits, options, rows::add);
      if (summary.entries() != rows.size()) {
        throw new AssertionError(
            "summary counts " + summary.entries() + " rows, got " + rows.size());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  static ImportedEntry byTitle(List<ImportedEntry> rows, String title) {
    return rows.stream()
        .filter(r -> title.equals(r.title()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row titled " + title));
  }
}
