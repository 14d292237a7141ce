package dev.kiroku.progress.service;

import dev.kiroku.contracts.progress.EntryStatus;
import dev.kiroku.contracts.progress.MediaSummary;
import dev.kiroku.platform.outbox.Outbox;
import dev.kiroku.platform.outbox.OutboxEvent;
import dev.kiroku.platform.problem.Problem;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.progress.domain.Entry;
import dev.kiroku.progress.domain.EntryResult;
import dev.kiroku.progress.domain.EntryRules;
import dev.kiroku.progress.domain.EpisodeMarks;
import dev.kiroku.progress.domain.EpisodeRules;
import dev.kiroku.progress.domain.MediaUnits;
import dev.kiroku.progress.domain.MediaUnits.Unit;
import dev.kiroku.progress.domain.ProgressErrorCode;
import dev.kiroku.progress.domain.RatingScale;
import dev.kiroku.progress.event.ProgressEventFactory;
import dev.kiroku.progress.repository.EntryListKeys;
import dev.kiroku.progress.repository.EntryRepository;
import dev.kiroku.progress.repository.SettingsRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Episode-level tracking: marking and unmarking episodes (chapters) and "advance" to the next one.
 * One transaction per request ({@code Pool.withTransaction}): the entry row locked together with
 * the user's rating scale (pipelined), the history changed, the position re-read from the history,
 * then the entry and its events written (pipelined). A first write that races another creation of
 * the same entry hits the unique (user, media) constraint and is retried.
 */
@ApplicationScoped
public class EpisodeService {

  private final Pool pool;
  private final EntryRepository entries;
  private final SettingsRepository settings;
  private final MediaCatalog media;
  private final Outbox outbox;
  private final ProgressEventFactory events;
  private final EntryListKeys listKeys;

  @Inject
  EpisodeService(
      Pool pool,
      EntryRepository entries,
      SettingsRepository settings,
      MediaCatalog media,
      Outbox outbox,
      ProgressEventFactory events,
      EntryListKeys listKeys) {
    this.pool = pool;
    this.entries = entries;
    this.settings = settings;
    this.media = media;
    this.outbox = outbox;
    this.events = events;
    this.listKeys = listKeys;
  }

  /**
   * {@code POST} ({@code unmark=false}) or {@code DELETE /entries/{mediaId}/episodes}. Marking
   * creates the entry (active) when there is none.
   *
   * @return the entry after the change (unchanged when no unit changed)
   * @throws ProblemException 404 {@code ENTRY_NOT_FOUND} (unmark without an entry), 422 {@code
   *     INVALID_PROGRESS} ({@code watchedAt} in the future, units that do not exist), 400, and the
   *     media errors of {@link MediaCatalog#require}
   */
  public Uni<EntryResult> episodes(
      String userId, UUID mediaId, EpisodeMarks marks, boolean unmark) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Instant watchedAt = marks.watchedAt() == null ? now : marks.watchedAt();
    if (watchedAt.isAfter(now.plus(Duration.ofMinutes(5)))) {
      return Uni.createFrom()
          .failure(
              new ProblemException(
                  ProgressErrorCode.INVALID_PROGRESS,
                  "watchedAt is in the future",
                  List.of(new Problem.Violation("watchedAt", "must not be in the future")),
                  Map.of()));
    }
    return media
        .require(mediaId)
        .flatMap(
            m -> {
              List<Unit> units = EpisodeRules.units(m, marks);
              return pool.withTransaction(
                  tx ->
                      lockWithScale(tx, userId, mediaId)
                          .flatMap(
                              locked -> {
                                if (locked.entry() == null && unmark) {
                                  throw EntryRules.entryNotFound(mediaId);
                                }
                                return applyUnits(
                                    tx, locked, userId, m, units, unmark, watchedAt, now);
                              }));
            })
        .onFailure(EntryWriteBatcher::concurrentCreate)
        .retry()
        .atMost(2);
  }

  /**
   * {@code POST /entries/{mediaId}/advance}: marks the unit after the position (rolling over to the
   * next regular season; with no entry, the first one). When the next one has not aired, or the
   * entry is completed, nothing changes.
   *
   * @return the entry (unchanged when caught up; a not yet stored PLANNING entry when there is
   *     none)
   * @throws ProblemException 422 {@code INVALID_PROGRESS} for types without episodes, and the media
   *     errors of {@link MediaCatalog#require}
   */
  public Uni<EntryResult> advance(String userId, UUID mediaId) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return media
        .require(mediaId)
        .flatMap(
            m -> {
              if (!MediaUnits.hasHistory(m.type())) {
                throw EntryRules.invalidProgress(
                    "mediaId", "advance works on episodes and chapters, not " + m.type());
              }
              MediaUnits units = new MediaUnits(m);
              return pool.withTransaction(
                  tx ->
                      lockWithScale(tx, userId, mediaId)
                          .flatMap(
                              locked -> {
                                Entry cur = locked.entry();
                                boolean completed =
                                    cur != null && cur.status == EntryStatus.COMPLETED;
                                MediaUnits.Next next =
                                    completed
                                        ? new MediaUnits.Next(null, true)
                                        : units.next(
                                            cur == null
                                                ? null
                                                : EntryRules.position(m.type(), cur.progress));
                                if (next.caughtUp()) {
                                  Entry shown = cur != null ? cur : Entry.create(userId, m, now);
                                  return Uni.createFrom()
                                      .item(EntryResult.read(shown, m, locked.scale()));
                                }
                                return applyUnits(
                                    tx, locked, userId, m, List.of(next.unit()), false, now, now);
                              }));
            })
        .onFailure(EntryWriteBatcher::concurrentCreate)
        .retry()
        .atMost(2);
  }

  private record Locked(Entry entry, RatingScale scale) {}

  private Uni<Locked> lockWithScale(SqlConnection tx, String userId, UUID mediaId) {
    return Uni.combine()
        .all()
        .unis(entries.lock(tx, userId, mediaId), settings.scale(tx, userId))
        .asTuple()
        .map(t -> new Locked(t.getItem1().orElse(null), t.getItem2()));
  }

  private Uni<EntryResult> applyUnits(
      SqlConnection tx,
      Locked locked,
      String userId,
      MediaSummary m,
      List<Unit> units,
      boolean unmark,
      Instant watchedAt,
      Instant now) {
    Entry cur = locked.entry();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Entry e;
    Uni<Void> created;
    if (cur == null) {
      e = Entry.create(userId, m, now);
      e.status = EntryStatus.activeFor(m.type());
      e.startedAt = today;
      e.version = 1;
      created = entries.upsert(tx, e);
    } else {
      e = cur.copy();
      created = Uni.createFrom().voidItem();
    }
    int run = e.currentRun();
    return created
        .flatMap(
            v ->
                unmark
                    ? entries.unmark(tx, e.id, run, units)
                    : entries.mark(tx, e.id, run, units, watchedAt))
        .flatMap(
            changed -> {
              if (changed.isEmpty() && cur != null) {
                return Uni.createFrom().item(EntryResult.read(cur, m, locked.scale()));
              }
              return entries
                  .lastWatched(tx, e.id, run)
                  .flatMap(
                      position -> {
                        EpisodeRules.afterUnits(e, m, position, unmark, today);
                        e.version = cur == null ? 1 : cur.version + 1;
                        e.updatedAt = now;
                        List<OutboxEvent> out = new ArrayList<>();
                        if (cur == null) {
                          out.add(events.created(e, m, now));
                        }
                        out.add(events.episodes(e, m, changed, unmark, run, watchedAt, now));
                        if (cur != null && e.status != cur.status) {
                          out.add(events.updated(cur, e, m, now));
                        }
                        return Uni.combine()
                            .all()
                            .unis(
                                entries.upsert(tx, e),
                                outbox.append(tx, out),
                                listKeys.written(tx, cur, e))
                            .discardItems()
                            .map(x -> new EntryResult(e, m, locked.scale(), cur == null));
                      });
            });
  }
}
