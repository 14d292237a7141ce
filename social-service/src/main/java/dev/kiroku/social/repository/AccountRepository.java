package dev.kiroku.social.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** SQL that removes a whole account: every row of the user in this service's database. */
@ApplicationScoped
public class AccountRepository {

  /**
   * The user's profile and every profile on the other side of their follows, locked in user id
   * order, as every follow and block write locks its pair ({@code FollowRepository.lockPair}): a
   * deletion and a follow of the same users never wait for each other in a cycle.
   */
  static final String LOCK_ACCOUNT =
      "SELECT p.user_id FROM profile p WHERE p.user_id = $1"
          + " OR p.user_id IN (SELECT followed_id FROM follow WHERE follower_id = $1)"
          + " OR p.user_id IN (SELECT follower_id FROM follow WHERE followed_id = $1)"
          + " ORDER BY p.user_id FOR UPDATE";

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

  /** Locks what deleting {@code userId} changes ({@link #LOCK_ACCOUNT}), before reading it. */
  public Uni<Void> lockAccount(SqlClient tx, String userId) {
    return tx.preparedQuery(LOCK_ACCOUNT).execute(Tuple.of(userId)).replaceWithVoid();
  }

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
