package dev.kiroku.progress.domain.imports;

import dev.kiroku.progress.domain.Entry;

/**
 * An entry an import row meets, and the version an import job last wrote it at.
 *
 * @param importVersion null when no import wrote it
 */
public record ExistingEntry(Entry entry, Long importVersion) {

  /** True when nobody changed the entry in Kiroku since an import wrote it. */
  public boolean lastWrittenByImport() {
    return importVersion != null && importVersion == entry.version;
  }
}
