package dev.kiroku.platform.cleanup;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Deletes old rows in chunks, so no statement holds many row locks for long: the inbox's processed
 * event ids ({@code Inbox.deleteProcessedBefore}) and the outbox's published events ({@code
 * OutboxRelay.deletePublishedBefore}). Immutable; one instance per statement, shared freely.
 *
 * <p>The statement takes the cutoff as {@code $1} ({@code timestamptz}) and the chunk size as
 * {@code $2}, and deletes at most {@code $2} rows, skipping rows another transaction holds (so two
 * replicas cleaning at once do not wait for each other):
 *
 * <pre>{@code
 * DELETE FROM inbox_event WHERE (consumer, event_id) IN (SELECT consumer, event_id
 *     FROM inbox_event WHERE processed_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)
 * }</pre>
 */
public final class ChunkedDelete {

  private final String sql;
  private final int chunkSize;

  /**
   * @param sql the DELETE described above, with {@code $1} the cutoff and {@code $2} the chunk size
   * @param chunkSize most rows one statement deletes, at least 1
   * @throws NullPointerException if {@code sql} is null
   * @throws IllegalArgumentException if {@code chunkSize} is below 1
   */
  public ChunkedDelete(String sql, int chunkSize) {
    this.sql = Objects.requireNonNull(sql, "sql");
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize must be at least 1: " + chunkSize);
    }
    this.chunkSize = chunkSize;
  }

  /** Most rows one statement deletes. */
  public int chunkSize() {
    return chunkSize;
  }

  /**
   * Runs the statement again and again until one deletes fewer than {@link #chunkSize()} rows. Each
   * statement commits on its own.
   *
   * @param client a pool (or a connection) in autocommit mode, not an open transaction: a chunk is
   *     meant to release its locks at once
   * @param cutoff rows older than this go (sent as a UTC {@code timestamptz})
   * @return the number of rows deleted by all statements together. Fails with {@code
   *     io.vertx.pgclient.PgException} (or a connection failure) if a statement fails; the chunks
   *     deleted before it stay deleted.
   * @throws NullPointerException if an argument is null
   */
  public Uni<Long> deleteBefore(SqlClient client, Instant cutoff) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(cutoff, "cutoff");
    return client
        .preparedQuery(sql)
        .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC), chunkSize))
        .flatMap(
            rows -> {
              long deleted = rows.rowCount();
              if (deleted < chunkSize) {
                return Uni.createFrom().item(deleted);
              }
              return deleteBefore(client, cutoff).map(more -> more + deleted);
            });
  }
}
