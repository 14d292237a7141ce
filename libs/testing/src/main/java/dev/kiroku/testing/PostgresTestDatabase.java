package dev.kiroku.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Creates a fresh database with a unique name on the machine's real PostgreSQL before the tests and
 * drops it afterwards, so no run depends on state left by another.
 *
 * <p>Server: {@code KIROKU_TEST_PG_HOST} (127.0.0.1), {@code KIROKU_TEST_PG_PORT} (5432), {@code
 * KIROKU_TEST_PG_USER} (postgres), {@code KIROKU_TEST_PG_PASSWORD} (empty: trust auth). Returns the
 * reactive URL (services) and the JDBC URL (Flyway) of the new database.
 */
public class PostgresTestDatabase implements QuarkusTestResourceLifecycleManager {

  private String host;
  private String port;
  private String user;
  private String password;
  private String database;

  @Override
  public Map<String, String> start() {
    host = env("KIROKU_TEST_PG_HOST", "127.0.0.1");
    port = env("KIROKU_TEST_PG_PORT", "5432");
    user = env("KIROKU_TEST_PG_USER", "postgres");
    password = env("KIROKU_TEST_PG_PASSWORD", "");
    database =
        "kiroku_test_"
            + UUID.randomUUID()
                .toString()
                .replace("-", "")
                .substring(0, 16)
                .toLowerCase(Locale.ROOT);
    execute("CREATE DATABASE " + database);
    return Map.of(
        "quarkus.datasource.reactive.url",
        "postgresql://" + host + ":" + port + "/" + database,
        "quarkus.datasource.jdbc.url",
        "jdbc:postgresql://" + host + ":" + port + "/" + database,
        "quarkus.datasource.username",
        user,
        "quarkus.datasource.password",
        password);
  }

  @Override
  public void stop() {
    if (database != null) {
      execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      database = null;
    }
  }

  private void execute(String sql) {
    String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at " + host + ":" + port + " refused '" + sql + "': " + e.getMessage(), e);
    }
  }

  static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
