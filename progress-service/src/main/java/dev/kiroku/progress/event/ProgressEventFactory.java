package dev.kiroku.progress.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.contracts.Topic;
import dev.kiroku.contracts.progress.EntriesImported;
import dev.kiroku.contracts.progress.EntryCreated;
import dev.kiroku.contracts.progress.EntryRemoved;
import dev.kiroku.contracts.progress.EntryUpdated;
import dev.kiroku.contracts.progress.EpisodesWatched;
import dev.kiroku.contracts.progress.MediaSummary;
import dev.kiroku.contracts.progress.ProgressEvents;
import dev.kiroku.contracts.progress.Rated;
import dev.kiroku.contracts.progress.Reviewed;
import dev.kiroku.platform.outbox.OutboxEvent;
import dev.kiroku.progress.domain.Entry;
import dev.kiroku.progress.domain.MediaUnits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Maps entry changes to outbox events on {@code progress.events.v1}, keyed by user id, subject =
 * entry id. Each carries the media snapshot ({@link MediaSummary}).
 */
@ApplicationScoped
public class ProgressEventFactory {

  private final ObjectMapper json;

  @Inject
  ProgressEventFactory(ObjectMapper json) {
    this.json = json;
  }

  /**
   * The events for a PUT/PATCH-style change from {@code before} (null = created) to {@code after}.
   */
  public List<OutboxEvent> changed(Entry before, Entry after, MediaSummary media, Instant now) {
    return changed(before, after, media, now, null);
  }

  /**
   * {@link #changed(Entry, Entry, MediaSummary, Instant)} for a change made by an import job: every
   * payload carries {@code importId} (null = a change made in Kiroku).
   */
  public List<OutboxEvent> changed(
      Entry before, Entry after, MediaSummary media, Instant now, UUID importId) {
    List<OutboxEvent> events = new ArrayList<>();
    if (before == null) {
      events.add(created(after, media, now, importId));
    } else if (after.entryFieldsDiffer(before)) {
      events.add(updated(before, after, media, now, importId));
    }
    Integer previous = before == null ? null : before.rating;
    if (!java.util.Objects.equals(previous, after.rating)) {
      events.add(
          event(
              after,
              ProgressEvents.RATED,
              new Rated(
                  after.id,
                  after.userId,
                  media,
                  after.rating,
                  previous,
                  after.privateEntry,
                  now,
                  importId),
              now));
    }
    if (before == null ? after.reviewText != null : after.reviewDiffers(before)) {
      events.add(
          event(
              after,
              ProgressEvents.REVIEWED,
              new Reviewed(
                  after.id,
                  after.userId,
                  media,
                  after.reviewText,
                  after.reviewSpoiler,
                  after.reviewVisibility.name(),
                  after.privateEntry,
                  now,
                  importId),
              now));
    }
    return events;
  }

  public OutboxEvent updated(Entry before, Entry after, MediaSummary media, Instant now) {
    return updated(before, after, media, now, null);
  }

  private OutboxEvent updated(
      Entry before, Entry after, MediaSummary media, Instant now, UUID importId) {
    return event(
        after,
        ProgressEvents.ENTRY_UPDATED,
        new EntryUpdated(
            after.id,
            after.userId,
            media,
            before.status,
            after.status,
            before.progress,
            after.progress,
            after.repeatCount,
            after.repeating,
            after.startedAt,
            after.completedAt,
            after.privateEntry,
            after.version,
            now,
            importId),
        now);
  }

  public OutboxEvent created(Entry after, MediaSummary media, Instant now) {
    return created(after, media, now, null);
  }

  private OutboxEvent created(Entry after, MediaSummary media, Instant now, UUID importId) {
    return event(
        after,
        ProgressEvents.ENTRY_CREATED,
        new EntryCreated(
            after.id,
            after.userId,
            media,
            after.status,
            after.progress,
            after.repeatCount,
            after.startedAt,
            after.completedAt,
            after.privateEntry,
            after.version,
            now,
            importId),
        now);
  }

  public OutboxEvent episodes(
      Entry after,
      MediaSummary media,
      List<MediaUnits.Unit> units,
      boolean unmarked,
      int run,
      Instant watchedAt,
      Instant now) {
    boolean tv = after.mediaType == dev.kiroku.contracts.catalog.MediaType.TV;
    List<EpisodesWatched.Unit> list =
        units.stream()
            .map(
                u ->
                    new EpisodesWatched.Unit(
                        tv ? u.season() : null, u.number(), unmarked ? null : watchedAt))
            .toList();
    return event(
        after,
        ProgressEvents.EPISODES_WATCHED,
        new EpisodesWatched(
            after.id,
            after.userId,
            media,
            list,
            unmarked,
            run,
            after.privateEntry,
            after.version,
            now),
        now);
  }

  public OutboxEvent removed(Entry before, MediaSummary media, Instant now) {
    return event(
        before,
        ProgressEvents.ENTRY_REMOVED,
        new EntryRemoved(before.id, before.userId, media, now),
        now);
  }

  /** The one activity of a finished import job (after its per-entry events, same key). */
  public OutboxEvent entriesImported(EntriesImported payload) {
    return event(
        payload.userId(),
        payload.importId().toString(),
        ProgressEvents.ENTRIES_IMPORTED,
        payload,
        payload.occurredAt());
  }

  private OutboxEvent event(Entry entry, String type, Object payload, Instant now) {
    return event(entry.userId, entry.id.toString(), type, payload, now);
  }

  private OutboxEvent event(
      String userId, String subject, String type, Object payload, Instant now) {
    try {
      return new OutboxEvent(
          UUID.randomUUID(),
          Topic.PROGRESS_EVENTS.topicName(),
          userId,
          type,
          ProgressEvents.SOURCE,
          subject,
          json.writeValueAsString(payload),
          now);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialize " + type, e);
    }
  }
}
