package dev.kiroku.social.repository;

import dev.kiroku.social.domain.Profile;
import dev.kiroku.social.domain.Relationship;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL of the pair writes: {@code follow}, {@code follow_request}, and the follower and following
 * counts on {@code profile}. Every write of a pair starts with {@link #lockPair}, which locks both
 * profiles in user id order: writes of the same pair run one after the other (a follow cannot slip
 * in beside a block), and writes of overlapping pairs cannot deadlock.
 */
@ApplicationScoped
public class FollowRepository {

  /** Both profiles, locked in user id order (the Sort runs below the row locks). */
  static final String LOCK_PAIR =
      "SELECT "
          + ProfileRepository.COLUMNS
          + " FROM profile p WHERE p.user_id IN ($1, $2) ORDER BY p.user_id FOR UPDATE";

  /** How {@code $1} stands to {@code $2}, in the order of {@link Relationship}'s fields. */
  static final String RELATION =
      "SELECT EXISTS (SELECT 1 FROM follow WHERE follower_id = $1 AND followed_id = $2),"
          + " EXISTS (SELECT 1 FROM follow WHERE follower_id = $2 AND followed_id = $1),"
          + " EXISTS (SELECT 1 FROM follow_request WHERE requester_id = $1 AND target_id = $2),"
          + " EXISTS (SELECT 1 FROM block WHERE blocker_id = $2 AND blocked_id = $1),"
          + " EXISTS (SELECT 1 FROM block WHERE blocker_id = $1 AND blocked_id = $2)";

  /** {@code $1} follows {@code $2} since {@code $3}; no row when it already did. */
  static final String INSERT_FOLLOW =
      "INSERT INTO follow (follower_id, followed_id, created_at) VALUES ($1, $2, $3)"
          + " ON CONFLICT DO NOTHING RETURNING created_at";

  static final String DELETE_FOLLOW =
      "DELETE FROM follow WHERE follower_id = $1 AND followed_id = $2 RETURNING created_at";

  /** Follows both ways between {@code $1} and {@code $2}. */
  static final String DELETE_FOLLOWS_BOTH_WAYS =
      "DELETE FROM follow WHERE (follower_id = $1 AND followed_id = $2)"
          + " OR (follower_id = $2 AND followed_id = $1) RETURNING follower_id, followed_id";

  static final String DELETE_REQUEST =
      "DELETE FROM follow_request WHERE requester_id = $1 AND target_id = $2 RETURNING created_at";

  static final String DELETE_REQUESTS_BOTH_WAYS =
      "DELETE FROM follow_request WHERE (requester_id = $1 AND target_id = $2)"
          + " OR (requester_id = $2 AND target_id = $1)";

  /**
   * Adds to the counts of two users in one statement: {@code $1} gets {@code $2} followers and
   * {@code $3} followed users, {@code $4} gets {@code $5} and {@code $6} (negative: fewer).
   */
  static final String ADD_COUNTS =
      "UPDATE profile p SET follower_count = p.follower_count + d.followers,"
          + " following_count = p.following_count + d.following"
          + " FROM (VALUES ($1::text, $2::int, $3::int), ($4::text, $5::int, $6::int))"
          + " AS d (user_id, followers, following) WHERE p.user_id = d.user_id";

  /**
   * Profiles of the users in {@code $1} and of the handles in {@code $2}, locked in user id order
   * (the Sort runs below the locks). A profile renamed concurrently away from a handle of {@code
   * $2} is re-checked once its lock is granted and left out.
   */
  static final String LOCK_ALL =
      "SELECT "
          + ProfileRepository.COLUMNS
          + " FROM profile p WHERE p.user_id = ANY($1) OR p.handle = ANY($2)"
          + " ORDER BY p.user_id FOR UPDATE";

  /** {@link #RELATION} for each pair ({@code $1[i]}, {@code $2[i]}), with the pair first. */
  static final String RELATIONS =
      "SELECT r.a, r.b,"
          + " EXISTS (SELECT 1 FROM follow WHERE follower_id = r.a AND followed_id = r.b),"
          + " EXISTS (SELECT 1 FROM follow WHERE follower_id = r.b AND followed_id = r.a),"
          + " EXISTS (SELECT 1 FROM follow_request WHERE requester_id = r.a AND target_id = r.b),"
          + " EXISTS (SELECT 1 FROM block WHERE blocker_id = r.b AND blocked_id = r.a),"
          + " EXISTS (SELECT 1 FROM block WHERE blocker_id = r.a AND blocked_id = r.b)"
          + " FROM unnest($1::text[], $2::text[]) AS r (a, b)";

  /** {@code $1[i]} follows {@code $2[i]} since {@code $3}. */
  static final String INSERT_FOLLOWS =
      "INSERT INTO follow (follower_id, followed_id, created_at)"
          + " SELECT r.a, r.b, $3 FROM unnest($1::text[], $2::text[]) AS r (a, b)";

  static final String DELETE_FOLLOWS =
      "DELETE FROM follow f USING unnest($1::text[], $2::text[]) AS r (a, b)"
          + " WHERE f.follower_id = r.a AND f.followed_id = r.b";

  /** {@code $1[i]} asks to follow {@code $2[i]} since {@code $3}. */
  static final String INSERT_REQUESTS =
      "INSERT INTO follow_request (requester_id, target_id, created_at)"
          + " SELECT r.a, r.b, $3 FROM unnest($1::text[], $2::text[]) AS r (a, b)";

  static final String DELETE_REQUESTS =
      "DELETE FROM follow_request q USING unnest($1::text[], $2::text[]) AS r (a, b)"
          + " WHERE q.requester_id = r.a AND q.target_id = r.b";

  /**
   * {@code $1[i]} gets {@code $2[i]} followers and {@code $3[i]} followed users more (or fewer).
   */
  static final String ADD_COUNTS_MANY =
      "UPDATE profile p SET follower_count = p.follower_count + d.followers,"
          + " following_count = p.following_count + d.following"
          + " FROM unnest($1::text[], $2::int[], $3::int[]) AS d (user_id, followers, following)"
          + " WHERE p.user_id = d.user_id";

  /** A follow between two users: who follows whom. */
  public record Follow(String followerId, String followedId) {}

  /** How far a user's counts move: followers and followed users, more or (negative) fewer. */
  public record CountChange(int followers, int following) {}

  /**
   * Locks the profiles of {@code a} and {@code b} until the transaction ends, in user id order.
   *
   * @return the profiles by user id; a deleted user is missing
   */
  public Uni<Map<String, Profile>> lockPair(SqlClient tx, String a, String b) {
    return tx.preparedQuery(LOCK_PAIR).execute(Tuple.of(a, b)).map(FollowRepository::byUser);
  }

  /** How {@code actorId} stands to {@code otherId}. */
  public Uni<Relationship> relation(SqlClient tx, String actorId, String otherId) {
    return tx.preparedQuery(RELATION)
        .execute(Tuple.of(actorId, otherId))
        .map(
            rows -> {
              return relationship(rows.iterator().next(), 0);
            });
  }

  /**
   * {@code followerId} follows {@code followedId} from {@code at} (counts not touched).
   *
   * @return the follow's time; empty when it existed
   */
  public Uni<Optional<Instant>> insertFollow(
      SqlClient tx, String followerId, String followedId, Instant at) {
    return tx.preparedQuery(INSERT_FOLLOW)
        .execute(Tuple.of(followerId, followedId, ProfileRepository.utc(at)))
        .map(FollowRepository::time);
  }

  /**
   * Ends the follow of {@code followerId} to {@code followedId} (counts not touched).
   *
   * @return whether there was one
   */
  public Uni<Boolean> deleteFollow(SqlClient tx, String followerId, String followedId) {
    return tx.preparedQuery(DELETE_FOLLOW)
        .execute(Tuple.of(followerId, followedId))
        .map(rows -> rows.rowCount() > 0);
  }

  /** Ends the follows both ways between {@code a} and {@code b}; returns those that were. */
  public Uni<List<Follow>> deleteFollowsBothWays(SqlClient tx, String a, String b) {
    return tx.preparedQuery(DELETE_FOLLOWS_BOTH_WAYS)
        .execute(Tuple.of(a, b))
        .map(
            rows -> {
              List<Follow> ended = new ArrayList<>(2);
              for (Row r : rows) {
                ended.add(new Follow(r.getString(0), r.getString(1)));
              }
              return ended;
            });
  }

  /**
   * Removes the pending request of {@code requesterId} to follow {@code targetId}.
   *
   * @return whether there was one
   */
  public Uni<Boolean> deleteRequest(SqlClient client, String requesterId, String targetId) {
    return client
        .preparedQuery(DELETE_REQUEST)
        .execute(Tuple.of(requesterId, targetId))
        .map(rows -> rows.rowCount() > 0);
  }

  /** Removes pending requests both ways between {@code a} and {@code b}. */
  public Uni<Void> deleteRequestsBothWays(SqlClient tx, String a, String b) {
    return tx.preparedQuery(DELETE_REQUESTS_BOTH_WAYS).execute(Tuple.of(a, b)).replaceWithVoid();
  }

  /**
   * Changes the counts of {@code follows} ended ({@code sign} -1) or begun ({@code sign} +1)
   * between {@code a} and {@code b}, in one statement: each follower follows one user more or
   * fewer, each followed user has one follower more or fewer. Lock the pair first ({@link
   * #lockPair}).
   */
  public Uni<Void> count(SqlClient tx, String a, String b, List<Follow> follows, int sign) {
    if (follows.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int aFollowers = 0;
    int aFollowing = 0;
    int bFollowers = 0;
    int bFollowing = 0;
    for (Follow f : follows) {
      if (f.followerId().equals(a)) {
        aFollowing += sign;
        bFollowers += sign;
      } else {
        bFollowing += sign;
        aFollowers += sign;
      }
    }
    return tx.preparedQuery(ADD_COUNTS)
        .execute(Tuple.of(a, aFollowers, aFollowing, b, bFollowers, bFollowing))
        .replaceWithVoid();
  }

  /**
   * Locks the profiles of {@code userIds} and of {@code handles} (lower-case) until the transaction
   * ends, in user id order, in one statement.
   *
   * @return the profiles by user id; a deleted user, or a handle no profile has, is missing
   */
  public Uni<Map<String, Profile>> lockAll(
      SqlClient tx, Collection<String> userIds, Collection<String> handles) {
    return tx.preparedQuery(LOCK_ALL)
        .execute(Tuple.of(userIds.toArray(String[]::new), handles.toArray(String[]::new)))
        .map(FollowRepository::byUser);
  }

  /**
   * How each follower of {@code pairs} stands to its followed user, in one statement.
   *
   * @return by pair (follower = the actor); every pair is present
   */
  public Uni<Map<Follow, Relationship>> relations(SqlClient tx, Collection<Follow> pairs) {
    return tx.preparedQuery(RELATIONS)
        .execute(arrays(pairs))
        .map(
            rows -> {
              Map<Follow, Relationship> found = new HashMap<>();
              for (Row r : rows) {
                found.put(new Follow(r.getString(0), r.getString(1)), relationship(r, 2));
              }
              return found;
            });
  }

  /** New follows since {@code at}, in one statement (none may exist: lock both users first). */
  public Uni<Void> insertFollows(SqlClient tx, Collection<Follow> follows, Instant at) {
    return pairs(tx, INSERT_FOLLOWS, follows, at);
  }

  /** Ends {@code follows}, in one statement (counts not touched). */
  public Uni<Void> deleteFollows(SqlClient tx, Collection<Follow> follows) {
    return pairs(tx, DELETE_FOLLOWS, follows, null);
  }

  /** New pending requests (requester, target) since {@code at}, in one statement. */
  public Uni<Void> insertRequests(SqlClient tx, Collection<Follow> requests, Instant at) {
    return pairs(tx, INSERT_REQUESTS, requests, at);
  }

  /** Removes pending requests (requester, target), in one statement. */
  public Uni<Void> deleteRequests(SqlClient tx, Collection<Follow> requests) {
    return pairs(tx, DELETE_REQUESTS, requests, null);
  }

  /** Moves the counts of each user in {@code changes}, in one statement (lock them first). */
  public Uni<Void> addCounts(SqlClient tx, Map<String, CountChange> changes) {
    if (changes.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    String[] users = new String[changes.size()];
    Integer[] followers = new Integer[users.length];
    Integer[] following = new Integer[users.length];
    int i = 0;
    for (Map.Entry<String, CountChange> e : changes.entrySet()) {
      users[i] = e.getKey();
      followers[i] = e.getValue().followers();
      following[i] = e.getValue().following();
      i++;
    }
    return tx.preparedQuery(ADD_COUNTS_MANY)
        .execute(Tuple.of(users, followers, following))
        .replaceWithVoid();
  }

  private static Uni<Void> pairs(SqlClient tx, String sql, Collection<Follow> pairs, Instant at) {
    if (pairs.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    Tuple params = arrays(pairs);
    if (at != null) {
      params.addValue(ProfileRepository.utc(at));
    }
    return tx.preparedQuery(sql).execute(params).replaceWithVoid();
  }

  private static Tuple arrays(Collection<Follow> pairs) {
    String[] a = new String[pairs.size()];
    String[] b = new String[pairs.size()];
    int i = 0;
    for (Follow f : pairs) {
      a[i] = f.followerId();
      b[i] = f.followedId();
      i++;
    }
    return Tuple.of(a, b);
  }

  /**
   * The five flags of {@link #RELATION} (and of {@link ProfileRepository#BY_HANDLE_FOR_VIEWER})
   * from column {@code at} on, in the record's order.
   */
  static Relationship relationship(Row r, int at) {
    return new Relationship(
        r.getBoolean(at),
        r.getBoolean(at + 1),
        r.getBoolean(at + 2),
        r.getBoolean(at + 3),
        r.getBoolean(at + 4));
  }

  /** The profiles of {@code rows} by user id. */
  private static Map<String, Profile> byUser(RowSet<Row> rows) {
    Map<String, Profile> found = new HashMap<>();
    for (Row r : rows) {
      Profile p = ProfileRepository.profile(r, 0);
      found.put(p.userId(), p);
    }
    return found;
  }

  private static Optional<Instant> time(RowSet<Row> rows) {
    return rows.size() == 0
        ? Optional.empty()
        : Optional.of(rows.iterator().next().getOffsetDateTime(0).toInstant());
  }
}
