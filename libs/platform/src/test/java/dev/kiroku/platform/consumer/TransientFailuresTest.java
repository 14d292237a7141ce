package dev.kiroku.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.testing.PostgresTestDatabase;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The classification that decides between retrying and dead-lettering, fed with the failures the
 * real PostgreSQL and the real Vert.x client produce (no Quarkus).
 */
class TransientFailuresTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private static PostgresTestDatabase database;
  private static Map<String, String> db;
  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void start() {
    database = new PostgresTestDatabase();
    db = database.start();
    vertx = Vertx.vertx();
    pool = pool(options(), new PoolOptions().setMaxSize(4));
  }

  @AfterAll
  static void stop() {
    pool.closeAndAwait();
    vertx.closeAndAwait();
    database.stop();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "40001", // serialization_failure
        "40P01", // deadlock_detected
        "57014", // query_canceled (57P01 admin_shutdown: aConnectionTheDatabaseKillsIsTransient)
        "53300", // too_many_connections
        "08006", // connection_failure
        "55P03", // lock_not_available
        "25006", // read_only_sql_transaction (fail-over)
        "28P01" // invalid_password (rotated credentials)
      })
  void sqlStatesThatSayNothingAboutTheEventAreTransient(String sqlState) {
    assertThat(TransientFailures.isTransient(raised(sqlState))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "23505", // unique_violation
        "23514", // check_violation
        "22P02", // invalid_text_representation
        "42703", // undefined_column
        "P0001", // raise_exception
        "40002" // transaction_integrity_constraint_violation
      })
  void sqlStatesCausedByTheEventOrABugArePermanent(String sqlState) {
    assertThat(TransientFailures.isTransient(raised(sqlState))).isFalse();
  }

  @Test
  void aStatementTimeoutIsTransient() {
    Throwable failure =
        failure(
            () ->
                pool.withConnection(
                        c ->
                            c.query("SET statement_timeout = 50")
                                .execute()
                                .chain(() -> c.query("SELECT pg_sleep(2)").execute()))
                    .await()
                    .atMost(WAIT));

    assertThat(failure).hasMessageContaining("57014");
    assertThat(TransientFailures.isTransient(failure)).isTrue();
  }

  @Test
  void aHandlerMayAskForARetryWhateverTheCause() {
    assertThat(
            TransientFailures.isTransient(
                new RetryLaterException(
                    "Keycloak did not delete the account", new IllegalStateException("403"))))
        .isTrue();
    assertThat(TransientFailures.isTransient(new IllegalStateException("403"))).isFalse();
  }

  @Test
  void realErrorsOfBadStatementsArePermanent() {
    assertThat(
            TransientFailures.isTransient(
                failure(() -> pool.query("SELECT 'x'::int").execute().await().atMost(WAIT))))
        .isFalse();
    assertThat(
            TransientFailures.isTransient(
                failure(
                    () ->
                        pool.query("SELECT * FROM no_such_table").execute().await().atMost(WAIT))))
        .isFalse();
  }

  @Test
  void aRefusedConnectionIsTransient() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Pool unreachable = pool(options().setPort(closedPort), new PoolOptions().setMaxSize(1));
    try {
      Throwable failure =
          failure(() -> unreachable.query("SELECT 1").execute().await().atMost(WAIT));

      assertThat(failure).hasRootCauseInstanceOf(ConnectException.class);
      assertThat(TransientFailures.isTransient(failure)).isTrue();
    } finally {
      unreachable.closeAndAwait();
    }
  }

  @Test
  void aConnectionTheDatabaseKillsIsTransient() {
    SqlConnection victim = pool.getConnection().await().atMost(WAIT);
    try {
      int pid =
          victim
              .query("SELECT pg_backend_pid()")
              .execute()
              .await()
              .atMost(WAIT)
              .iterator()
              .next()
              .getInteger(0);
      pool.query("SELECT pg_terminate_backend(" + pid + ")").execute().await().atMost(WAIT);

      Throwable failure = failure(() -> victim.query("SELECT 1").execute().await().atMost(WAIT));

      assertThat(TransientFailures.isTransient(failure)).as(failure.toString()).isTrue();
    } finally {
      victim.closeAndForget();
    }
  }

  @Test
  void waitingTooLongForAPooledConnectionIsTransient() {
    Pool small =
        pool(
            options(),
            new PoolOptions()
                .setMaxSize(1)
                .setConnectionTimeout(200)
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS));
    SqlConnection held = small.getConnection().await().atMost(WAIT);
    try {
      Throwable failure = failure(() -> small.getConnection().await().atMost(WAIT));

      assertThat(failure).hasMessageContaining("Timeout");
      assertThat(TransientFailures.isTransient(failure)).as(failure.toString()).isTrue();
    } finally {
      held.closeAndAwait();
      small.closeAndAwait();
    }
  }

  @Test
  void aClosedPoolIsTransientSoShuttingDownParksNothing() {
    Pool closed = pool(options(), new PoolOptions().setMaxSize(1));
    closed.closeAndAwait();

    Throwable failure = failure(() -> closed.query("SELECT 1").execute().await().atMost(WAIT));

    assertThat(TransientFailures.isTransient(failure)).as(failure.toString()).isTrue();
  }

  @Test
  void wrappersAreJudgedByWhatTheyWrap() {
    assertThat(TransientFailures.isTransient(new CompletionException(raised("40001")))).isTrue();
    assertThat(TransientFailures.isTransient(new CompletionException(raised("23505")))).isFalse();
    assertThat(
            TransientFailures.isTransient(
                new RuntimeException(new ConnectException("Connection refused"))))
        .isTrue();
    assertThat(
            TransientFailures.isTransient(
                new io.vertx.core.VertxException("wrapped", raised("23505"))))
        .isFalse();
    // what a query gets on a pooled connection the database has just closed
    assertThat(
            TransientFailures.isTransient(
                new io.vertx.core.impl.NoStackTraceThrowable(
                    "Connection is not active now, current status: CLOSED")))
        .isTrue();
  }

  @Test
  void rejectionsUnreadableJsonAndBugsArePermanent() throws Exception {
    JsonParseException unreadable;
    try {
      new ObjectMapper().readTree("{not json");
      throw new AssertionError("parsed");
    } catch (JsonParseException e) {
      unreadable = e;
    }

    // a Jackson failure is an IOException, yet not transient
    assertThat(TransientFailures.isTransient(unreadable)).isFalse();
    assertThat(TransientFailures.isTransient(new UncheckedIOException(unreadable))).isFalse();
    assertThat(TransientFailures.isTransient(new RejectedEventException("no id"))).isFalse();
    assertThat(TransientFailures.isTransient(new NullPointerException())).isFalse();
    assertThat(TransientFailures.isTransient(new IllegalStateException("bug"))).isFalse();
    assertThat(
            TransientFailures.isTransient(io.vertx.sqlclient.TransactionRollbackException.INSTANCE))
        .isFalse();
    assertThat(TransientFailures.isTransient(null)).isFalse();
  }

  @Test
  void sqlStateTable() {
    assertThat(TransientFailures.isTransientSqlState("08001")).isTrue();
    assertThat(TransientFailures.isTransientSqlState("58030")).isTrue();
    assertThat(TransientFailures.isTransientSqlState("53100")).isTrue();
    assertThat(TransientFailures.isTransientSqlState("3D000")).isTrue();
    assertThat(TransientFailures.isTransientSqlState("23503")).isFalse();
    assertThat(TransientFailures.isTransientSqlState("XX000")).isFalse();
    assertThat(TransientFailures.isTransientSqlState(null)).isFalse();
    assertThat(TransientFailures.isTransientSqlState("400")).isFalse();
  }

  /** The failure PostgreSQL sends for {@code RAISE ... USING ERRCODE = sqlState}. */
  private static Throwable raised(String sqlState) {
    Throwable failure =
        failure(
            () ->
                pool.query(
                        "DO $$ BEGIN RAISE EXCEPTION 'simulated failure' USING ERRCODE = '"
                            + sqlState
                            + "'; END $$")
                    .execute()
                    .await()
                    .atMost(WAIT));
    assertThat(failure).isInstanceOf(io.vertx.pgclient.PgException.class);
    assertThat(((io.vertx.pgclient.PgException) failure).getSqlState()).isEqualTo(sqlState);
    return failure;
  }

  private static Throwable failure(Supplier<?> action) {
    try {
      action.get();
    } catch (Throwable t) {
      return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
    throw new AssertionError("expected a failure");
  }

  private static PgConnectOptions options() {
    return PgConnectOptions.fromUri(db.get("quarkus.datasource.reactive.url"))
        .setUser(db.get("quarkus.datasource.username"))
        .setPassword(db.get("quarkus.datasource.password"));
  }

  private static Pool pool(PgConnectOptions options, PoolOptions poolOptions) {
    return Pool.newInstance(
        PgBuilder.pool()
            .with(poolOptions)
            .connectingTo(options)
            .using(vertx.getDelegate())
            .build());
  }
}
