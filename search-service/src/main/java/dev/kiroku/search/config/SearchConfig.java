package dev.kiroku.search.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** search-service configuration, prefix {@code kiroku.search}. */
@ConfigMapping(prefix = "kiroku.search")
public interface SearchConfig {

  /**
   * {@code kiroku.search.index-dir}: folder holding this replica's Lucene index and the Kafka
   * offsets stored with it. Created at start if missing; must be writable. Default {@code
   * ${java.io.tmpdir}/kiroku/search-index}; the local suite uses {@code .kiroku/search-index}.
   */
  Path indexDir();

  /**
   * {@code kiroku.search.commit-interval}: how often indexed changes are made durable together with
   * their {@code catalog.media.v1} offsets (a restart re-reads at most this much). Default {@code
   * 5s}. Changes are searchable sooner: after each consumed batch (near-real-time refresh).
   */
  @WithDefault("5s")
  Duration commitInterval();

  /**
   * {@code kiroku.search.workers}: threads that run Lucene searches and suggestions. Default: the
   * machine's processors. More threads than cores only time-slice the same CPU: every search in
   * flight gets slower together, and a costly one (typo expansion) is stretched the most.
   */
  Optional<Integer> workers();

  /**
   * {@code kiroku.search.queue-capacity}: searches that may wait for a worker; one more is answered
   * 503 {@code SEARCH_BUSY} with {@code Retry-After: 1}. Default {@code 256}.
   */
  @WithDefault("256")
  int queueCapacity();
}
