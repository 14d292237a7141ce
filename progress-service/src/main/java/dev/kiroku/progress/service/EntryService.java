package dev.kiroku.progress.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.progress.EntryStatus;
import dev.kiroku.contracts.progress.MediaSummary;
import dev.kiroku.platform.outbox.Outbox;
import dev.kiroku.platform.outbox.OutboxEvent;
import dev.kiroku.platform.problem.Problem;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.progress.domain.Entry;
import dev.kiroku.progress.domain.EntryRules;
import dev.kiroku.progress.domain.MediaUnits;
import dev.kiroku.progress.domain.MediaUnits.Unit;
import dev.kiroku.progress.domain.ProgressErrorCode;
import dev.kiroku.progress.domain.RatingScale;
import dev.kiroku.progress.event.ProgressEventFactory;
import dev.kiroku.progress.repository.EntryRepository;
import dev.kiroku.progress.repository.MediaProjectionRepository;
import dev.kiroku.progress.rest.EntryRequest;
import dev.kiroku.progress.rest.EntryView;
import dev.kiroku.progress.rest.EpisodesRequest;
import dev.kiroku.progress.rest.ProgressBody;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Library entry use cases. Every write runs in one database transaction on the reactive pool: the
 * entry row is locked ({@code SELECT ... FOR UPDATE}) together with the user's rating scale (both
 * queries pipelined), the new state is computed by {@link EntryRules}, then the entry, its history
 * changes (one statement) and the outbox events are written (pipelined) and committed together.
 */
@ApplicationScoped
public class EntryService {

  /** Most units one {@code /episodes} request may mark or unmark. */
  public static final int MAX_UNITS_PER_REQUEST = 2_000;

  private final Pool pool;
  private final EntryRepository repo;
  private final MediaProjectionRepository media;
  private final Outbox outbox;
  private final ProgressEventFactory events;
  private final ObjectMapper json;
  private final Validator validator;
  private final dev.kiroku.platform.outbox.OutboxRelay relay;
  private final EntryWriteBatcher batcher;

  /**
   * @param putShards writers of the PUT group commit ({@code kiroku.progress.put.writers})
   * @param putBatch most PUTs per transaction ({@code kiroku.progress.put.batch-size})
   * @param putQueue most PUTs waiting per writer before 503 ({@code
   *     kiroku.progress.put.queue-capacity})
   */
  @Inject
  EntryService(
      Pool pool,
      EntryRepository repo,
      MediaProjectionRepository media,
      Outbox outbox,
      ProgressEventFactory events,
      ObjectMapper json,
      Validator validator,
      dev.kiroku.platform.outbox.OutboxRelay relay,
      io.micrometer.core.instrument.MeterRegistry metrics,
      @ConfigProperty(name = "kiroku.progress.put.writers", defaultValue = "1") int putShards,
      @ConfigProperty(name = "kiroku.progress.put.batch-size", defaultValue = "64") int putBatch,
      @ConfigProperty(name = "kiroku.progress.put.queue-capacity", defaultValue = "512")
          int putQueue) {
    this.pool = pool;
    this.repo = repo;
    this.media = media;
    this.outbox = outbox;
    this.events = events;
    this.json = json;
    this.validator = validator;
    this.relay = relay;
    this.batcher =
        new EntryWriteBatcher(
            pool,
            repo,
            events,
            outbox,
            relay,
            job -> putOne(job.userId(), job.media(), job.request(), job.ifMatch()),
            metrics,
            putShards,
            putBatch,
            putQueue);
  }

  /** A written (or unchanged) entry and whether it was created. */
  public record Saved(EntryView view, boolean created) {}

  /**
   * {@code PUT /entries/{mediaId}}: create or replace. Concurrent PUTs are committed in groups
   * ({@link EntryWriteBatcher}); each still gets its own answer or error.
   *
   * @return the saved entry; fails with {@link ProblemException} (404 {@code MEDIA_NOT_FOUND}, 412
   *     {@code VERSION_MISMATCH}, 409, 422, 503 {@code CATALOG_UNAVAILABLE}, or 503 {@code
   *     SERVICE_UNAVAILABLE} when too many writes are queued: see {@link #isBusy(Throwable)})
   */
  public Uni<Saved> put(
      String userId, UUID mediaId, EntryRequest request, Long ifMatch, String authorization) {
    return media
        .require(mediaId, authorization)
        .flatMap(m -> batcher.submit(userId, m, request, ifMatch));
  }

  /** Whether a PUT failed only because the write queue was full (answer 503 with Retry-After). */
  public static boolean isBusy(Throwable failure) {
    return failure instanceof EntryWriteBatcher.Busy;
  }

  /** One PUT in its own transaction (the path a failed batch falls back to). */
  private Uni<Saved> putOne(String userId, MediaSummary m, EntryRequest request, Long ifMatch) {
    return Uni.createFrom()
        .deferred(
            () ->
                pool.withConnection(
                    conn -> {
                      // BEGIN is pipelined with the two reads, COMMIT with the writes: two round
                      // trips per PUT. Any failure rolls back before the connection goes back.
                      Uni<Void> begin = conn.query("BEGIN").execute().replaceWithVoid();
                      Uni<Locked> read = lockWithScale(conn, userId, m.id());
                      return Uni.combine()
                          .all()
                          .unis(begin, read)
                          .asTuple()
                          .flatMap(
                              t -> {
                                Locked locked = t.getItem2();
                                checkVersion(locked.entry, ifMatch);
                                Prepared p =
                                    save(conn, locked.entry, userId, m, request, locked.scale);
                                Uni<Void> commit = conn.query("COMMIT").execute().replaceWithVoid();
                                if (p.writes() == null) {
                                  return commit.replaceWith(p.saved());
                                }
                                return Uni.combine()
                                    .all()
                                    .unis(p.writes(), commit)
                                    .discardItems()
                                    .invoke(relay::wake)
                                    .replaceWith(p.saved());
                              })
                          .onFailure()
                          .call(
                              () -> conn.query("ROLLBACK").execute().onFailure().recoverWithNull());
                    }))
        .onFailure(EntryService::concurrentCreate)
        .retry()
        .atMost(2);
  }

  /**
   * {@code PATCH /entries/{mediaId}}: the JSON merge patch over the current entry. {@code rating}
   * is replaced as a whole; {@code progress} and {@code review} are merged field by field.
   */
  public Uni<Saved> patch(
      String userId, UUID mediaId, JsonNode patch, Long ifMatch, String authorization) {
    if (patch == null || !patch.isObject()) {
      return Uni.createFrom()
          .failure(
              new ProblemException(
                  dev.kiroku.platform.problem.CommonErrorCode.MALFORMED_REQUEST,
                  "The body must be a JSON object."));
    }
    return media
        .require(mediaId, authorization)
        .flatMap(
            m ->
                pool.withTransaction(
                    tx ->
                        lockWithScale(tx, userId, mediaId)
                            .flatMap(
                                locked -> {
                                  Entry cur = requireEntry(locked.entry, mediaId);
                                  checkVersion(cur, ifMatch);
                                  EntryRequest merged = merge(cur, (ObjectNode) patch);
                                  return written(save(tx, cur, userId, m, merged, locked.scale));
                                })));
  }

  /** {@code DELETE /entries/{mediaId}}: removes the entry and its history. */
  public Uni<Void> delete(String userId, UUID mediaId, Long ifMatch) {
    return pool.withTransaction(
        tx ->
            repo.lock(tx, userId, mediaId)
                .flatMap(
                    found -> {
                      Entry cur = requireEntry(found.orElse(null), mediaId);
                      checkVersion(cur, ifMatch);
                      return media
                          .find(mediaId)
                          .flatMap(
                              m -> {
                                MediaSummary summary = m.orElse(minimal(cur));
                                Instant now =
                                    Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
                                return Uni.combine()
                                    .all()
                                    .unis(
                                        repo.delete(tx, cur.id),
                                        outbox.append(tx, events.removed(cur, summary, now)))
                                    .discardItems();
                              });
                    }));
  }

  /** {@code GET /entries/{mediaId}}. */
  public Uni<EntryView> get(String userId, UUID mediaId) {
    return Uni.combine()
        .all()
        .unis(repo.find(pool, userId, mediaId), repo.scale(pool, userId), media.find(mediaId))
        .asTuple()
        .map(
            t ->
                EntryView.of(
                    requireEntry(t.getItem1().orElse(null), mediaId),
                    t.getItem3().orElse(null),
                    t.getItem2(),
                    true));
  }

  /** {@code GET /entries/{mediaId}/episodes}: every history row, all runs. */
  public Uni<List<EntryRepository.HistoryRow>> history(String userId, UUID mediaId) {
    return repo.find(pool, userId, mediaId)
        .flatMap(found -> repo.history(pool, requireEntry(found.orElse(null), mediaId).id));
  }

  public Uni<RatingScale> scale(String userId) {
    return repo.scale(pool, userId);
  }

  public Uni<Void> saveScale(String userId, RatingScale scale) {
    return repo.saveScale(pool, userId, scale);
  }

  /** {@code POST} ({@code unmark=false}) or {@code DELETE /entries/{mediaId}/episodes}. */
  public Uni<EntryView> episodes(
      String userId, UUID mediaId, EpisodesRequest request, boolean unmark, String authorization) {
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    Instant watchedAt = request.watchedAt() == null ? now : request.watchedAt();
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
        .require(mediaId, authorization)
        .flatMap(
            m -> {
              List<Unit> units = requestedUnits(m, request);
              return pool.withTransaction(
                  tx ->
                      lockWithScale(tx, userId, mediaId)
                          .flatMap(
                              locked -> {
                                if (locked.entry == null && unmark) {
                                  throw notFound(mediaId);
                                }
                                return applyUnits(
                                    tx,
                                    locked.entry,
                                    userId,
                                    m,
                                    locked.scale,
                                    units,
                                    unmark,
                                    watchedAt,
                                    now);
                              }));
            })
        .onFailure(EntryService::concurrentCreate)
        .retry()
        .atMost(2);
  }

  /**
   * {@code POST /entries/{mediaId}/advance}: marks the next episode (rolling over to the next
   * regular season); at the last aired episode returns the entry unchanged with {@code caughtUp:
   * true}.
   */
  public Uni<EntryView> advance(String userId, UUID mediaId, String authorization) {
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    return media
        .require(mediaId, authorization)
        .flatMap(
            m -> {
              if (!MediaUnits.hasHistory(m.type())) {
                throw EntryRules.invalidProgress(
                    "mediaId", "advance works on episodes and chapters, not on " + m.type());
              }
              MediaUnits units = new MediaUnits(m);
              return pool.withTransaction(
                  tx ->
                      lockWithScale(tx, userId, mediaId)
                          .flatMap(
                              locked -> {
                                Entry cur = locked.entry;
                                Unit pos =
                                    cur == null || (cur.status == EntryStatus.COMPLETED)
                                        ? null
                                        : EntryRules.position(m.type(), cur.progress);
                                MediaUnits.Next next =
                                    cur != null && cur.status == EntryStatus.COMPLETED
                                        ? new MediaUnits.Next(null, true)
                                        : units.next(pos);
                                if (next.caughtUp()) {
                                  Entry shown = cur != null ? cur : transientEntry(userId, m, now);
                                  return Uni.createFrom()
                                      .item(
                                          EntryView.of(shown, m, locked.scale, true)
                                              .withNext(true, null));
                                }
                                return applyUnits(
                                        tx,
                                        cur,
                                        userId,
                                        m,
                                        locked.scale,
                                        List.of(next.unit()),
                                        false,
                                        now,
                                        now)
                                    .map(view -> withNext(view, m, units));
                              }));
            })
        .onFailure(EntryService::concurrentCreate)
        .retry()
        .atMost(2);
  }

  /** The view with {@code caughtUp} and the next episode from its position. */
  public static EntryView withNext(EntryView view, MediaSummary m, MediaUnits units) {
    if (view.status() == EntryStatus.COMPLETED) {
      return view.withNext(true, null);
    }
    MediaUnits.Next n = units.next(EntryRules.position(m.type(), view.progress()));
    return view.withNext(
        n.caughtUp(),
        n.caughtUp()
            ? null
            : EntryRules.withPosition(
                m.type(), dev.kiroku.contracts.progress.Progress.NONE, n.unit()));
  }

  // --- internals -------------------------------------------------------------------------------

  private record Locked(Entry entry, RatingScale scale) {}

  private Uni<Locked> lockWithScale(SqlConnection tx, String userId, UUID mediaId) {
    return Uni.combine()
        .all()
        .unis(repo.lock(tx, userId, mediaId), repo.scale(tx, userId))
        .asTuple()
        .map(t -> new Locked(t.getItem1().orElse(null), t.getItem2()));
  }

  /** A computed change: the answer, and the writes already sent (null when nothing changed). */
  private record Prepared(Saved saved, Uni<Void> writes) {}

  /** The writes of {@code p} in the caller's transaction, then its answer. */
  private static Uni<Saved> written(Prepared p) {
    return p.writes() == null
        ? Uni.createFrom().item(p.saved())
        : p.writes().replaceWith(p.saved());
  }

  private Prepared save(
      SqlConnection tx,
      Entry cur,
      String userId,
      MediaSummary m,
      EntryRequest request,
      RatingScale scale) {
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    EntryRules.Change change = EntryRules.apply(cur, userId, m, request, scale, now);
    Entry e = change.entry();
    if (unchanged(cur, change)) {
      return new Prepared(new Saved(EntryView.of(cur, m, scale, true), false), null);
    }
    e.version = (cur == null ? 0 : cur.version) + 1;
    e.updatedAt = now;
    List<OutboxEvent> out = events.changed(cur, e, m, now);
    // subscribed at once, so both statements are sent (pipelined) before anything that follows
    Uni<Void> writes =
        Uni.combine()
            .all()
            .unis(repo.write(tx, e, change.lowerTo(), change.mark(), now), outbox.append(tx, out))
            .discardItems()
            .memoize()
            .indefinitely();
    writes.subscribe().with(ok -> {}, failure -> {});
    return new Prepared(new Saved(EntryView.of(e, m, scale, true), cur == null), writes);
  }

  private Uni<EntryView> applyUnits(
      SqlConnection tx,
      Entry cur,
      String userId,
      MediaSummary m,
      RatingScale scale,
      List<Unit> units,
      boolean unmark,
      Instant watchedAt,
      Instant now) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Entry e;
    Uni<Void> created;
    if (cur == null) {
      e = transientEntry(userId, m, now);
      e.status = EntryStatus.activeFor(m.type());
      e.startedAt = today;
      e.version = 1;
      e.updatedAt = now;
      created = repo.write(tx, e, null, List.of(), now);
    } else {
      e = cur.copy();
      created = Uni.createFrom().voidItem();
    }
    int run = e.currentRun();
    MediaUnits mu = new MediaUnits(m);
    return created
        .flatMap(
            v ->
                unmark
                    ? repo.unmark(tx, e.id, run, units)
                    : repo.mark(tx, e.id, run, units, watchedAt))
        .flatMap(
            changed -> {
              if (changed.isEmpty() && cur != null) {
                return Uni.createFrom().item(EntryView.of(cur, m, scale, true));
              }
              return repo.lastWatched(tx, e.id, run)
                  .flatMap(
                      pos -> {
                        e.progress = EntryRules.withPosition(m.type(), e.progress, pos);
                        Unit last = mu.last();
                        boolean atEnd = last != null && pos.compareTo(last) >= 0;
                        if (!unmark && atEnd && e.status != EntryStatus.COMPLETED) {
                          e.status = EntryStatus.COMPLETED;
                          if (e.repeating) {
                            e.repeatCount++;
                            e.repeating = false;
                            e.lastRepeatedAt = today;
                          } else if (e.completedAt == null) {
                            e.completedAt = today;
                          }
                        } else if (!unmark
                            && Set.of(EntryStatus.PLANNING, EntryStatus.PAUSED, EntryStatus.DROPPED)
                                .contains(e.status)) {
                          e.status = EntryStatus.activeFor(m.type());
                        } else if (unmark && e.status == EntryStatus.COMPLETED && !atEnd) {
                          e.status = EntryStatus.activeFor(m.type());
                        }
                        if (e.status.isActive() && e.startedAt == null && !e.repeating) {
                          e.startedAt = today;
                        }
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
                            .unis(repo.write(tx, e, null, List.of(), now), outbox.append(tx, out))
                            .discardItems()
                            .map(x -> EntryView.of(e, m, scale, true));
                      });
            });
  }

  private static List<Unit> requestedUnits(MediaSummary m, EpisodesRequest r) {
    MediaUnits mu = new MediaUnits(m);
    if (!MediaUnits.hasHistory(m.type())) {
      throw EntryRules.invalidProgress(
          "mediaId",
          "episodes and chapters are tracked for anime, TV, manga and podcasts, not " + m.type());
    }
    boolean single = r.episode() != null;
    boolean range = r.from() != null || r.to() != null;
    if (single == range || (range && (r.from() == null || r.to() == null))) {
      throw new ProblemException(
          dev.kiroku.platform.problem.CommonErrorCode.VALIDATION_FAILED,
          "Give either episode, or from and to.",
          List.of(new Problem.Violation("episode", "give either episode, or from and to")),
          Map.of());
    }
    int from = single ? r.episode() : r.from();
    int to = single ? r.episode() : r.to();
    if (to < from) {
      throw EntryRules.invalidProgress("to", "must not be less than from");
    }
    if (to - from + 1 > MAX_UNITS_PER_REQUEST) {
      throw EntryRules.invalidProgress(
          "to", "at most " + MAX_UNITS_PER_REQUEST + " units per request");
    }
    int season;
    if (m.type() == MediaType.TV) {
      season = r.season() == null ? 1 : r.season();
      if (!mu.seasonExists(season)) {
        throw EntryRules.invalidProgress("season", "season " + season + " is unknown");
      }
    } else {
      if (r.season() != null && r.season() != 1) {
        throw EntryRules.invalidProgress("season", "only TV has seasons");
      }
      season = 1;
    }
    Integer total = mu.total(season);
    if (total != null && to > total) {
      throw EntryRules.invalidProgress(
          single ? "episode" : "to", "must be at most " + total + " (the known total)");
    }
    List<Unit> units = new ArrayList<>(to - from + 1);
    for (int n = from; n <= to; n++) {
      units.add(new Unit(season, n));
    }
    return units;
  }

  private EntryRequest merge(Entry cur, ObjectNode patch) {
    ObjectNode base = json.createObjectNode();
    base.put("status", cur.status.name());
    if (cur.rating != null) {
      base.putObject("rating").put("value", cur.rating).put("scale", RatingScale.POINT_100.name());
    }
    if (cur.reviewText != null) {
      base.putObject("review")
          .put("text", cur.reviewText)
          .put("spoiler", cur.reviewSpoiler)
          .put("visibility", cur.reviewVisibility.name());
    }
    if (cur.notes != null) {
      base.put("notes", cur.notes);
    }
    base.put("private", cur.privateEntry);
    var fields = patch.fields();
    while (fields.hasNext()) {
      var f = fields.next();
      String name = f.getKey();
      JsonNode value = f.getValue();
      if (name.equals("progress") && value.isObject()) {
        ObjectNode merged = json.valueToTree(ProgressBody.of(cur.progress));
        mergeInto(merged, (ObjectNode) value);
        base.set("progress", merged);
      } else if (name.equals("review") && value.isObject() && base.get("review") != null) {
        mergeInto((ObjectNode) base.get("review"), (ObjectNode) value);
      } else if (value.isNull()) {
        base.remove(name);
      } else {
        base.set(name, value);
      }
    }
    EntryRequest request;
    try {
      request = json.treeToValue(base, EntryRequest.class);
    } catch (JsonProcessingException e) {
      String field =
          e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
              ? mapping.getPath().stream()
                  .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                  .reduce((a, b) -> a + "." + b)
                  .orElse("body")
              : "body";
      throw new ProblemException(
          dev.kiroku.platform.problem.CommonErrorCode.MALFORMED_REQUEST,
          field + " has the wrong type or value",
          List.of(new Problem.Violation(field, "has the wrong type or value")),
          Map.of());
    }
    Set<ConstraintViolation<EntryRequest>> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    return request;
  }

  private static void mergeInto(ObjectNode target, ObjectNode patch) {
    var fields = patch.fields();
    while (fields.hasNext()) {
      var f = fields.next();
      if (f.getValue().isNull()) {
        target.remove(f.getKey());
      } else {
        target.set(f.getKey(), f.getValue());
      }
    }
  }

  private static Entry transientEntry(String userId, MediaSummary m, Instant now) {
    Entry e = new Entry();
    e.id = UUID.randomUUID();
    e.userId = userId;
    e.mediaId = m.id();
    e.mediaType = m.type();
    e.status = EntryStatus.PLANNING;
    e.createdAt = now;
    e.updatedAt = now;
    return e;
  }

  private static MediaSummary minimal(Entry e) {
    return new MediaSummary(
        e.mediaId, e.mediaType, null, List.of(), null, null, null, null, null, List.of());
  }

  private static Entry requireEntry(Entry entry, UUID mediaId) {
    if (entry == null) {
      throw notFound(mediaId);
    }
    return entry;
  }

  private static ProblemException notFound(UUID mediaId) {
    return new ProblemException(
        ProgressErrorCode.ENTRY_NOT_FOUND, "You have no library entry for media " + mediaId + ".");
  }

  /** Whether {@code change} leaves {@code cur} as it is (nothing to write, nothing to publish). */
  static boolean unchanged(Entry cur, EntryRules.Change change) {
    Entry e = change.entry();
    return cur != null
        && !e.entryFieldsDiffer(cur)
        && !e.reviewDiffers(cur)
        && Objects.equals(e.rating, cur.rating)
        && change.mark().isEmpty()
        && change.lowerTo() == null;
  }

  static void checkVersion(Entry entry, Long ifMatch) {
    if (ifMatch == null) {
      return;
    }
    if (entry == null || entry.version != ifMatch) {
      throw new ProblemException(
          ProgressErrorCode.VERSION_MISMATCH,
          entry == null
              ? "If-Match names version " + ifMatch + " but there is no entry."
              : "If-Match names version "
                  + ifMatch
                  + " but the entry is at version "
                  + entry.version
                  + "; read it again and reapply your change.",
          List.of(),
          entry == null ? Map.of() : Map.of("currentVersion", entry.version));
    }
  }

  private static boolean concurrentCreate(Throwable t) {
    return t instanceof PgException pg
        && "23505".equals(pg.getSqlState())
        && String.valueOf(pg.getConstraint()).startsWith("library_entry_user_media");
  }
}
