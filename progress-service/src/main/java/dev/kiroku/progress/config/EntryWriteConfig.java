package dev.kiroku.progress.config;

import dev.kiroku.platform.batch.GroupCommit;
import io.smallrye.config.ConfigMapping;

/**
 * {@code kiroku.progress.put.*}: the group commit of entry writes (PUT and PATCH), with the
 * platform's defaults ({@link GroupCommit.Limits}): {@code writers} 1 ({@code
 * KIROKU_PROGRESS_PUT_WRITERS}; a write goes to the writer of its (user, media) pair), {@code
 * batch-size} 64 ({@code KIROKU_PROGRESS_PUT_BATCH_SIZE}), {@code queue-capacity} 512 ({@code
 * KIROKU_PROGRESS_PUT_QUEUE_CAPACITY}).
 */
@ConfigMapping(prefix = "kiroku.progress.put")
public interface EntryWriteConfig extends GroupCommit.Limits {}
