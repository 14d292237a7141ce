package dev.kiroku.social.config;

import dev.kiroku.platform.batch.GroupCommit;
import io.smallrye.config.ConfigMapping;

/**
 * {@code kiroku.social.follow.*}: the group commit of follows and unfollows, with the platform's
 * defaults ({@link GroupCommit.Limits}): {@code writers} 1 ({@code KIROKU_SOCIAL_FOLLOW_WRITERS}; a
 * write goes to the writer of its (follower, followed) pair), {@code batch-size} 64 ({@code
 * KIROKU_SOCIAL_FOLLOW_BATCH_SIZE}), {@code queue-capacity} 512 ({@code
 * KIROKU_SOCIAL_FOLLOW_QUEUE_CAPACITY}).
 */
@ConfigMapping(prefix = "kiroku.social.follow")
public interface FollowWriteConfig extends GroupCommit.Limits {}
