package dev.kiroku.progress.domain.imports;

import java.util.Locale;
import java.util.Optional;

/** How an import treats entries that already exist ({@code ?mode=merge|overwrite}). */
public enum ImportMode {
  /**
   * The default: an entry changed in Kiroku after the import's data is kept (reported as skipped
   * with {@code KEPT_NEWER_CHANGE}); entries an earlier import wrote and nobody changed since are
   * updated.
   */
  MERGE,
  /** The file's data replaces what the entry holds, whenever it was changed. */
  OVERWRITE;

  /** The mode for a query value ({@code merge}, {@code overwrite}; any case), or empty. */
  public static Optional<ImportMode> fromParameter(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
