package dev.kiroku.platform.consumer;

import com.fasterxml.jackson.core.JacksonException;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.sqlclient.DatabaseException;
import io.vertx.sqlclient.TransactionRollbackException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a transient failure (retry the same event later: the database, the network or the process
 * is in trouble, not the event) from a permanent one (park the event on the dead-letter topic).
 *
 * <p>The rule: a failure is transient when it says nothing about the event, so a message must never
 * reach the dead-letter topic because the database was away, busy, failing over or being
 * reconfigured. The cause chain is walked; the first answer found wins.
 *
 * <p>Permanent, whatever the causes below them:
 *
 * <ul>
 *   <li>{@link RejectedEventException} (the handler refused the event) and {@link
 *       DeadLetterException};
 *   <li>Jackson's {@code JacksonException} (unreadable JSON; an {@code IOException} otherwise);
 *   <li>{@link TransactionRollbackException}: the transaction was already aborted by an earlier
 *       statement whose failure the handler swallowed (a handler bug: let failures propagate).
 * </ul>
 *
 * <p>Transient:
 *
 * <ul>
 *   <li>{@link RetryLaterException} (the handler says another system did not answer), whatever its
 *       cause;
 *   <li>PostgreSQL errors ({@code PgException}, any Vert.x {@link DatabaseException}, or a JDBC
 *       {@link SQLException}) whose SQLSTATE is in {@link #isTransientSqlState the list below};
 *   <li>connection failures: {@link IOException} (connection refused or reset, {@code
 *       ClosedChannelException}, unknown host; not {@link CharacterCodingException}), Vert.x's
 *       {@code ClosedConnectionException} and the other {@link VertxException}s and {@code
 *       NoStackTraceThrowable}s the client raises without a cause ("Timeout" waiting for a pooled
 *       connection, "Pool closed" at shutdown, "Connection pool reached max wait queue size",
 *       pending requests failed because the connection closed); one with a cause is judged by its
 *       cause;
 *   <li>{@link TimeoutException} (also Mutiny's {@code TimeoutException}), {@link
 *       RejectedExecutionException} (an executor full or shutting down), {@link
 *       SQLTransientException}, {@link SQLRecoverableException}.
 * </ul>
 *
 * <p>Everything else is permanent: constraint violations, bad data, SQL errors from a bug (after a
 * fix, replay the dead-letter topic), {@code NullPointerException}s and other programming errors.
 */
public final class TransientFailures {

  /** SQLSTATE classes (first two characters) that are always transient. */
  private static final Set<String> TRANSIENT_CLASSES =
      Set.of(
          "08", // connection exception: connection lost, refused, failed to establish
          "53", // insufficient resources: disk full, out of memory, too many connections
          "57", // operator intervention: admin shutdown 57P01, crash 57P02, starting 57P03,
          // query canceled 57014 (statement_timeout, pg_cancel_backend)
          "58", // system error: I/O error
          "28" // invalid authorization: wrong or rotated credentials, pg_hba.conf
          );

  /** Single SQLSTATEs that are transient although the rest of their class is not. */
  private static final Set<String> TRANSIENT_STATES =
      Set.of(
          "40000", // transaction_rollback
          "40001", // serialization_failure
          "40003", // statement_completion_unknown
          "40P01", // deadlock_detected
          "55P03", // lock_not_available (lock_timeout, NOWAIT)
          "55006", // object_in_use
          "25006", // read_only_sql_transaction: connected to a demoted primary during fail-over
          "25P03", // idle_in_transaction_session_timeout
          "3D000", // invalid_catalog_name: the database does not exist (yet)
          "42501", // insufficient_privilege: grants are configuration, not the event's fault
          "72000" // snapshot_too_old
          );

  private static final int MAX_DEPTH = 32;

  private TransientFailures() {}

  /**
   * Whether retrying later can succeed, so the event must be retried rather than dead-lettered.
   *
   * @param failure what an attempt failed with; null is not transient
   * @return {@code true} for a transient failure (see the class comment)
   */
  public static boolean isTransient(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Throwable t = failure;
    for (int depth = 0; t != null && depth < MAX_DEPTH && seen.add(t); depth++) {
      Boolean answer = classify(t);
      if (answer != null) {
        return answer;
      }
      t = t.getCause();
    }
    return false;
  }

  /**
   * Whether a PostgreSQL SQLSTATE is transient: classes {@code 08} (connection), {@code 28}
   * (authorization), {@code 53} (insufficient resources), {@code 57} (operator intervention:
   * shutdown, restart, query cancelled), {@code 58} (system error), and {@code 40000}, {@code
   * 40001} (serialization failure), {@code 40003}, {@code 40P01} (deadlock), {@code 55P03} (lock
   * timeout), {@code 55006}, {@code 25006} (read-only: fail-over), {@code 25P03}, {@code 3D000},
   * {@code 42501}, {@code 72000}. Everything else ({@code 23xxx} constraint violations, {@code
   * 22xxx} bad data, {@code 42xxx} SQL bugs, {@code P0001} raised by a function, {@code 40002},
   * ...) is permanent.
   *
   * @param sqlState five characters, e.g. {@code 40001}; null is not transient
   */
  public static boolean isTransientSqlState(String sqlState) {
    if (sqlState == null || sqlState.length() != 5) {
      return false;
    }
    return TRANSIENT_STATES.contains(sqlState)
        || TRANSIENT_CLASSES.contains(sqlState.substring(0, 2));
  }

  /** {@code true} / {@code false} when {@code t} decides, {@code null} to look at its cause. */
  private static Boolean classify(Throwable t) {
    if (t instanceof RetryLaterException) {
      return true;
    }
    if (t instanceof RejectedEventException
        || t instanceof DeadLetterException
        || t instanceof JacksonException
        || t instanceof TransactionRollbackException) {
      return false;
    }
    if (t instanceof DatabaseException database) {
      return isTransientSqlState(database.getSqlState());
    }
    if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
      return true;
    }
    if (t instanceof SQLException sql && sql.getSQLState() != null) {
      return isTransientSqlState(sql.getSQLState());
    }
    if (t instanceof CharacterCodingException) {
      return false;
    }
    if (t instanceof IOException
        || t instanceof TimeoutException
        || t instanceof io.smallrye.mutiny.TimeoutException
        || t instanceof RejectedExecutionException) {
      return true;
    }
    if (t instanceof VertxException || t instanceof NoStackTraceThrowable) {
      // the client's own failures carry no cause; a wrapper is judged by what it wraps
      return t.getCause() == null ? Boolean.TRUE : null;
    }
    return null;
  }
}
