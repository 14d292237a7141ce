package dev.kiroku.progress.service;

import dev.kiroku.contracts.progress.MediaSummary;
import dev.kiroku.platform.outbox.Outbox;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.progress.domain.Entry;
import dev.kiroku.progress.domain.EntryChange;
import dev.kiroku.progress.domain.EntryCommand;
import dev.kiroku.progress.domain.EntryResult;
import dev.kiroku.progress.domain.EntryRules;
import dev.kiroku.progress.domain.HistoryRow;
import dev.kiroku.progress.event.ProgressEventFactory;
import dev.kiroku.progress.repository.EntryListKeys;
import dev.kiroku.progress.repository.EntryRepository;
import dev.kiroku.progress.repository.SettingsRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * One library entry: create or replace (PUT), merge (PATCH), remove, read. PUT and PATCH are
 * committed by the group commit ({@link EntryWriteBatcher}); every write publishes its events
 * through the outbox in the same transaction.
 */
@ApplicationScoped
public class EntryService {

  private final Pool pool;
  private final EntryRepository entries;
  private final SettingsRepository settings;
  private final MediaCatalog media;
  private final EntryWriteBatcher batcher;
  private final Outbox outbox;
  private final ProgressEventFactory events;
  private final EntryListKeys listKeys;

  @Inject
  EntryService(
      Pool pool,
      EntryRepository entries,
      SettingsRepository settings,
      MediaCatalog media,
      EntryWriteBatcher batcher,
      Outbox outbox,
      ProgressEventFactory events,
      EntryListKeys listKeys) {
    this.pool = pool;
    this.entries = entries;
    this.settings = settings;
    this.media = media;
    this.batcher = batcher;
    this.outbox = outbox;
    this.events = events;
    this.listKeys = listKeys;
  }

  /**
   * {@code PUT /entries/{mediaId}}: create or replace.
   *
   * @param ifMatch the version the client read, null for none
   * @return the entry ({@code created} when it is new); fails with {@link ProblemException}: 404
   *     {@code MEDIA_NOT_FOUND}, 412 {@code VERSION_MISMATCH}, 409 {@code INVALID_TRANSITION}, 422,
   *     503 {@code CATALOG_UNAVAILABLE}, or 503 {@code SERVICE_UNAVAILABLE} with {@code
   *     Retry-After} when too many writes are queued
   */
  public Uni<EntryResult> put(String userId, UUID mediaId, EntryChange change, Long ifMatch) {
    return write(userId, mediaId, new EntryCommand.Put(change), ifMatch);
  }

  /**
   * {@code PATCH /entries/{mediaId}}: {@code merge} computes the change from the stored entry (in
   * the write's transaction, with the entry locked).
   *
   * @return the entry; fails as {@link #put}, and with 404 {@code ENTRY_NOT_FOUND} when there is no
   *     entry, or the 400 that {@code merge} throws
   */
  public Uni<EntryResult> patch(
      String userId, UUID mediaId, Function<Entry, EntryChange> merge, Long ifMatch) {
    return write(userId, mediaId, new EntryCommand.Patch(merge), ifMatch);
  }

  private Uni<EntryResult> write(String userId, UUID mediaId, EntryCommand command, Long ifMatch) {
    return media
        .require(mediaId)
        .flatMap(m -> batcher.submit(new EntryWrite(userId, m, command, ifMatch)));
  }

  /**
   * {@code DELETE /entries/{mediaId}}: removes the entry and its history, publishes {@code
   * EntryRemoved}.
   *
   * @throws ProblemException 404 {@code ENTRY_NOT_FOUND}, 412 {@code VERSION_MISMATCH}
   */
  public Uni<Void> delete(String userId, UUID mediaId, Long ifMatch) {
    return pool.withTransaction(
        tx ->
            entries
                .lock(tx, userId, mediaId)
                .flatMap(
                    found -> {
                      Entry cur = found.orElseThrow(() -> EntryRules.entryNotFound(mediaId));
                      EntryRules.checkVersion(cur, ifMatch);
                      return media
                          .find(mediaId)
                          .flatMap(
                              m -> {
                                MediaSummary summary = m.orElse(minimal(cur));
                                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                                return Uni.combine()
                                    .all()
                                    .unis(
                                        entries.delete(tx, cur.id),
                                        outbox.append(tx, events.removed(cur, summary, now)),
                                        listKeys.written(tx, cur, null))
                                    .discardItems();
                              });
                    }));
  }

  /**
   * {@code GET /entries/{mediaId}}.
   *
   * @throws ProblemException 404 {@code ENTRY_NOT_FOUND}
   */
  public Uni<EntryResult> get(String userId, UUID mediaId) {
    return Uni.combine()
        .all()
        .unis(
            entries.find(pool, userId, mediaId), settings.scale(pool, userId), media.find(mediaId))
        .asTuple()
        .map(
            t ->
                EntryResult.read(
                    t.getItem1().orElseThrow(() -> EntryRules.entryNotFound(mediaId)),
                    t.getItem3().orElse(null),
                    t.getItem2()));
  }

  /**
   * {@code GET /entries/{mediaId}/episodes}: every history row of every run.
   *
   * @throws ProblemException 404 {@code ENTRY_NOT_FOUND}
   */
  public Uni<List<HistoryRow>> history(String userId, UUID mediaId) {
    return entries
        .find(pool, userId, mediaId)
        .flatMap(
            found ->
                entries.history(
                    pool, found.orElseThrow(() -> EntryRules.entryNotFound(mediaId)).id));
  }

  /** What an event shows of a media item the projection no longer has. */
  private static MediaSummary minimal(Entry e) {
    return new MediaSummary(
        e.mediaId, e.mediaType, null, List.of(), null, null, null, null, null, List.of());
  }
}
