package dev.kiroku.progress.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.progress.MediaSummary;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The export tests' media, written straight into the test database's {@code media_projection} (as
 * {@code CatalogMediaConsumer} would from {@code catalog.media.v1}) and {@code
 * media_projection_external_id} (created here until migration V10 adds it).
 */
final class ExportTestData {

  static final UUID ANIME = UUID.fromString("22222222-0000-4000-8000-000000000001");
  static final UUID BOOK = UUID.fromString("22222222-0000-4000-8000-000000000002");
  static final UUID MANGA = UUID.fromString("22222222-0000-4000-8000-000000000003");
  static final UUID MOVIE = UUID.fromString("22222222-0000-4000-8000-000000000004");

  private static boolean seeded;

  private ExportTestData() {}

  /** Seeds the four media and their external ids once per test database. */
  static synchronized void seed() {
    if (seeded) {
      return;
    }
    ObjectMapper json = new ObjectMapper();
    List<MediaSummary> media =
        List.of(
            new MediaSummary(
                ANIME,
                MediaType.ANIME,
                "Trigun",
                List.of("Action"),
                3,
                3,
                null,
                null,
                null,
                List.of()),
            new MediaSummary(
                BOOK,
                MediaType.BOOK,
                "Dune",
                List.of("Science Fiction"),
                null,
                null,
                null,
                null,
                412,
                List.of()),
            new MediaSummary(
                MANGA,
                MediaType.MANGA,
                "Berserk",
                List.of("Dark Fantasy"),
                null,
                null,
                10,
                2,
                null,
                List.of()),
            new MediaSummary(
                MOVIE,
                MediaType.MOVIE,
                "Paprika",
                List.of("Mystery"),
                null,
                null,
                null,
                null,
                null,
                List.of()));
    try (Connection c = connect()) {
      try (var s = c.createStatement()) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS media_projection_external_id (source text NOT NULL,"
                + " media_type text NOT NULL, external_id text NOT NULL, media_id uuid NOT NULL,"
                + " PRIMARY KEY (source, media_type, external_id))");
        s.execute(
            "CREATE INDEX IF NOT EXISTS media_projection_external_id_media"
                + " ON media_projection_external_id (media_id)");
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO media_projection (media_id, media_type, summary) VALUES (?, ?, ?::jsonb)"
                  + " ON CONFLICT (media_id) DO NOTHING")) {
        for (MediaSummary m : media) {
          s.setObject(1, m.id());
          s.setString(2, m.type().name());
          s.setString(3, json.writeValueAsString(m));
          s.executeUpdate();
        }
      }
      // source spelled as the key, and once as the enum name: the export prints keys
      List<Object[]> ids =
          List.of(
              new Object[] {
                "mal", "ANIME", "900006", ANIME
              }, // not a MAL id of the datasets other tests load
              new Object[] {"anilist", "ANIME", "6", ANIME},
              new Object[] {"kitsu", "ANIME", "7", ANIME},
              new Object[] {"isbn", "BOOK", "9780000000002", BOOK},
              new Object[] {"GOODREADS", "BOOK", "44767458", BOOK},
              new Object[] {"mal", "MANGA", "2", MANGA});
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO media_projection_external_id (source, media_type, external_id,"
                  + " media_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
        for (Object[] row : ids) {
          for (int i = 0; i < row.length; i++) {
            s.setObject(i + 1, row[i]);
          }
          s.executeUpdate();
        }
      }
    } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    seeded = true;
  }

  /**
   * {@code EXPLAIN} of a statement (its {@code $n} parameters bound in order from {@code args})
   * with sequential scans disabled, one line per plan line.
   */
  static List<String> explain(String sql, Object... args) {
    try (Connection c = connect()) {
      try (var s = c.createStatement()) {
        s.execute("SET enable_seqscan = off");
      }
      try (PreparedStatement s = c.prepareStatement("EXPLAIN " + sql.replaceAll("\\$\\d+", "?"))) {
        for (int i = 0; i < args.length; i++) {
          s.setObject(i + 1, args[i]);
        }
        List<String> lines = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            lines.add(rs.getString(1));
          }
        }
        return lines;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs one statement and returns the first column of each row. */
  static List<Object> query(String sql, Object... args) {
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      List<Object> values = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          values.add(rs.getObject(1));
        }
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Connection connect() throws SQLException {
    var config = ConfigProvider.getConfig();
    return DriverManager.getConnection(
        config.getValue("quarkus.datasource.jdbc.url", String.class),
        config.getValue("quarkus.datasource.username", String.class),
        config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
  }
}
