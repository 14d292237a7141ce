package dev.kiroku.social;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/** Read-backs and test-only changes on the test database (the test profile's datasource). */
public final class SocialDatabase {

  private SocialDatabase() {}

  /** A new JDBC connection to the test database; close it. */
  public static Connection connect() throws SQLException {
    var config = ConfigProvider.getConfig();
    return DriverManager.getConnection(
        config.getValue("quarkus.datasource.jdbc.url", String.class),
        config.getValue("quarkus.datasource.username", String.class),
        config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
  }

  /** Runs one statement with text parameters; returns the rows changed. */
  public static int update(String sql, String... params) {
    try (Connection c = connect();
        var st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        st.setString(i + 1, params[i]);
      }
      return st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first column of every row of a query with text parameters, as text. */
  public static List<String> column(String sql, String... params) {
    try (Connection c = connect();
        var st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        st.setString(i + 1, params[i]);
      }
      List<String> values = new ArrayList<>();
      try (var rs = st.executeQuery()) {
        while (rs.next()) {
          values.add(rs.getString(1));
        }
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
