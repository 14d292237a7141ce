package dev.kiroku.contracts.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code MediaRemoved} on {@code catalog.media.v1} (key = media id). Compaction keeps it
 * as the last word on the id.
 *
 * @param id canonical media id
 * @param type media type
 * @param removedAt when it was removed
 */
public record MediaRemoved(UUID id, MediaType type, Instant removedAt) {}
