package dev.kiroku.progress.service.imports;

import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.progress.EntriesImported;
import dev.kiroku.contracts.progress.MediaSummary;
import dev.kiroku.platform.outbox.Outbox;
import dev.kiroku.platform.outbox.OutboxEvent;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.progress.config.ImportConfig;
import dev.kiroku.progress.domain.Entry;
import dev.kiroku.progress.domain.ProgressErrorCode;
import dev.kiroku.progress.domain.RatingScale;
import dev.kiroku.progress.domain.imports.ExistingEntry;
import dev.kiroku.progress.domain.imports.HistoryInsert;
import dev.kiroku.progress.domain.imports.HistoryTrim;
import dev.kiroku.progress.domain.imports.ImportJobView;
import dev.kiroku.progress.domain.imports.ImportMode;
import dev.kiroku.progress.domain.imports.ImportPlanner;
import dev.kiroku.progress.domain.imports.ImportPlanner.Outcome;
import dev.kiroku.progress.domain.imports.ImportPlanner.Plan;
import dev.kiroku.progress.domain.imports.format.ImportFileRejectedException;
import dev.kiroku.progress.domain.imports.format.ImportFormat;
import dev.kiroku.progress.domain.imports.format.ImportLimits;
import dev.kiroku.progress.domain.imports.format.ImportOptions;
import dev.kiroku.progress.domain.imports.format.ImportedEntry;
import dev.kiroku.progress.domain.imports.format.RowProblem;
import dev.kiroku.progress.event.ProgressEventFactory;
import dev.kiroku.progress.repository.ImportJobRepository;
import dev.kiroku.progress.repository.ImportWrites;
import dev.kiroku.progress.repository.SettingsRepository;
import dev.kiroku.progress.service.imports.CatalogResolver.Resolution;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Import jobs: accepted uploads are spooled to disk, queued on a bounded executor (separate from
 * the event loops and the request worker pool) and run one batch at a time:
 *
 * <ol>
 *   <li>the file is read through once to check it whole (limits, well-formedness, format): a file
 *       that fails fails the job, and nothing of it is written;
 *   <li>it is read again, {@code kiroku.imports.batch-size} rows at a time: ids resolved ({@link
 *       CatalogResolver}), the user's entries for them read and locked, each row planned ({@link
 *       ImportPlanner}), then entries, history, import state, outbox events, counts and report
 *       lines written in one transaction per batch;
 *   <li>at the end, one {@code EntriesImported} event when the job changed anything.
 * </ol>
 *
 * A dry run does the same without the library writes and events. A process that stops while holding
 * jobs stops refreshing their heartbeat; any replica's sweep then fails them as {@code INTERRUPTED}
 * (importing again is safe: a second import of the same file changes nothing).
 */
@ApplicationScoped
public class ImportJobs {

  private static final Logger LOG = Logger.getLogger(ImportJobs.class);
  private static final Duration DB_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration HEARTBEAT = Duration.ofSeconds(20);
  private static final Duration SILENCE = Duration.ofSeconds(90);

  /**
   * An accepted upload.
   *
   * @param userId the uploader (token subject)
   */
  public record Request(
      String userId,
      ImportFormat format,
      ImportMode mode,
      boolean dryRun,
      ImportOptions options,
      String fileName,
      Path upload,
      long fileBytes) {}

  private final Pool pool;
  private final ImportJobRepository jobs;
  private final ImportWrites writes;
  private final SettingsRepository settings;
  private final CatalogResolver resolver;
  private final ProgressEventFactory events;
  private final Outbox outbox;
  private final ImportPlanner planner;
  private final Vertx vertx;
  private final Path spool;
  private final ImportLimits limits;
  private final int batchSize;
  private final ThreadPoolExecutor executor;
  private final Set<UUID> held = ConcurrentHashMap.newKeySet();
  private long timer = -1;

  @Inject
  ImportJobs(
      Pool pool,
      ImportJobRepository jobs,
      ImportWrites writes,
      SettingsRepository settings,
      CatalogResolver resolver,
      ProgressEventFactory events,
      Outbox outbox,
      Validator validator,
      Vertx vertx,
      ImportConfig config) {
    this.pool = pool;
    this.jobs = jobs;
    this.writes = writes;
    this.settings = settings;
    this.resolver = resolver;
    this.events = events;
    this.outbox = outbox;
    this.planner = new ImportPlanner(validator);
    this.vertx = vertx;
    this.spool = config.spoolDir();
    this.limits =
        ImportLimits.DEFAULTS
            .withMaxBytes(config.maxFileBytes())
            .withMaxEntries(config.maxEntries());
    this.batchSize = config.batchSize();
    this.executor =
        new ThreadPoolExecutor(
            config.concurrency(),
            config.concurrency(),
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(config.queueCapacity()),
            r -> {
              Thread t = new Thread(r, "kiroku-import");
              t.setDaemon(true);
              return t;
            });
  }

  /** The limits every file is read with (size, rows, line and value lengths). */
  public ImportLimits limits() {
    return limits;
  }

  void onStart(@Observes StartupEvent start) throws IOException {
    Files.createDirectories(spool);
    timer = vertx.setPeriodic(HEARTBEAT.toMillis(), id -> beat());
  }

  void onStop(@Observes ShutdownEvent stop) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    executor.shutdownNow();
  }

  private void beat() {
    jobs.heartbeat(List.copyOf(held))
        .chain(() -> jobs.sweep(SILENCE))
        .subscribe()
        .with(
            swept -> {
              if (swept > 0) {
                LOG.warnf("%d import job(s) failed as interrupted (no heartbeat)", swept);
              }
            },
            failure -> LOG.warnf("import heartbeat failed: %s", failure.toString()));
  }

  /**
   * Accepts an upload: moves it to the spool, records a QUEUED job and queues it. Blocking (file
   * move): call on a worker thread.
   *
   * @return the new job (QUEUED, or FAILED at once when the file is over the size limit)
   * @throws ProblemException 503 {@code IMPORTS_BUSY} when the queue is full
   */
  public ImportJobView submit(Request r) {
    UUID id = UUID.randomUUID();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    String format = r.format().source().key();
    if (executor.getQueue().remainingCapacity() == 0) {
      deleteQuietly(r.upload());
      throw busy();
    }
    Path file = spool.resolve(id.toString());
    try {
      Files.move(r.upload(), file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spool the upload", e);
    }
    jobs.create(id, r.userId(), format, r.mode(), r.dryRun(), r.fileName(), r.fileBytes(), now)
        .await()
        .atMost(DB_TIMEOUT);
    if (r.fileBytes() > limits.maxBytes()) {
      // refused before any parsing: the job exists and says why
      deleteQuietly(file);
      jobs.fail(
              id,
              ImportFileRejectedException.Reason.FILE_TOO_LARGE.name(),
              "the file has "
                  + r.fileBytes()
                  + " bytes; imports take at most "
                  + limits.maxBytes()
                  + " bytes (gzip the export, or split it)")
          .await()
          .atMost(DB_TIMEOUT);
      return view(r.userId(), id);
    }
    held.add(id);
    try {
      executor.execute(() -> run(id, r, file));
    } catch (RejectedExecutionException full) {
      held.remove(id);
      deleteQuietly(file);
      jobs.fail(id, "QUEUE_FULL", "too many imports queued; try again later")
          .await()
          .atMost(DB_TIMEOUT);
      throw busy();
    }
    return view(r.userId(), id);
  }

  private ImportJobView view(String userId, UUID id) {
    return jobs.find(userId, id).await().atMost(DB_TIMEOUT).orElseThrow();
  }

  private static ProblemException busy() {
    return new ProblemException(
        ProgressErrorCode.IMPORTS_BUSY,
        "Too many imports are queued on this instance; try again in a minute.",
        List.of(),
        Map.of("retryAfterSeconds", 60));
  }

  private void run(UUID id, Request r, Path file) {
    try {
      if (!jobs.start(id).await().atMost(DB_TIMEOUT)) {
        return; // swept meanwhile
      }
      new Run(id, r, file).execute();
    } catch (ImportFileRejectedException e) {
      jobs.fail(id, e.reason().name(), e.getMessage()).await().atMost(DB_TIMEOUT);
    } catch (RuntimeException | IOException e) {
      LOG.errorf(e, "import job %s failed", id);
      jobs.fail(id, "INTERNAL_ERROR", "the import stopped on an internal error: " + e)
          .await()
          .atMost(DB_TIMEOUT);
    } finally {
      held.remove(id);
      deleteQuietly(file);
    }
  }

  /** One job's run. */
  private final class Run {
    final UUID id;
    final Request r;
    final Path file;
    final CatalogResolver.Session session;
    final Set<UUID> seenMedia = new HashSet<>();
    final Map<UUID, Long> firstRecord = new HashMap<>();
    final Map<MediaType, Integer> byType = new EnumMap<>(MediaType.class);
    final int[] totals = new int[5]; // created, updated, unchanged, skipped, failed
    int reportLines;
    boolean scaleApplied;

    Run(UUID id, Request r, Path file) {
      this.id = id;
      this.r = r;
      this.file = file;
      this.session = new CatalogResolver.Session();
    }

    void execute() throws IOException {
      // pass 1: the whole file must be readable before anything is written
      long total;
      try (InputStream in = Files.newInputStream(file)) {
        total = r.format().parse(in, limits, r.options(), row -> {}).entries();
      }
      jobs.total(id, total).await().atMost(DB_TIMEOUT);
      // pass 2: batches
      List<ImportedEntry> batch = new ArrayList<>(batchSize);
      try (InputStream in = Files.newInputStream(file)) {
        r.format()
            .parse(
                in,
                limits,
                r.options(),
                row -> {
                  batch.add(row);
                  if (batch.size() >= batchSize) {
                    process(batch);
                    batch.clear();
                  }
                });
      }
      if (!batch.isEmpty()) {
        process(batch);
      }
      finish();
    }

    void process(List<ImportedEntry> rows) {
      Map<Long, Resolution> resolved = resolver.resolve(rows, session);
      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
      List<UUID> mediaIds =
          resolved.values().stream()
              .filter(x -> x.media() != null)
              .map(x -> x.media().id())
              .distinct()
              .toList();
      Batch[] planned = new Batch[1];
      pool.withTransaction(
              tx ->
                  writes
                      .existing(tx, r.userId(), mediaIds, !r.dryRun())
                      .flatMap(
                          existing -> {
                            Batch b = plan(rows, resolved, existing, now);
                            planned[0] = b;
                            var write =
                                r.dryRun()
                                    ? io.smallrye.mutiny.Uni.createFrom().voidItem()
                                    : writes
                                        .write(tx, id, b.entries, b.before, b.trims, b.history)
                                        .chain(() -> outbox.append(tx, b.events))
                                        .chain(() -> ratingScale(tx, rows));
                            return write.chain(
                                () -> jobs.addBatch(tx, id, b.counts, b.report, reportLines));
                          }))
          .await()
          .atMost(DB_TIMEOUT);
      reportLines += planned[0].report.size();
    }

    /**
     * A Kiroku export's rating scale becomes the user's when they have none yet (with {@code
     * mode=overwrite}: in any case), so a re-export reads the same.
     */
    private io.smallrye.mutiny.Uni<Void> ratingScale(
        io.vertx.mutiny.sqlclient.SqlConnection tx, List<ImportedEntry> rows) {
      String scale =
          rows.stream()
              .map(ImportedEntry::kiroku)
              .filter(k -> k != null && k.ratingScale() != null)
              .map(k -> k.ratingScale())
              .findFirst()
              .orElse(null);
      if (scale == null || scaleApplied) {
        return io.smallrye.mutiny.Uni.createFrom().voidItem();
      }
      scaleApplied = true;
      RatingScale parsed;
      try {
        parsed = RatingScale.valueOf(scale);
      } catch (IllegalArgumentException e) {
        return io.smallrye.mutiny.Uni.createFrom().voidItem();
      }
      return r.mode() == ImportMode.OVERWRITE
          ? settings.saveScale(tx, r.userId(), parsed)
          : settings.saveScaleIfAbsent(tx, r.userId(), parsed);
    }

    /** The batch's writes, counts and report (the counts are only added after the commit). */
    private final class Batch {
      final List<Entry> entries = new ArrayList<>();
      final List<Entry> before = new ArrayList<>(); // stored state of entries[i], null if created
      final List<HistoryTrim> trims = new ArrayList<>();
      final List<HistoryInsert> history = new ArrayList<>();
      final List<OutboxEvent> events = new ArrayList<>();
      final int[] counts = new int[5];
      final List<ImportJobView.Row> report = new ArrayList<>();
    }

    private Batch plan(
        List<ImportedEntry> rows,
        Map<Long, Resolution> resolved,
        Map<UUID, ExistingEntry> existing,
        Instant now) {
      Batch b = new Batch();
      for (ImportedEntry row : rows) {
        for (RowProblem p : row.problems()) {
          if (p.severity() == RowProblem.Severity.WARNING) {
            report(b, row, "WARNING", p.code(), p.field(), p.message(), null);
          }
        }
        if (!row.importable()) {
          RowProblem error =
              row.problems().stream()
                  .filter(p -> p.severity() == RowProblem.Severity.ERROR)
                  .findFirst()
                  .orElseThrow();
          count(b, Outcome.FAILED);
          report(b, row, "FAILED", error.code(), error.field(), error.message(), null);
          continue;
        }
        Resolution res = resolved.get(row.recordNumber());
        if (res == null || res.media() == null) {
          count(b, Outcome.FAILED);
          report(
              b,
              row,
              "FAILED",
              res == null ? "MEDIA_NOT_FOUND" : res.code(),
              null,
              res == null ? "not resolved" : res.detail(),
              null);
          continue;
        }
        MediaSummary media = res.media();
        if (!seenMedia.add(media.id())) {
          count(b, Outcome.SKIPPED);
          report(
              b,
              row,
              "SKIPPED",
              "DUPLICATE",
              null,
              "the same media item as row " + firstRecord.get(media.id()) + " of this file",
              media.id());
          continue;
        }
        firstRecord.put(media.id(), row.recordNumber());
        ExistingEntry current = existing.get(media.id());
        Plan plan = planner.plan(row, media, current, r.mode(), r.userId(), now);
        count(b, plan.outcome());
        switch (plan.outcome()) {
          case FAILED ->
              report(b, row, "FAILED", plan.code(), plan.field(), plan.detail(), media.id());
          case SKIPPED -> report(b, row, "SKIPPED", plan.code(), null, plan.detail(), media.id());
          case UNCHANGED -> {}
          case CREATED, UPDATED -> {
            Entry after = plan.after();
            b.entries.add(after);
            b.before.add(plan.before());
            b.history.addAll(plan.history());
            if (plan.trimAfter() != null) {
              b.trims.add(new HistoryTrim(after.id, after.currentRun(), plan.trimAfter()));
            }
            b.events.addAll(events.changed(plan.before(), after, media, now, id));
            byType.merge(media.type(), 1, Integer::sum);
          }
        }
      }
      return b;
    }

    private void count(Batch b, Outcome outcome) {
      int i =
          switch (outcome) {
            case CREATED -> 0;
            case UPDATED -> 1;
            case UNCHANGED -> 2;
            case SKIPPED -> 3;
            case FAILED -> 4;
          };
      b.counts[i]++;
      totals[i]++;
    }

    private void report(
        Batch b,
        ImportedEntry row,
        String outcome,
        String code,
        String field,
        String detail,
        UUID mediaId) {
      if (reportLines + b.report.size() >= ImportJobRepository.MAX_REPORT_ROWS) {
        return;
      }
      String ids =
          row.externalIds().entrySet().stream()
              .map(e -> e.getKey().key() + ":" + e.getValue())
              .collect(Collectors.joining(" "));
      b.report.add(
          new ImportJobView.Row(
              row.recordNumber(),
              row.line(),
              outcome,
              code,
              field,
              detail,
              row.title(),
              ids.isEmpty() ? null : ids,
              mediaId));
    }

    void finish() {
      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
      boolean changed = !r.dryRun() && totals[0] + totals[1] > 0;
      pool.withTransaction(
              tx -> {
                var done = jobs.done(tx, id);
                if (!changed) {
                  return done;
                }
                EntriesImported payload =
                    new EntriesImported(
                        id,
                        r.userId(),
                        r.format().source().key(),
                        totals[0],
                        totals[1],
                        totals[2],
                        totals[3],
                        totals[4],
                        Map.copyOf(byType),
                        now);
                return done.chain(
                    () -> outbox.append(tx, List.of(events.entriesImported(payload))));
              })
          .await()
          .atMost(DB_TIMEOUT);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warnf("cannot delete %s: %s", file, e.toString());
    }
  }
}
