package dev.kiroku.search.config;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;

/** search-service configuration, prefix {@code kiroku.search}. */
@ConfigMapping(prefix = "kiroku.search")
public interface SearchConfig {

  /**
   * {@code kiroku.search.index-dir}: folder holding this replica's Lucene index and the Kafka
   * offsets stored with it. Created at start if missing; must be writable. Default {@code
   * ${java.io.tmpdir}/kiroku/search-index}; the local suite uses {@code .kiroku/search-index}.
   */
  Path indexDir();
}
