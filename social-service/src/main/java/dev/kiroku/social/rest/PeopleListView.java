package dev.kiroku.social.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiroku.social.domain.ListedUser;
import dev.kiroku.social.domain.PeoplePage;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list of users, newest first ({@code GET /users/{handle}/followers}, {@code
 * /following}, {@code /me/follow-requests}, {@code /me/blocks}).
 *
 * @param items at most {@code limit} users
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 * @param count the whole list's length: the profile's follower or following count, or the pending
 *     requests or blocks counted; users left out for the reader (who blocked them) are counted
 */
public record PeopleListView<T>(List<T> items, String nextCursor, long count) {

  static <T> PeopleListView<T> of(PeoplePage page, Function<ListedUser, T> item) {
    return new PeopleListView<>(
        page.items().stream().map(item).toList(), page.nextCursor(), page.count());
  }

  /**
   * A follower or followed user. {@code displayName} and {@code avatarUrl} are absent when none, or
   * when {@code restricted}: the reader may not see the user's details (private profile,
   * followers-only profile the reader does not follow).
   *
   * @param followedAt when the follow began
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FollowItem(
      String handle, String displayName, String avatarUrl, boolean restricted, Instant followedAt) {

    static FollowItem of(ListedUser u) {
      return new FollowItem(u.handle(), u.displayName(), u.avatarUrl(), u.restricted(), u.since());
    }
  }

  /**
   * A user who asked to follow the caller ({@code displayName} and {@code avatarUrl} as in {@link
   * FollowItem}).
   *
   * @param requestedAt when they asked
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RequestItem(
      String handle,
      String displayName,
      String avatarUrl,
      boolean restricted,
      Instant requestedAt) {

    static RequestItem of(ListedUser u) {
      return new RequestItem(u.handle(), u.displayName(), u.avatarUrl(), u.restricted(), u.since());
    }
  }

  /**
   * A user the caller blocked ({@code displayName} and {@code avatarUrl} as in {@link FollowItem}).
   *
   * @param blockedAt when the caller blocked them
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BlockItem(
      String handle, String displayName, String avatarUrl, boolean restricted, Instant blockedAt) {

    static BlockItem of(ListedUser u) {
      return new BlockItem(u.handle(), u.displayName(), u.avatarUrl(), u.restricted(), u.since());
    }
  }
}
