package dev.kiroku.progress.repository;

import dev.kiroku.progress.domain.imports.ImportJobView;
import dev.kiroku.progress.domain.imports.ImportMode;
import dev.kiroku.progress.domain.imports.ImportState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for {@code import_job} and {@code import_job_row}. */
@ApplicationScoped
public class ImportJobRepository {

  /** Most report lines kept per job (the counts stay exact beyond it). */
  public static final int MAX_REPORT_ROWS = 10_000;

  static final String JOB_COLUMNS =
      "id, state, format, mode, dry_run, file_name, file_bytes, total, imported, updated,"
          + " unchanged, skipped, failed, failure_code, failure_detail, created_at, started_at,"
          + " finished_at";

  private final Pool pool;

  @Inject
  ImportJobRepository(Pool pool) {
    this.pool = pool;
  }

  /** A new QUEUED job. */
  public Uni<Void> create(
      UUID id,
      String userId,
      String format,
      ImportMode mode,
      boolean dryRun,
      String fileName,
      long fileBytes,
      Instant now) {
    return pool.preparedQuery(
            "INSERT INTO import_job (id, user_id, format, mode, dry_run, state, file_name,"
                + " file_bytes, created_at, heartbeat_at) VALUES ($1, $2, $3, $4, $5, 'QUEUED',"
                + " $6, $7, $8, $8)")
        .execute(
            Tuple.tuple()
                .addUUID(id)
                .addString(userId)
                .addString(format)
                .addString(mode.name())
                .addBoolean(dryRun)
                .addString(fileName)
                .addLong(fileBytes)
                .addOffsetDateTime(now.atOffset(ZoneOffset.UTC)))
        .replaceWithVoid();
  }

  /** QUEUED → RUNNING; false when the job is no longer queued (swept as interrupted). */
  public Uni<Boolean> start(UUID id) {
    return pool.preparedQuery(
            "UPDATE import_job SET state = 'RUNNING', started_at = now(), heartbeat_at = now()"
                + " WHERE id = $1 AND state = 'QUEUED'")
        .execute(Tuple.of(id))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Sets the row count once the file was read through. */
  public Uni<Void> total(UUID id, long total) {
    return pool.preparedQuery(
            "UPDATE import_job SET total = $2, heartbeat_at = now() WHERE id = $1")
        .execute(Tuple.of(id, (int) total))
        .replaceWithVoid();
  }

  /**
   * Adds a batch's counts and report lines, in the caller's transaction (so they match what the
   * batch committed).
   *
   * @param firstSeq the report sequence number of {@code rows.get(0)}
   */
  public Uni<Void> addBatch(
      SqlClient tx, UUID id, int[] counts, List<ImportJobView.Row> rows, int firstSeq) {
    Uni<Void> update =
        tx.preparedQuery(
                "UPDATE import_job SET imported = imported + $2, updated = updated + $3,"
                    + " unchanged = unchanged + $4, skipped = skipped + $5, failed = failed + $6,"
                    + " heartbeat_at = now() WHERE id = $1")
            .execute(Tuple.of(id, counts[0], counts[1], counts[2], counts[3], counts[4]))
            .replaceWithVoid();
    if (rows.isEmpty()) {
      return update;
    }
    List<Tuple> tuples = new ArrayList<>(rows.size());
    int seq = firstSeq;
    for (ImportJobView.Row r : rows) {
      tuples.add(
          Tuple.tuple()
              .addUUID(id)
              .addInteger(seq++)
              .addLong(r.record())
              .addLong(r.line())
              .addString(r.outcome())
              .addString(r.code())
              .addString(r.field())
              .addString(r.detail())
              .addString(r.title())
              .addString(r.externalIds())
              .addUUID(r.mediaId()));
    }
    return update.chain(
        () ->
            tx.preparedQuery(
                    "INSERT INTO import_job_row (job_id, seq, record_number, line, outcome, code,"
                        + " field, detail, title, external_ids, media_id) VALUES ($1, $2, $3, $4,"
                        + " $5, $6, $7, $8, $9, $10, $11)")
                .executeBatch(tuples)
                .replaceWithVoid());
  }

  /** RUNNING → DONE, in the caller's transaction. */
  public Uni<Void> done(SqlClient tx, UUID id) {
    return tx.preparedQuery(
            "UPDATE import_job SET state = 'DONE', finished_at = now(), heartbeat_at = now()"
                + " WHERE id = $1")
        .execute(Tuple.of(id))
        .replaceWithVoid();
  }

  /** Any unfinished state → FAILED with a reason. */
  public Uni<Void> fail(UUID id, String code, String detail) {
    return pool.preparedQuery(
            "UPDATE import_job SET state = 'FAILED', failure_code = $2, failure_detail = $3,"
                + " finished_at = now(), heartbeat_at = now() WHERE id = $1"
                + " AND state IN ('QUEUED', 'RUNNING')")
        .execute(Tuple.of(id, code, detail))
        .replaceWithVoid();
  }

  /** Refreshes the heartbeat of jobs this process holds (queued or running). */
  public Uni<Void> heartbeat(List<UUID> ids) {
    if (ids.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return pool.preparedQuery(
            "UPDATE import_job SET heartbeat_at = now() WHERE id = ANY($1)"
                + " AND state IN ('QUEUED', 'RUNNING')")
        .execute(Tuple.of(ids.toArray(UUID[]::new)))
        .replaceWithVoid();
  }

  /**
   * Fails jobs whose process stopped beating (it died or restarted while they were queued or
   * running).
   *
   * @return how many were failed
   */
  public Uni<Integer> sweep(Duration silence) {
    return pool.preparedQuery(
            "UPDATE import_job SET state = 'FAILED', failure_code = 'INTERRUPTED',"
                + " failure_detail = 'the service stopped before the job finished; importing the"
                + " same file again is safe (rows already imported are left unchanged)',"
                + " finished_at = now() WHERE state IN ('QUEUED', 'RUNNING')"
                + " AND heartbeat_at < now() - make_interval(secs => $1)")
        .execute(Tuple.of((double) silence.toSeconds()))
        .map(rows -> rows.rowCount());
  }

  /** The caller's job with its report, or empty. */
  public Uni<Optional<ImportJobView>> find(String userId, UUID id) {
    return pool.preparedQuery(
            "SELECT " + JOB_COLUMNS + " FROM import_job WHERE id = $1 AND user_id = $2")
        .execute(Tuple.of(id, userId))
        .flatMap(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Uni.createFrom().item(Optional.<ImportJobView>empty());
              }
              Row job = rows.iterator().next();
              return pool.preparedQuery(
                      "SELECT record_number, line, outcome, code, field, detail, title,"
                          + " external_ids, media_id FROM import_job_row WHERE job_id = $1"
                          + " ORDER BY seq")
                  .execute(Tuple.of(id))
                  .map(
                      lines -> {
                        List<ImportJobView.Row> report = new ArrayList<>();
                        for (Row r : lines) {
                          report.add(
                              new ImportJobView.Row(
                                  r.getLong("record_number"),
                                  r.getLong("line"),
                                  r.getString("outcome"),
                                  r.getString("code"),
                                  r.getString("field"),
                                  r.getString("detail"),
                                  r.getString("title"),
                                  r.getString("external_ids"),
                                  r.getUUID("media_id")));
                        }
                        ImportJobView.Counts c = counts(job);
                        boolean truncated =
                            report.size() >= MAX_REPORT_ROWS
                                && c.failed() + c.skipped() > report.size();
                        return Optional.of(view(job, report, truncated));
                      });
            });
  }

  /** The caller's jobs, newest first; {@code before} = (created_at, id) of the last one seen. */
  public Uni<List<ImportJobView>> list(
      String userId, Instant beforeTime, UUID beforeId, int limit) {
    String sql =
        "SELECT "
            + JOB_COLUMNS
            + " FROM import_job WHERE user_id = $1"
            + (beforeTime == null ? "" : " AND (created_at, id) < ($3, $4)")
            + " ORDER BY created_at DESC, id DESC LIMIT $2";
    Tuple t = Tuple.of(userId, limit);
    if (beforeTime != null) {
      t.addOffsetDateTime(beforeTime.atOffset(ZoneOffset.UTC)).addUUID(beforeId);
    }
    return pool.preparedQuery(sql)
        .execute(t)
        .map(
            rows -> {
              List<ImportJobView> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(view(r, null, null));
              }
              return out;
            });
  }

  /** Deletes a user's jobs and reports (UserDeleted). */
  public Uni<Void> deleteUser(SqlClient tx, String userId) {
    return tx.preparedQuery("DELETE FROM import_job WHERE user_id = $1")
        .execute(Tuple.of(userId))
        .replaceWithVoid();
  }

  private static ImportJobView.Counts counts(Row r) {
    return new ImportJobView.Counts(
        r.getInteger("total"),
        r.getInteger("imported"),
        r.getInteger("updated"),
        r.getInteger("unchanged"),
        r.getInteger("skipped"),
        r.getInteger("failed"));
  }

  private static ImportJobView view(Row r, List<ImportJobView.Row> report, Boolean truncated) {
    String failureCode = r.getString("failure_code");
    return new ImportJobView(
        r.getUUID("id"),
        ImportState.valueOf(r.getString("state")),
        r.getString("format"),
        ImportMode.valueOf(r.getString("mode")),
        r.getBoolean("dry_run"),
        r.getString("file_name"),
        r.getLong("file_bytes"),
        counts(r),
        failureCode == null
            ? null
            : new ImportJobView.Failure(failureCode, r.getString("failure_detail")),
        instant(r, "created_at"),
        instant(r, "started_at"),
        instant(r, "finished_at"),
        report,
        truncated);
  }

  private static Instant instant(Row r, String column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }
}
