package dev.kiroku.social.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroku.social.SocialDatabase;
import dev.kiroku.social.SocialTestSetup;
import dev.kiroku.social.domain.PeopleList;
import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.PostgresTestDatabase;
import dev.kiroku.testing.TestTokenIssuer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every statement of follows, requests, blocks and their lists reaches its rows through an index
 * (EXPLAIN of the generic plan, as the service's prepared statements may run it), and each list
 * page reads its index in list order: no sort, whatever the list's length.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(SocialTestSetup.class)
class FollowPlanTest {

  private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");

  @Test
  void everyListPageReadsItsIndexInListOrder() throws SQLException {
    Map<PeopleList, String> indexes =
        Map.of(
            PeopleList.FOLLOWERS, "follow_followed",
            PeopleList.FOLLOWING, "follow_follower",
            PeopleList.FOLLOW_REQUESTS, "follow_request_target",
            PeopleList.BLOCKS, "block_blocker_created");
    for (PeopleList list : PeopleList.values()) {
      for (boolean after : new boolean[] {false, true}) {
        String sql = PeopleListQueries.pageSql(list, after);
        String plan = String.join("\n", genericPlan(sql, "enable_sort", "enable_bitmapscan"));
        assertThat(plan)
            .as(sql)
            .contains(indexes.get(list))
            .contains("profile_pkey")
            .doesNotContain("Sort")
            .doesNotContain("Seq Scan");
        if (after) {
          // the cursor bounds the index range (an Index Cond), not a filter over rows read
          assertThat(plan).as(sql).containsPattern("Index Cond: .*created_at.*\\$4");
        }
      }
    }
    for (PeopleList list : List.of(PeopleList.FOLLOW_REQUESTS, PeopleList.BLOCKS)) {
      String sql = PeopleListQueries.countSql(list);
      assertThat(String.join("\n", genericPlan(sql)))
          .as(sql)
          .contains("Index")
          .doesNotContain("Seq Scan");
    }
  }

  @Test
  void everyWriteStatementUsesAnIndex() throws SQLException {
    Map<String, String> statements =
        Map.ofEntries(
            Map.entry("LOCK_PAIR", FollowRepository.LOCK_PAIR),
            Map.entry("RELATION", FollowRepository.RELATION),
            Map.entry("DELETE_FOLLOW", FollowRepository.DELETE_FOLLOW),
            Map.entry("DELETE_FOLLOWS_BOTH_WAYS", FollowRepository.DELETE_FOLLOWS_BOTH_WAYS),
            Map.entry("DELETE_REQUEST", FollowRepository.DELETE_REQUEST),
            Map.entry("DELETE_REQUESTS_BOTH_WAYS", FollowRepository.DELETE_REQUESTS_BOTH_WAYS),
            Map.entry("ADD_COUNTS", FollowRepository.ADD_COUNTS),
            Map.entry("DELETE_BLOCK", BlockRepository.DELETE),
            // the group commit of follows and unfollows: a batch's pairs and users as arrays
            Map.entry("LOCK_ALL", FollowRepository.LOCK_ALL),
            Map.entry("RELATIONS", FollowRepository.RELATIONS),
            Map.entry("DELETE_FOLLOWS", FollowRepository.DELETE_FOLLOWS),
            Map.entry("DELETE_REQUESTS", FollowRepository.DELETE_REQUESTS),
            Map.entry("ADD_COUNTS_MANY", FollowRepository.ADD_COUNTS_MANY));
    for (var statement : statements.entrySet()) {
      String plan = String.join("\n", genericPlan(statement.getValue()));
      assertThat(plan).as(statement.getKey()).contains("Index").doesNotContain("Seq Scan");
    }
  }

  @Test
  void theProfileReadReachesEveryRowThroughAnIndexAndProbesRelationsOnce() throws SQLException {
    List<String> plan = genericPlan(ProfileRepository.SHOW_BY_HANDLE);
    String text = String.join("\n", plan);
    assertThat(text)
        .contains("profile_handle")
        .contains("follow_pkey")
        .contains("block_pkey")
        .containsPattern("Index.* favorite")
        .contains("media_projection_pkey")
        .doesNotContain("Seq Scan");
    // the relation probes belong to the materialized profile row, ahead of the scan of it that
    // joins the favorites: once per read, not once per favorite
    int cte = indexOf(plan, "CTE v");
    int scan = indexOf(plan, "CTE Scan on v");
    int probe = indexOf(plan, "follow_pkey");
    assertThat(cte).isNotNegative();
    assertThat(probe).isGreaterThan(cte).isLessThan(scan);
  }

  private static int indexOf(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * EXPLAIN of the generic plan of {@code sql} (every parameter NULL), sequential scans discouraged
   * (the test tables are tiny), the planner settings in {@code disabled} off.
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
    try (Connection c = SocialDatabase.connect();
        Statement s = c.createStatement()) {
      s.execute("SET plan_cache_mode = force_generic_plan");
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
