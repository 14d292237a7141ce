package dev.kiroku.progress.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code kiroku.progress.put.*}: the group commit of entry writes (PUT and PATCH). */
@ConfigMapping(prefix = "kiroku.progress.put")
public interface EntryWriteConfig {

  /**
   * Writers: transactions in flight at once ({@code KIROKU_PROGRESS_PUT_WRITERS}). A write goes to
   * the writer of its (user, media) pair. On 2 shared cores 1 beat 2 and 4 (bigger batches, fewer
   * statements); raise it with the database's cores.
   */
  @WithDefault("1")
  int writers();

  /** Most writes committed in one transaction ({@code KIROKU_PROGRESS_PUT_BATCH_SIZE}). */
  @WithDefault("64")
  int batchSize();

  /**
   * Most writes waiting per writer ({@code KIROKU_PROGRESS_PUT_QUEUE_CAPACITY}); beyond it a write
   * is refused at once with 503 and {@code Retry-After: 1}.
   */
  @WithDefault("512")
  int queueCapacity();
}
