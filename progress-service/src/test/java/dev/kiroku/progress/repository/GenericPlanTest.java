package dev.kiroku.progress.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroku.progress.Fixtures;
import dev.kiroku.progress.ProgressTestSetup;
import dev.kiroku.progress.domain.EntrySort;
import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.PostgresTestDatabase;
import dev.kiroku.testing.TestTokenIssuer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The service's connections run prepared statements with their generic plan ({@code
 * plan_cache_mode=force_generic_plan}, set in application.properties), and the write path's
 * statements still reach their rows through indexes under that plan.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(ProgressTestSetup.class)
class GenericPlanTest {

  private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");

  @Inject Pool pool;

  @Test
  void theServicePoolRunsGenericPlans() {
    String mode =
        pool.query("SHOW plan_cache_mode")
            .execute()
            .await()
            .atMost(Duration.ofSeconds(10))
            .iterator()
            .next()
            .getString(0);

    assertThat(mode).isEqualTo("force_generic_plan");
  }

  @Test
  void theWritePathStatementsUseIndexesUnderTheirGenericPlan() throws SQLException {
    Map<String, String> statements =
        Map.of(
            "LOCK_MANY", EntryBatchRepository.LOCK_MANY,
            "SCALES", SettingsRepository.SCALES,
            "UPDATE_MANY", EntryBatchRepository.UPDATE_MANY,
            "UNMARK_AFTER_MANY", EntryBatchRepository.UNMARK_AFTER_MANY,
            "SELECT_FOR_UPDATE", EntryRepository.SELECT_FOR_UPDATE);
    for (var statement : statements.entrySet()) {
      String plan = String.join("\n", genericPlan(statement.getValue()));
      assertThat(plan).as(statement.getKey()).contains("Index").doesNotContain("Seq Scan");
    }
  }

  @Test
  void theListKeyWritesUseIndexesUnderTheirGenericPlan() throws SQLException {
    Map<String, String> statements =
        Map.of(
            "UPSERT_ORDER", EntryListKeys.UPSERT_ORDER,
            "UPDATE_ORDER", EntryListKeys.UPDATE_ORDER,
            "ADD_COUNTS", EntryListKeys.ADD_COUNTS,
            "DELETE_USER_COUNTS", EntryListKeys.DELETE_USER_COUNTS);
    for (var statement : statements.entrySet()) {
      String plan = String.join("\n", genericPlan(statement.getValue()));
      assertThat(plan).as(statement.getKey()).contains("Index").doesNotContain("Seq Scan");
    }
  }

  /**
   * Every list statement (each sort with every combination of filters and cursor), the counts and
   * /up-next reach their rows through an index under their generic plan; sort=updated (the default)
   * and /up-next read {@code library_entry_order} in index order (no sort: a page reads its own
   * rows, not the whole library), and the counts come from {@code library_count}.
   */
  @Test
  void theListStatementsUseIndexesUnderTheirGenericPlan() throws SQLException {
    for (EntrySort sort : EntrySort.values()) {
      for (int filters = 0; filters < 16; filters++) {
        String sql =
            EntryListQueries.listSql(
                sort,
                (filters & 1) != 0,
                (filters & 2) != 0,
                (filters & 4) != 0,
                (filters & 8) != 0);
        String plan = String.join("\n", genericPlan(sql));
        assertThat(plan).as(sql).contains("Index").doesNotContain("Seq Scan");
        if (sort == EntrySort.UPDATED) {
          // on these tiny tables a sort of the few rows is cheapest; what matters is that an
          // index returns them in list order (on a real library's statistics the planner takes
          // that path by itself)
          assertThat(String.join("\n", genericPlan(sql, "enable_sort", "enable_bitmapscan")))
              .as(sql)
              .contains("library_entry_order_user_")
              .contains("library_entry_pkey")
              .doesNotContain("Sort");
        }
      }
    }
    for (int filters = 0; filters < 4; filters++) {
      String sql = EntryListQueries.countSql((filters & 1) != 0, (filters & 2) != 0);
      assertThat(String.join("\n", genericPlan(sql)))
          .as(sql)
          .contains("library_count_pkey")
          .doesNotContain("Seq Scan");
    }
    assertThat(
            String.join(
                "\n", genericPlan(EntryListQueries.WATCHING, "enable_sort", "enable_bitmapscan")))
        .as("WATCHING")
        .contains("library_entry_order_user_status_updated")
        .doesNotContain("Sort")
        .doesNotContain("Seq Scan");
  }

  /**
   * EXPLAIN of the generic plan of {@code sql} (every parameter NULL: a generic plan ignores the
   * values), with sequential scans discouraged as in {@code Fixtures.explain}, and the planner
   * settings named in {@code disabled} off.
   */
  private static List<String> genericPlan(String sql, String... disabled) throws SQLException {
    int parameters = 0;
    Matcher m = PARAMETER.matcher(sql);
    while (m.find()) {
      parameters = Math.max(parameters, Integer.parseInt(m.group(1)));
    }
    StringJoiner nulls = new StringJoiner(", ", "(", ")");
    for (int i = 0; i < parameters; i++) {
      nulls.add("NULL");
    }
    try (Connection c = Fixtures.database();
        Statement s = c.createStatement()) {
      s.execute("SET plan_cache_mode = force_generic_plan");
      // the test tables are tiny, where a scan is cheapest; what matters is that an index serves
      s.execute("SET enable_seqscan = off");
      for (String setting : disabled) {
        s.execute("SET " + setting + " = off");
      }
      s.execute("PREPARE generic AS " + sql);
      List<String> lines = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("EXPLAIN EXECUTE generic" + nulls)) {
        while (rs.next()) {
          lines.add(rs.getString(1));
        }
      }
      return lines;
    }
  }
}
