package dev.kiroku.progress.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kiroku.contracts.progress.EntryStatus;
import java.time.LocalDate;

/**
 * Body of {@code PUT /entries/{mediaId}} (and, merged over the current entry, of {@code PATCH}).
 * Mapped to the domain's {@code EntryChange} by {@link EntryRequests}, whose constraints it is
 * validated against (limits in the README).
 *
 * <p>{@code {"status": "WATCHING", "progress": {"season": 1, "episode": 3}, "rating": {"value": 8,
 * "scale": "POINT_10"}, "startedAt": "2026-01-02", "review": {"text": "...", "spoiler": false,
 * "visibility": "PUBLIC"}, "notes": "...", "private": false}}
 *
 * @param status required
 * @param progress absent = keep the current position (history is never dropped by omission)
 * @param rating absent = no rating (PUT replaces)
 * @param startedAt absent = keep, or today on the first active status
 * @param completedAt absent = keep, or today on completion
 * @param review absent = no review (PUT replaces)
 * @param notes private notes, at most 10,000 characters
 * @param privateEntry JSON {@code private}: hide the entry from everyone else
 * @param repeatCount completed repeats (0-1,000); absent = keep
 */
public record EntryRequest(
    EntryStatus status,
    ProgressBody progress,
    RatingBody rating,
    LocalDate startedAt,
    LocalDate completedAt,
    ReviewBody review,
    String notes,
    @JsonProperty("private") Boolean privateEntry,
    Integer repeatCount) {}
