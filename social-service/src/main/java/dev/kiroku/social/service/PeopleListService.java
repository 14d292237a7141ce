package dev.kiroku.social.service;

import dev.kiroku.platform.problem.CommonErrorCode;
import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.social.domain.ByHandle;
import dev.kiroku.social.domain.ListedUser;
import dev.kiroku.social.domain.PageKey;
import dev.kiroku.social.domain.PeopleList;
import dev.kiroku.social.domain.PeoplePage;
import dev.kiroku.social.domain.Profile;
import dev.kiroku.social.domain.ProfileAccess;
import dev.kiroku.social.repository.PeopleListQueries;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The lists of users, newest first, in keyset pages: a user's followers and following (as far as
 * the profile's visibility lets the reader see them), the caller's pending follow requests and
 * blocks.
 */
@ApplicationScoped
public class PeopleListService {

  private final Pool pool;
  private final PeopleListQueries lists;
  private final UserResolver users;

  @Inject
  PeopleListService(Pool pool, PeopleListQueries lists, UserResolver users) {
    this.pool = pool;
    this.lists = lists;
    this.users = users;
  }

  /**
   * A page of the followers ({@link PeopleList#FOLLOWERS}) or followed users ({@link
   * PeopleList#FOLLOWING}) of the user {@code handle} names, as {@code readerId} may see it: users
   * who blocked the reader are left out; {@code count} is the profile's follower or following
   * count.
   *
   * @param cursor null for the first page
   * @param limit 1-100
   * @throws ProblemException 400 {@code INVALID_CURSOR} naming {@code cursor}; 404 {@code
   *     USER_NOT_FOUND}; 403 {@code FORBIDDEN} when the reader may not see the profile's details (a
   *     private profile, a followers-only one the reader does not follow, an owner who blocked the
   *     reader)
   */
  public Uni<ByHandle<PeoplePage>> ofUser(
      PeopleList list, String readerId, String handle, String cursor, int limit) {
    if (list != PeopleList.FOLLOWERS && list != PeopleList.FOLLOWING) {
      throw new IllegalArgumentException("not a list of a user's follows: " + list);
    }
    PageKey after = cursor == null ? null : PageKey.decode(list, cursor);
    return users.resolve(
        handle,
        readerId,
        found -> {
          Profile owner = found.profile();
          if (!ProfileAccess.seesDetails(owner, readerId, found.relation())) {
            throw new ProblemException(
                CommonErrorCode.FORBIDDEN,
                "The "
                    + (list == PeopleList.FOLLOWERS ? "followers" : "followed users")
                    + " of "
                    + owner.handle()
                    + " are not visible to you");
          }
          long count =
              list == PeopleList.FOLLOWERS ? owner.followerCount() : owner.followingCount();
          return lists
              .page(pool, list, owner.userId(), readerId, after, limit)
              .map(rows -> page(list, rows, limit, count));
        });
  }

  /**
   * A page of the caller's own {@link PeopleList#FOLLOW_REQUESTS} (pending requests to follow them)
   * or {@link PeopleList#BLOCKS} (users they blocked); {@code count} is counted on the index.
   *
   * @param cursor null for the first page
   * @param limit 1-100
   * @throws ProblemException 400 {@code INVALID_CURSOR} naming {@code cursor}
   */
  public Uni<PeoplePage> mine(PeopleList list, String callerId, String cursor, int limit) {
    if (list != PeopleList.FOLLOW_REQUESTS && list != PeopleList.BLOCKS) {
      throw new IllegalArgumentException("not a list of the caller's own: " + list);
    }
    PageKey after = cursor == null ? null : PageKey.decode(list, cursor);
    return Uni.combine()
        .all()
        .unis(
            lists.page(pool, list, callerId, callerId, after, limit),
            lists.count(pool, list, callerId))
        .asTuple()
        .map(t -> page(list, t.getItem1(), limit, t.getItem2()));
  }

  /** The first {@code limit} rows, and a cursor after the last when there were more. */
  static PeoplePage page(PeopleList list, List<ListedUser> rows, int limit, long count) {
    if (rows.size() <= limit) {
      return new PeoplePage(rows, null, count);
    }
    List<ListedUser> items = rows.subList(0, limit);
    ListedUser last = items.get(limit - 1);
    return new PeoplePage(
        List.copyOf(items), new PageKey(last.since(), last.userId()).encode(list), count);
  }
}
