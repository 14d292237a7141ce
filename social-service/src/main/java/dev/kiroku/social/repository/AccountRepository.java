package dev.kiroku.social.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** SQL that removes a whole account: every row of the user in this service's database. */
@ApplicationScoped
public class AccountRepository {

  /** Those the user followed lose a follower. */
  static final String UNCOUNT_FOLLOWED =
      "UPDATE profile p SET follower_count = p.follower_count - 1"
          + " FROM follow f WHERE f.follower_id = $1 AND p.user_id = f.followed_id";

  /** Those who followed the user follow one user fewer. */
  static final String UNCOUNT_FOLLOWERS =
      "UPDATE profile p SET following_count = p.following_count - 1"
          + " FROM follow f WHERE f.followed_id = $1 AND p.user_id = f.follower_id";

  /**
   * The profile; its redirects, follows both ways, requests both ways, blocks both ways (and what
   * later tables hang on {@code profile}) go with it ({@code ON DELETE CASCADE}).
   */
  static final String DELETE_PROFILE = "DELETE FROM profile WHERE user_id = $1";

  /**
   * Deletes every row of {@code userId}, adjusting the follower and following counts of the users
   * on the other side of their follows.
   *
   * @return whether the user had a profile
   */
  public Uni<Boolean> deleteUser(SqlClient tx, String userId) {
    return tx.preparedQuery(UNCOUNT_FOLLOWED)
        .execute(Tuple.of(userId))
        .chain(() -> tx.preparedQuery(UNCOUNT_FOLLOWERS).execute(Tuple.of(userId)))
        .chain(() -> tx.preparedQuery(DELETE_PROFILE).execute(Tuple.of(userId)))
        .map(rows -> rows.rowCount() > 0);
  }
}
