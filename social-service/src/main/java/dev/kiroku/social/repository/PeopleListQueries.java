package dev.kiroku.social.repository;

import dev.kiroku.social.domain.ListedUser;
import dev.kiroku.social.domain.PageKey;
import dev.kiroku.social.domain.PeopleList;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads of the lists of users with keyset pagination, newest first, each page one index range scan:
 * followers on {@code follow_followed}, following on {@code follow_follower}, follow requests on
 * {@code follow_request_target}, blocks on {@code block_blocker_created} (all {@code (owner,
 * created_at DESC, other DESC)}).
 */
@ApplicationScoped
public class PeopleListQueries {

  /** Whose rows a list reads: table, owner column, other-user column. */
  record Source(String table, String owner, String other, boolean hideWhoBlockedReader) {}

  static Source source(PeopleList list) {
    return switch (list) {
      case FOLLOWERS -> new Source("follow", "followed_id", "follower_id", true);
      case FOLLOWING -> new Source("follow", "follower_id", "followed_id", true);
      case FOLLOW_REQUESTS -> new Source("follow_request", "target_id", "requester_id", false);
      case BLOCKS -> new Source("block", "blocker_id", "blocked_id", false);
    };
  }

  /**
   * Whether reader {@code $2} sees the details of profile {@code p} ({@code
   * ProfileAccess.seesDetails}): their own; else not when {@code p} blocked the reader; {@code
   * PUBLIC} to all, {@code FOLLOWERS} to accepted followers, {@code PRIVATE} to no one else.
   */
  static final String SEES_DETAILS =
      "(p.user_id = $2 OR ((p.visibility = 'PUBLIC' OR (p.visibility = 'FOLLOWERS' AND EXISTS"
          + " (SELECT 1 FROM follow v WHERE v.follower_id = $2 AND v.followed_id = p.user_id)))"
          + " AND NOT EXISTS (SELECT 1 FROM block x WHERE x.blocker_id = p.user_id"
          + " AND x.blocked_id = $2)))";

  /**
   * One page of {@code list} of owner {@code $1} as reader {@code $2} sees it: {@code $3} rows at
   * most (the page size plus one, to know whether another page follows), after the key {@code ($4,
   * $5)} when {@code after}. Columns: user id, handle, display name, avatar URL, created_at,
   * whether the reader sees the details. Followers and following lists leave out users who blocked
   * the reader.
   */
  static String pageSql(PeopleList list, boolean after) {
    Source s = source(list);
    StringBuilder sql =
        new StringBuilder(
                "SELECT p.user_id, p.handle, p.display_name, p.avatar_url, f.created_at, ")
            .append(SEES_DETAILS)
            .append(" FROM ")
            .append(s.table())
            .append(" f JOIN profile p ON p.user_id = f.")
            .append(s.other())
            .append(" WHERE f.")
            .append(s.owner())
            .append(" = $1");
    if (after) {
      sql.append(" AND (f.created_at, f.")
          .append(s.other())
          .append(") < ($4::timestamptz, $5::text)");
    }
    if (s.hideWhoBlockedReader()) {
      sql.append(" AND NOT EXISTS (SELECT 1 FROM block b WHERE b.blocker_id = f.")
          .append(s.other())
          .append(" AND b.blocked_id = $2)");
    }
    return sql.append(" ORDER BY f.created_at DESC, f.")
        .append(s.other())
        .append(" DESC LIMIT $3")
        .toString();
  }

  /** The length of a list without a counter on the profile (requests, blocks) of {@code $1}. */
  static String countSql(PeopleList list) {
    Source s = source(list);
    return "SELECT count(*) FROM " + s.table() + " WHERE " + s.owner() + " = $1";
  }

  /**
   * Up to {@code limit + 1} users of {@code ownerId}'s {@code list}, newest first, after {@code
   * after} (null: from the start), as {@code readerId} may see them.
   */
  public Uni<List<ListedUser>> page(
      SqlClient client,
      PeopleList list,
      String ownerId,
      String readerId,
      PageKey after,
      int limit) {
    Tuple args = Tuple.of(ownerId, readerId, limit + 1);
    if (after != null) {
      args.addOffsetDateTime(ProfileRepository.utc(after.at())).addString(after.userId());
    }
    return client
        .preparedQuery(pageSql(list, after != null))
        .execute(args)
        .map(
            rows -> {
              List<ListedUser> users = new ArrayList<>(rows.size());
              for (Row r : rows) {
                boolean details = r.getBoolean(5);
                users.add(
                    new ListedUser(
                        r.getString(0),
                        r.getString(1),
                        details ? r.getString(2) : null,
                        details ? r.getString(3) : null,
                        !details,
                        r.getOffsetDateTime(4).toInstant()));
              }
              return users;
            });
  }

  /** How many rows {@code ownerId}'s {@code list} has (for lists without a counter). */
  public Uni<Long> count(SqlClient client, PeopleList list, String ownerId) {
    return client
        .preparedQuery(countSql(list))
        .execute(Tuple.of(ownerId))
        .map(rows -> rows.iterator().next().getLong(0));
  }
}
