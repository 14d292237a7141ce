package dev.kiroku.social.repository;

import dev.kiroku.social.domain.Profile;
import dev.kiroku.social.domain.RatingScale;
import dev.kiroku.social.domain.Relationship;
import dev.kiroku.social.domain.ShownProfile;
import dev.kiroku.social.domain.Visibility;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for {@code profile} and {@code handle_redirect}. */
@ApplicationScoped
public class ProfileRepository {

  /** The columns {@link #profile(Row, int)} reads, in order. */
  static final String COLUMNS =
      "p.user_id, p.handle, p.display_name, p.bio, p.avatar_url, p.visibility, p.rating_scale,"
          + " p.follower_count, p.following_count, p.created_at, p.updated_at";

  static final int COLUMN_COUNT = 11;

  static final String BY_USER = "SELECT " + COLUMNS + " FROM profile p WHERE p.user_id = $1";

  static final String BY_USER_FOR_UPDATE = BY_USER + " FOR UPDATE";

  /**
   * A new profile, unless the user has one ({@code DO NOTHING}) or {@code $2} is a handle renamed
   * away less than 30 days ago (no row either). A handle another profile has fails with SQLSTATE
   * 23505 on {@code profile_handle}.
   */
  static final String CREATE =
      "INSERT INTO profile AS p (user_id, handle, display_name, created_at, updated_at)"
          + " SELECT $1, $2, $3, $4, $4 WHERE NOT EXISTS"
          + " (SELECT 1 FROM handle_redirect r WHERE r.handle = $2 AND r.expires_at > $4)"
          + " ON CONFLICT (user_id) DO NOTHING RETURNING "
          + COLUMNS;

  /**
   * The profile with handle {@code $1} and how viewer {@code $2} stands to it, in one statement
   * (every relation an index probe on a primary key).
   */
  static final String BY_HANDLE_FOR_VIEWER =
      "SELECT "
          + COLUMNS
          + ", EXISTS (SELECT 1 FROM follow f WHERE f.follower_id = $2 AND f.followed_id = p.user_id)"
          + ", EXISTS (SELECT 1 FROM follow f WHERE f.follower_id = p.user_id AND f.followed_id = $2)"
          + ", EXISTS (SELECT 1 FROM follow_request q"
          + " WHERE q.requester_id = $2 AND q.target_id = p.user_id)"
          + ", EXISTS (SELECT 1 FROM block b WHERE b.blocker_id = p.user_id AND b.blocked_id = $2)"
          + ", EXISTS (SELECT 1 FROM block b WHERE b.blocker_id = $2 AND b.blocked_id = p.user_id)"
          + " FROM profile p WHERE p.handle = $1";

  /**
   * {@link #BY_HANDLE_FOR_VIEWER} and the profile's favorites with their catalog data, in one round
   * trip: a row per favorite (by media type, then position; {@link
   * MediaProjectionRepository#COLUMNS} from column {@link #FAVORITE_AT}), or one row with those
   * columns null when there is none. The profile's row is materialized first, so its relation
   * probes run once, not once per favorite.
   */
  static final String SHOW_BY_HANDLE =
      "WITH v AS MATERIALIZED ("
          + BY_HANDLE_FOR_VIEWER
          + ") SELECT v.*, fav.* FROM v LEFT JOIN LATERAL (SELECT "
          + MediaProjectionRepository.COLUMNS
          + ", f.media_type AS favorite_type, f.position AS favorite_position"
          + " FROM favorite f JOIN media_projection m ON m.media_id = f.media_id"
          + " WHERE f.user_id = v.user_id) fav ON true"
          + " ORDER BY fav.favorite_type, fav.favorite_position";

  /** The first column of a favorite in {@link #SHOW_BY_HANDLE}'s rows. */
  static final int FAVORITE_AT = COLUMN_COUNT + 5;

  /** The current handle of whoever had handle {@code $1} until a rename less than 30 days ago. */
  static final String REDIRECT =
      "SELECT p.handle FROM handle_redirect r JOIN profile p ON p.user_id = r.user_id"
          + " WHERE r.handle = $1 AND r.expires_at > $2";

  static final String UPDATE =
      "UPDATE profile SET handle = $2, display_name = $3, bio = $4, avatar_url = $5,"
          + " visibility = $6, rating_scale = $7, updated_at = $8 WHERE user_id = $1";

  /**
   * Frees handle {@code $1} for user {@code $2}: their own earlier handle (a redirect of theirs) or
   * a redirect that expired. Returns the rows of redirects that still hold it for someone else.
   */
  static final String CLAIM_REDIRECTED =
      "WITH freed AS (DELETE FROM handle_redirect WHERE handle = $1"
          + " AND (user_id = $2 OR expires_at <= $3) RETURNING handle)"
          + " SELECT 1 FROM handle_redirect WHERE handle = $1 AND user_id <> $2 AND expires_at > $3";

  static final String ADD_REDIRECT =
      "INSERT INTO handle_redirect (handle, user_id, expires_at) VALUES ($1, $2, $3)"
          + " ON CONFLICT (handle) DO UPDATE SET user_id = EXCLUDED.user_id,"
          + " expires_at = EXCLUDED.expires_at";

  static final String DELETE_EXPIRED_REDIRECTS =
      "DELETE FROM handle_redirect WHERE ctid = ANY (ARRAY (SELECT ctid FROM handle_redirect"
          + " WHERE expires_at <= $1 LIMIT 1000))";

  /**
   * People whose handle or display name starts with {@code $1} (a LIKE pattern, lower-case), public
   * and followers-only profiles only, none that blocked viewer {@code $2}; by handle.
   */
  static final String SEARCH =
      "SELECT "
          + COLUMNS
          + " FROM profile p WHERE (p.handle LIKE $1 OR lower(p.display_name) LIKE $1)"
          + " AND p.visibility <> 'PRIVATE'"
          + " AND NOT EXISTS (SELECT 1 FROM block b WHERE b.blocker_id = p.user_id"
          + " AND b.blocked_id = $2)"
          + " ORDER BY p.handle LIMIT $3";

  /** How long a renamed handle keeps answering with a pointer to the new one. */
  public static final Duration REDIRECT_LIFETIME = Duration.ofDays(30);

  /** A profile found by handle, with how the viewer stands to it. */
  public record Viewed(Profile profile, Relationship relation) {}

  public Uni<Optional<Profile>> find(SqlClient client, String userId) {
    return client.preparedQuery(BY_USER).execute(Tuple.of(userId)).map(ProfileRepository::first);
  }

  /**
   * The profile of {@code userId}, locked until the transaction ends.
   *
   * @throws java.util.NoSuchElementException when there is none
   */
  public Uni<Profile> findForUpdate(SqlClient tx, String userId) {
    return tx.preparedQuery(BY_USER_FOR_UPDATE)
        .execute(Tuple.of(userId))
        .map(rows -> first(rows).orElseThrow());
  }

  /**
   * Creates the profile of {@code userId} with {@code handle} unless they have one.
   *
   * @return the created profile; empty when the user already had one or the handle is held by a
   *     recent rename; fails with a {@code PgException} 23505 when another profile has the handle
   */
  public Uni<Optional<Profile>> create(
      SqlClient client, String userId, String handle, String displayName, Instant now) {
    return client
        .preparedQuery(CREATE)
        .execute(Tuple.of(userId, handle, displayName, utc(now)))
        .map(ProfileRepository::first);
  }

  /** The profile with {@code handle} (lower-case) and how {@code viewerId} stands to it. */
  public Uni<Optional<Viewed>> viewByHandle(SqlClient client, String handle, String viewerId) {
    return client
        .preparedQuery(BY_HANDLE_FOR_VIEWER)
        .execute(Tuple.of(handle, viewerId))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.empty();
              }
              Row r = rows.iterator().next();
              return Optional.of(
                  new Viewed(profile(r, 0), FollowRepository.relationship(r, COLUMN_COUNT)));
            });
  }

  /**
   * The profile with {@code handle} (lower-case), how {@code viewerId} stands to it, and its
   * favorites, in one statement ({@link #SHOW_BY_HANDLE}).
   */
  public Uni<Optional<ShownProfile>> showByHandle(
      SqlClient client, String handle, String viewerId) {
    return client
        .preparedQuery(SHOW_BY_HANDLE)
        .execute(Tuple.of(handle, viewerId))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.empty();
              }
              Row r = rows.iterator().next();
              return Optional.of(
                  new ShownProfile(
                      profile(r, 0),
                      FollowRepository.relationship(r, COLUMN_COUNT),
                      FavoriteRepository.byType(rows, FAVORITE_AT)));
            });
  }

  /**
   * The handle that replaced {@code oldHandle} in a rename less than 30 days before {@code now}.
   */
  public Uni<Optional<String>> redirect(SqlClient client, String oldHandle, Instant now) {
    return client
        .preparedQuery(REDIRECT)
        .execute(Tuple.of(oldHandle, utc(now)))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(rows.iterator().next().getString(0)));
  }

  /**
   * Writes the editable fields of {@code profile}.
   *
   * @return fails with a {@code PgException} 23505 when another profile has the handle
   */
  public Uni<Void> update(SqlClient client, Profile profile) {
    return client
        .preparedQuery(UPDATE)
        .execute(
            Tuple.tuple()
                .addString(profile.userId())
                .addString(profile.handle())
                .addString(profile.displayName())
                .addString(profile.bio())
                .addString(profile.avatarUrl())
                .addString(profile.visibility().name())
                .addString(profile.ratingScale().name())
                .addOffsetDateTime(utc(profile.updatedAt())))
        .replaceWithVoid();
  }

  /**
   * Lets {@code userId} take {@code handle} as far as renames go: drops their own old redirect of
   * it and expired ones.
   *
   * @return false when a rename by someone else holds it for less than 30 days more
   */
  public Uni<Boolean> claimRedirected(SqlClient client, String handle, String userId, Instant now) {
    return client
        .preparedQuery(CLAIM_REDIRECTED)
        .execute(Tuple.of(handle, userId, utc(now)))
        .map(rows -> rows.size() == 0);
  }

  /** Points {@code oldHandle} at {@code userId}'s profile for {@link #REDIRECT_LIFETIME}. */
  public Uni<Void> addRedirect(SqlClient client, String oldHandle, String userId, Instant now) {
    return client
        .preparedQuery(ADD_REDIRECT)
        .execute(Tuple.of(oldHandle, userId, utc(now.plus(REDIRECT_LIFETIME))))
        .replaceWithVoid();
  }

  /** Deletes up to 1,000 redirects that expired before {@code now}; the item is how many. */
  public Uni<Long> deleteExpiredRedirects(SqlClient client, Instant now) {
    return client
        .preparedQuery(DELETE_EXPIRED_REDIRECTS)
        .execute(Tuple.of(utc(now)))
        .map(rows -> (long) rows.rowCount());
  }

  /**
   * Up to {@code limit} people whose handle or display name starts with {@code prefix}, public and
   * followers-only profiles only, none that blocked {@code viewerId}, by handle.
   */
  public Uni<List<Profile>> search(SqlClient client, String prefix, String viewerId, int limit) {
    String pattern = likeEscaped(prefix) + "%";
    return client
        .preparedQuery(SEARCH)
        .execute(Tuple.of(pattern, viewerId, limit))
        .map(
            rows -> {
              List<Profile> found = new ArrayList<>(rows.size());
              for (Row r : rows) {
                found.add(profile(r, 0));
              }
              return found;
            });
  }

  /** {@code text} with LIKE's wildcards and escape character taken literally. */
  static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /** A profile from {@link #COLUMNS} starting at column {@code at}. */
  static Profile profile(Row r, int at) {
    return new Profile(
        r.getString(at),
        r.getString(at + 1),
        r.getString(at + 2),
        r.getString(at + 3),
        r.getString(at + 4),
        Visibility.valueOf(r.getString(at + 5)),
        RatingScale.valueOf(r.getString(at + 6)),
        r.getInteger(at + 7),
        r.getInteger(at + 8),
        r.getOffsetDateTime(at + 9).toInstant(),
        r.getOffsetDateTime(at + 10).toInstant());
  }

  private static Optional<Profile> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(profile(rows.iterator().next(), 0));
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
