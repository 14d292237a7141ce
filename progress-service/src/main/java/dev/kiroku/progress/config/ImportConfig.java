package dev.kiroku.progress.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** {@code kiroku.imports.*}: list imports ({@code POST /api/v1/progress/imports}). */
@ConfigMapping(prefix = "kiroku.imports")
public interface ImportConfig {

  /** Where uploads wait for their job ({@code KIROKU_IMPORT_SPOOL}). */
  Path spoolDir();

  /** Largest file read, also after gunzip, in bytes (64 MiB). */
  @WithDefault("67108864")
  long maxFileBytes();

  /** Most rows per file. */
  @WithDefault("100000")
  int maxEntries();

  /** Rows written per transaction. */
  @WithDefault("500")
  int batchSize();

  /** Jobs running at once on this instance. */
  @WithDefault("1")
  int concurrency();

  /** Jobs waiting on this instance; beyond it 503 {@code IMPORTS_BUSY}. */
  @WithDefault("16")
  int queueCapacity();
}
