package dev.kiroku.social.service;

import dev.kiroku.platform.batch.GroupCommit;
import dev.kiroku.social.config.FollowWriteConfig;
import dev.kiroku.social.domain.FollowState;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Group commit of follows and unfollows through the platform's {@link GroupCommit}: one writer per
 * shard takes up to {@code batch-size} waiting writes into ONE transaction ({@link
 * FollowBatchWriter}); each is answered after the commit with its own state or problem. A batch
 * that rolls back runs again one write at a time, so nothing is ever partly written.
 *
 * <p>The shard of a write is its (caller, handle) pair: a pair's writes commit in request order.
 * Settings: {@link FollowWriteConfig}; a full queue answers 503 {@code SERVICE_UNAVAILABLE} with
 * {@code Retry-After: 1}. Metrics: {@code kiroku_social_follow_batch_size} (writes per transaction)
 * and {@code kiroku_social_follow_batch_fallbacks_total}.
 */
@ApplicationScoped
class FollowWriteBatcher {

  private final GroupCommit<FollowWrite, FollowState> commits;

  @Inject
  FollowWriteBatcher(FollowBatchWriter writer, MeterRegistry metrics, FollowWriteConfig config) {
    this.commits =
        new GroupCommit<>(
            "follows and unfollows",
            "kiroku.social.follow",
            writer::write,
            FollowWrite::shard,
            failure -> false,
            config,
            metrics);
  }

  /**
   * Queues a write and answers once its batch committed (or it failed alone).
   *
   * @return the follow state after a follow, null after an unfollow; fails with the write's own
   *     {@link dev.kiroku.platform.problem.ProblemException} (404 {@code USER_NOT_FOUND}, 403
   *     {@code BLOCKED}, 422 {@code SELF_RELATION}) or 503 when the queue is full
   */
  Uni<FollowState> submit(FollowWrite write) {
    return commits.submit(write);
  }
}
