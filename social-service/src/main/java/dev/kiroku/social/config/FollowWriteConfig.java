package dev.kiroku.social.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code kiroku.social.follow.*}: the group commit of follows and unfollows. */
@ConfigMapping(prefix = "kiroku.social.follow")
public interface FollowWriteConfig {

  /**
   * Writers: transactions in flight at once ({@code KIROKU_SOCIAL_FOLLOW_WRITERS}). A write goes to
   * the writer of its (follower, followed) pair. On 2 shared cores one writer makes the biggest
   * batches; raise it with the database's cores.
   */
  @WithDefault("1")
  int writers();

  /** Most writes committed in one transaction ({@code KIROKU_SOCIAL_FOLLOW_BATCH_SIZE}). */
  @WithDefault("64")
  int batchSize();

  /**
   * Most writes waiting per writer ({@code KIROKU_SOCIAL_FOLLOW_QUEUE_CAPACITY}); beyond it a write
   * is refused at once with 503 and {@code Retry-After: 1}.
   */
  @WithDefault("512")
  int queueCapacity();
}
