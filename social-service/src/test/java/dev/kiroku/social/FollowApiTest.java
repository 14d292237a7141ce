package dev.kiroku.social;

import static dev.kiroku.social.ProfileApiTest.API;
import static dev.kiroku.social.ProfileApiTest.problem;
import static dev.kiroku.social.ProfileApiTest.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.kiroku.social.ProfileApiTest.User;
import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.PostgresTestDatabase;
import dev.kiroku.testing.TestTokenIssuer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(SocialTestSetup.class)
class FollowApiTest {

  static final String FOLLOWED = "kiroku.social.followed.v1";
  static final String UNFOLLOWED = "kiroku.social.unfollowed.v1";
  static final String REQUESTED = "kiroku.social.follow-requested.v1";
  static final String ACCEPTED = "kiroku.social.follow-accepted.v1";

  /** A user with a profile (created by their first call). */
  static User user(String base) {
    User u = User.named(unique(base), base.substring(0, 1).toUpperCase() + base.substring(1));
    u.handle();
    return u;
  }

  static String handle(User u) {
    return SocialDatabase.column("SELECT handle FROM profile WHERE user_id = ?", u.id()).get(0);
  }

  static ValidatableResponse follow(User who, User whom) {
    return who.call().post(API + "/users/" + handle(whom) + "/follow").then();
  }

  static ValidatableResponse unfollow(User who, User whom) {
    return who.call().delete(API + "/users/" + handle(whom) + "/follow").then();
  }

  static ValidatableResponse accept(User who, User requester) {
    return who.call().post(API + "/me/follow-requests/" + handle(requester) + "/accept").then();
  }

  static ValidatableResponse decline(User who, User requester) {
    return who.call().post(API + "/me/follow-requests/" + handle(requester) + "/decline").then();
  }

  static void visibility(User u, String visibility) {
    u.patch("{\"visibility\": \"" + visibility + "\"}").statusCode(200);
  }

  /** "followers/following" of {@code u}, from its profile row. */
  static String counts(User u) {
    return SocialDatabase.column(
            "SELECT follower_count || '/' || following_count FROM profile WHERE user_id = ?",
            u.id())
        .get(0);
  }

  /** The follow and block events keyed by {@code u}, in publication order. */
  static List<String> events(User u) {
    return SocialDatabase.column(
        "SELECT type FROM outbox_event WHERE event_key = ?"
            + " AND type <> 'kiroku.social.profile-updated.v1' ORDER BY seq",
        u.id());
  }

  /** A field of the payload of the last event of {@code type} keyed by {@code u}. */
  static String payload(User u, String type, String path) {
    List<String> values =
        SocialDatabase.column(
            "SELECT payload #>> ('{' || ? || '}')::text[] FROM outbox_event"
                + " WHERE event_key = ? AND type = ? ORDER BY seq DESC LIMIT 1",
            path,
            u.id(),
            type);
    assertThat(values).as(type).hasSize(1);
    return values.get(0);
  }

  static long rows(String sql, String... params) {
    return Long.parseLong(SocialDatabase.column(sql, params).get(0));
  }

  @Test
  void followingAPublicProfileIsImmediateAndARepeatChangesNothing() {
    User alice = user("alice");
    User bob = user("bob");
    alice
        .call()
        .post(API + "/users/" + handle(bob).toUpperCase() + "/follow")
        .then()
        .statusCode(200)
        .body("handle", equalTo(handle(bob)))
        .body("state", equalTo("FOLLOWING"));
    assertThat(counts(alice)).isEqualTo("0/1");
    assertThat(counts(bob)).isEqualTo("1/0");
    assertThat(events(alice)).containsExactly(FOLLOWED);
    assertThat(payload(alice, FOLLOWED, "follower,userId")).isEqualTo(alice.id());
    assertThat(payload(alice, FOLLOWED, "follower,handle")).isEqualTo(handle(alice));
    assertThat(payload(alice, FOLLOWED, "follower,displayName")).isEqualTo("Alice");
    assertThat(payload(alice, FOLLOWED, "followed,userId")).isEqualTo(bob.id());
    assertThat(payload(alice, FOLLOWED, "followed,handle")).isEqualTo(handle(bob));
    assertThat(payload(alice, FOLLOWED, "occurredAt")).isNotBlank();
    assertThat(
            SocialDatabase.column(
                "SELECT subject FROM outbox_event WHERE event_key = ? AND type = ?",
                alice.id(),
                FOLLOWED))
        .containsExactly(bob.id());

    follow(alice, bob).statusCode(200).body("state", equalTo("FOLLOWING"));
    assertThat(counts(alice)).isEqualTo("0/1");
    assertThat(counts(bob)).isEqualTo("1/0");
    assertThat(events(alice)).containsExactly(FOLLOWED);

    alice
        .call()
        .get(API + "/users/" + handle(bob))
        .then()
        .body("relationship.following", equalTo(true))
        .body("followerCount", equalTo(1));
    bob.call()
        .get(API + "/users/" + handle(alice))
        .then()
        .body("relationship.followedBy", equalTo(true));
    alice.call().get(API + "/me").then().body("followingCount", equalTo(1));
  }

  @Test
  void unfollowingEndsTheFollowOnce() {
    User alice = user("alice");
    User bob = user("bob");
    follow(alice, bob).statusCode(200);
    unfollow(alice, bob).statusCode(204);
    assertThat(counts(alice)).isEqualTo("0/0");
    assertThat(counts(bob)).isEqualTo("0/0");
    assertThat(events(alice)).containsExactly(FOLLOWED, UNFOLLOWED);
    assertThat(payload(alice, UNFOLLOWED, "reason")).isEqualTo("UNFOLLOWED");
    assertThat(payload(alice, UNFOLLOWED, "followerId")).isEqualTo(alice.id());
    assertThat(payload(alice, UNFOLLOWED, "followedId")).isEqualTo(bob.id());

    unfollow(alice, bob).statusCode(204);
    assertThat(counts(bob)).isEqualTo("0/0");
    assertThat(events(alice)).containsExactly(FOLLOWED, UNFOLLOWED);
  }

  @Test
  void followersOnlyAndPrivateProfilesAreAskedAndTheOwnerAccepts() {
    User alice = user("alice");
    User bob = user("bob");
    visibility(bob, "FOLLOWERS");
    follow(alice, bob).statusCode(200).body("state", equalTo("REQUESTED"));
    follow(alice, bob).statusCode(200).body("state", equalTo("REQUESTED"));
    assertThat(counts(alice)).isEqualTo("0/0");
    assertThat(counts(bob)).isEqualTo("0/0");
    assertThat(events(alice)).containsExactly(REQUESTED);
    assertThat(payload(alice, REQUESTED, "followed,userId")).isEqualTo(bob.id());
    alice
        .call()
        .get(API + "/users/" + handle(bob))
        .then()
        .body("restricted", equalTo(true))
        .body("relationship.requested", equalTo(true));
    bob.call()
        .get(API + "/me/follow-requests")
        .then()
        .statusCode(200)
        .body("count", equalTo(1))
        .body("items.handle", contains(handle(alice)))
        .body("items[0].displayName", equalTo("Alice"))
        .body("items[0].requestedAt", notNullValue())
        .body("nextCursor", nullValue());

    accept(bob, alice).statusCode(204);
    assertThat(counts(alice)).isEqualTo("0/1");
    assertThat(counts(bob)).isEqualTo("1/0");
    assertThat(events(bob)).containsExactly(ACCEPTED);
    assertThat(payload(bob, ACCEPTED, "follower,userId")).isEqualTo(alice.id());
    assertThat(payload(bob, ACCEPTED, "followed,userId")).isEqualTo(bob.id());
    assertThat(events(alice)).containsExactly(REQUESTED, FOLLOWED);
    assertThat(payload(alice, FOLLOWED, "followed,userId")).isEqualTo(bob.id());
    bob.call()
        .get(API + "/me/follow-requests")
        .then()
        .body("count", equalTo(0))
        .body("items", empty());
    alice
        .call()
        .get(API + "/users/" + handle(bob))
        .then()
        .body("restricted", equalTo(false))
        .body("relationship.following", equalTo(true))
        .body("relationship.requested", equalTo(false));

    // accepting again, following again: nothing changes
    accept(bob, alice).statusCode(204);
    follow(alice, bob).statusCode(200).body("state", equalTo("FOLLOWING"));
    assertThat(counts(bob)).isEqualTo("1/0");
    assertThat(events(bob)).containsExactly(ACCEPTED);
    assertThat(events(alice)).containsExactly(REQUESTED, FOLLOWED);

    // an accepted follow stays when the profile turns private
    visibility(bob, "PRIVATE");
    alice
        .call()
        .get(API + "/users/" + handle(bob))
        .then()
        .body("relationship.following", equalTo(true));
  }

  @Test
  void aDeclinedOrWithdrawnRequestIsGoneWithoutEvents() {
    User carol = user("carol");
    visibility(carol, "PRIVATE");
    User dave = user("dave");
    User erin = user("erin");
    follow(dave, carol).statusCode(200).body("state", equalTo("REQUESTED"));
    follow(erin, carol).statusCode(200).body("state", equalTo("REQUESTED"));
    decline(carol, dave).statusCode(204);
    assertThat(events(carol)).isEmpty();
    problem(decline(carol, dave), 404, "FOLLOW_REQUEST_NOT_FOUND");
    problem(accept(carol, dave), 404, "FOLLOW_REQUEST_NOT_FOUND");
    assertThat(counts(carol)).isEqualTo("0/0");
    // erin withdraws hers by unfollowing
    unfollow(erin, carol).statusCode(204);
    problem(accept(carol, erin), 404, "FOLLOW_REQUEST_NOT_FOUND");
    carol.call().get(API + "/me/follow-requests").then().body("count", equalTo(0));
    assertThat(events(erin)).containsExactly(REQUESTED);
    assertThat(rows("SELECT count(*) FROM follow_request WHERE target_id = ?", carol.id()))
        .isZero();
    // a request pending when the profile turns public: the next follow is immediate
    follow(dave, carol).statusCode(200).body("state", equalTo("REQUESTED"));
    visibility(carol, "PUBLIC");
    follow(dave, carol).statusCode(200).body("state", equalTo("FOLLOWING"));
    assertThat(rows("SELECT count(*) FROM follow_request WHERE target_id = ?", carol.id()))
        .isZero();
    assertThat(counts(carol)).isEqualTo("1/0");
  }

  @Test
  void removingAFollowerEndsTheirFollowOnce() {
    User alice = user("alice");
    User bob = user("bob");
    follow(alice, bob).statusCode(200);
    bob.call().delete(API + "/me/followers/" + handle(alice)).then().statusCode(204);
    assertThat(counts(alice)).isEqualTo("0/0");
    assertThat(counts(bob)).isEqualTo("0/0");
    assertThat(events(bob)).containsExactly(UNFOLLOWED);
    assertThat(payload(bob, UNFOLLOWED, "reason")).isEqualTo("REMOVED");
    assertThat(payload(bob, UNFOLLOWED, "followerId")).isEqualTo(alice.id());
    assertThat(payload(bob, UNFOLLOWED, "followedId")).isEqualTo(bob.id());
    bob.call().delete(API + "/me/followers/" + handle(alice)).then().statusCode(204);
    assertThat(events(bob)).containsExactly(UNFOLLOWED);
    // alice may follow again
    follow(alice, bob).statusCode(200).body("state", equalTo("FOLLOWING"));
    assertThat(counts(bob)).isEqualTo("1/0");
  }

  @Test
  void badInputIsA4xxNamingTheProblemAndWritesNothing() {
    User alice = user("alice");
    User bob = user("bob");
    problem(follow(alice, alice), 422, "SELF_RELATION");
    problem(unfollow(alice, alice), 422, "SELF_RELATION");
    problem(
        alice.call().post(API + "/users/" + handle(alice) + "/block").then(), 422, "SELF_RELATION");
    problem(accept(alice, alice), 422, "SELF_RELATION");
    problem(
        alice.call().post(API + "/users/nobody_" + 12345 + "/follow").then(),
        404,
        "USER_NOT_FOUND");
    problem(alice.call().delete(API + "/users/no%20such/follow").then(), 404, "USER_NOT_FOUND");
    problem(alice.call().get(API + "/users/nobody_12345/followers").then(), 404, "USER_NOT_FOUND");
    problem(
        alice.call().post(API + "/me/follow-requests/nobody_12345/accept").then(),
        404,
        "USER_NOT_FOUND");
    problem(alice.call().delete(API + "/me/followers/nobody_12345").then(), 404, "USER_NOT_FOUND");
    problem(accept(alice, bob), 404, "FOLLOW_REQUEST_NOT_FOUND");
    for (String path :
        List.of(
            "/users/" + handle(bob) + "/followers",
            "/users/" + handle(bob) + "/following",
            "/me/follow-requests",
            "/me/blocks")) {
      problem(alice.call().get(API + path + "?cursor=not-a-cursor!").then(), 400, "INVALID_CURSOR")
          .body("violations[0].field", equalTo("cursor"));
      problem(alice.call().get(API + path + "?cursor=AAAA").then(), 400, "INVALID_CURSOR");
      problem(alice.call().get(API + path + "?limit=0").then(), 400, "VALIDATION_FAILED")
          .body("violations.field", hasItem("limit"));
      problem(alice.call().get(API + path + "?limit=101").then(), 400, "VALIDATION_FAILED");
      problem(alice.call().get(API + path + "?limit=x").then(), 400, "VALIDATION_FAILED");
    }
    assertThat(events(alice)).isEmpty();
    assertThat(counts(alice)).isEqualTo("0/0");
    assertThat(
            rows(
                "SELECT count(*) FROM follow WHERE follower_id = ? OR followed_id = ?",
                alice.id(),
                alice.id()))
        .isZero();
  }

  @Test
  void listsPageNewestFirstAcrossPagesWithExactCounts() {
    User owner = user("owner");
    List<User> followers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      User f = user("fan");
      follow(f, owner).statusCode(200);
      follow(owner, f).statusCode(200);
      followers.add(f);
    }
    assertThat(counts(owner)).isEqualTo("5/5");
    List<String> newestFirst = new ArrayList<>();
    for (int i = followers.size() - 1; i >= 0; i--) {
      newestFirst.add(handle(followers.get(i)));
    }
    assertThat(pages(owner, "/users/" + handle(owner) + "/followers", 2, 5))
        .containsExactlyElementsOf(newestFirst);
    assertThat(pages(owner, "/users/" + handle(owner) + "/following", 2, 5))
        .containsExactlyElementsOf(newestFirst);
    // a stranger reads a public profile's lists; the default page holds all
    User stranger = user("stranger");
    stranger
        .call()
        .get(API + "/users/" + handle(owner) + "/followers")
        .then()
        .statusCode(200)
        .body("count", equalTo(5))
        .body("items.handle", contains(newestFirst.toArray()))
        .body("items[0].displayName", equalTo("Fan"))
        .body("items[0].restricted", equalTo(false))
        .body("items[0].followedAt", notNullValue())
        .body("nextCursor", nullValue());
    owner
        .call()
        .get(API + "/users/" + handle(followers.get(0)) + "/following")
        .then()
        .body("items.handle", contains(handle(owner)))
        .body("count", equalTo(1));

    // equal times: the user id breaks the tie, no row skipped or repeated across pages
    SocialDatabase.update(
        "UPDATE follow SET created_at = '2026-01-01T00:00:00Z' WHERE followed_id = ?", owner.id());
    List<String> byId =
        SocialDatabase.column(
            "SELECT p.handle FROM follow f JOIN profile p ON p.user_id = f.follower_id"
                + " WHERE f.followed_id = ? ORDER BY f.follower_id DESC",
            owner.id());
    assertThat(pages(stranger, "/users/" + handle(owner) + "/followers", 2, 5))
        .containsExactlyElementsOf(byId);
    // a cursor of one list is refused by another
    String cursor =
        owner
            .call()
            .get(API + "/users/" + handle(owner) + "/followers?limit=1")
            .then()
            .extract()
            .path("nextCursor");
    problem(
        owner.call().get(API + "/users/" + handle(owner) + "/following?cursor=" + cursor).then(),
        400,
        "INVALID_CURSOR");
  }

  @Test
  void followRequestsPageNewestFirst() {
    User star = user("star");
    visibility(star, "PRIVATE");
    List<String> newestFirst = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      User fan = user("fan");
      follow(fan, star).statusCode(200).body("state", equalTo("REQUESTED"));
      newestFirst.add(0, handle(fan));
    }
    assertThat(pages(star, "/me/follow-requests", 2, 3)).containsExactlyElementsOf(newestFirst);
    assertThat(counts(star)).isEqualTo("0/0");
  }

  /** Every handle of a list read in pages of {@code limit}, checking each page's count. */
  static List<String> pages(User reader, String path, int limit, int count) {
    List<String> handles = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      var request = reader.call().queryParam("limit", limit);
      if (cursor != null) {
        request = request.queryParam("cursor", cursor);
      }
      var page =
          request.get(API + path).then().statusCode(200).body("count", equalTo(count)).extract();
      List<String> items = page.path("items.handle");
      assertThat(items.size()).isLessThanOrEqualTo(limit);
      handles.addAll(items);
      cursor = page.path("nextCursor");
      assertThat(++pages).isLessThanOrEqualTo(count / limit + 1);
    } while (cursor != null);
    return handles;
  }

  @Test
  void listsShowWhatTheOwnersVisibilityAndBlocksAllow() {
    User owner = user("owner");
    User follower = user("follower");
    User hidden = user("hidden");
    User blocker = user("blocker");
    User reader = user("reader");
    follow(follower, owner).statusCode(200);
    follow(hidden, owner).statusCode(200);
    follow(blocker, owner).statusCode(200);
    visibility(hidden, "PRIVATE");
    blocker.call().post(API + "/users/" + handle(reader) + "/block").then().statusCode(204);
    String followers = API + "/users/" + handle(owner) + "/followers";

    // PUBLIC: anyone; those who blocked the reader are left out (still counted); a private
    // follower shows their handle only
    reader
        .call()
        .get(followers)
        .then()
        .statusCode(200)
        .body("count", equalTo(3))
        .body("items.handle", contains(handle(hidden), handle(follower)))
        .body("items[0].restricted", equalTo(true))
        .body("items[0].displayName", nullValue())
        .body("items[1].restricted", equalTo(false))
        .body("items[1].displayName", equalTo("Follower"));
    owner
        .call()
        .get(followers)
        .then()
        .body("items.handle", contains(handle(blocker), handle(hidden), handle(follower)));

    // FOLLOWERS: accepted followers only
    visibility(owner, "FOLLOWERS");
    problem(reader.call().get(followers).then(), 403, "FORBIDDEN");
    problem(
        reader.call().get(API + "/users/" + handle(owner) + "/following").then(), 403, "FORBIDDEN");
    reader
        .call()
        .get(API + "/users/" + handle(owner))
        .then()
        .statusCode(200)
        .body("restricted", equalTo(true));
    follower.call().get(followers).then().statusCode(200).body("count", equalTo(3));

    // PRIVATE: the owner only
    visibility(owner, "PRIVATE");
    problem(follower.call().get(followers).then(), 403, "FORBIDDEN");
    owner.call().get(followers).then().statusCode(200).body("count", equalTo(3));

    // PUBLIC again, but the owner blocked the reader
    visibility(owner, "PUBLIC");
    owner.call().post(API + "/users/" + handle(reader) + "/block").then().statusCode(204);
    problem(reader.call().get(followers).then(), 403, "FORBIDDEN");
    follower.call().get(followers).then().statusCode(200);
  }

  @Test
  void aRenamedHandleAnswers308OnEveryPathAndWritesNothing() {
    User alice = user("alice");
    User bob = user("bob");
    String old = handle(bob);
    String renamed = unique("bobby");
    bob.patch("{\"handle\": \"" + renamed + "\"}").statusCode(200);
    for (String suffix : List.of("/follow", "/block")) {
      alice
          .call()
          .redirects()
          .follow(false)
          .post(API + "/users/" + old + suffix)
          .then()
          .statusCode(308)
          .header("Location", API + "/users/" + renamed + suffix);
      alice
          .call()
          .redirects()
          .follow(false)
          .delete(API + "/users/" + old + suffix)
          .then()
          .statusCode(308)
          .header("Location", API + "/users/" + renamed + suffix);
    }
    for (String suffix : List.of("/followers", "/following")) {
      alice
          .call()
          .redirects()
          .follow(false)
          .get(API + "/users/" + old + suffix + "?limit=5")
          .then()
          .statusCode(308)
          .header("Location", API + "/users/" + renamed + suffix + "?limit=5");
    }
    for (String action : List.of("/accept", "/decline")) {
      alice
          .call()
          .redirects()
          .follow(false)
          .post(API + "/me/follow-requests/" + old + action)
          .then()
          .statusCode(308)
          .header("Location", API + "/me/follow-requests/" + renamed + action);
    }
    alice
        .call()
        .redirects()
        .follow(false)
        .delete(API + "/me/followers/" + old)
        .then()
        .statusCode(308)
        .header("Location", API + "/me/followers/" + renamed);
    assertThat(counts(bob)).isEqualTo("0/0");
    assertThat(events(alice)).isEmpty();
    assertThat(rows("SELECT count(*) FROM block WHERE blocker_id = ?", alice.id())).isZero();
    // the new handle works
    alice.call().post(API + "/users/" + renamed + "/follow").then().statusCode(200);
    assertThat(counts(bob)).isEqualTo("1/0");
  }

  @Test
  void concurrentFollowsOfOnePairCountOnce() throws Exception {
    User alice = user("alice");
    User bob = user("bob");
    String path = API + "/users/" + handle(bob) + "/follow";
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        calls.add(() -> alice.call().post(path).then().extract().statusCode());
        // the reverse follows at the same time lock the same two rows the other way round
        calls.add(
            () ->
                bob.call()
                    .post(API + "/users/" + handle(alice) + "/follow")
                    .then()
                    .extract()
                    .statusCode());
      }
      for (Future<Integer> f : pool.invokeAll(calls)) {
        assertThat(f.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(counts(alice)).isEqualTo("1/1");
    assertThat(counts(bob)).isEqualTo("1/1");
    assertThat(events(alice)).containsExactly(FOLLOWED);
    assertThat(events(bob)).containsExactly(FOLLOWED);
  }

  @Test
  void manyConcurrentFollowsAndUnfollowsOfOneProfileShareCommitsAndCountExactly() throws Exception {
    User star = user("star");
    List<User> fans = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      fans.add(user("fan"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(24);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (User fan : fans) {
        calls.add(() -> follow(fan, star).extract().statusCode());
      }
      for (Future<Integer> f : pool.invokeAll(calls)) {
        assertThat(f.get()).isEqualTo(200);
      }
      // then half of them leave while the other half follow again (a repeat: nothing changes)
      calls.clear();
      for (int i = 0; i < fans.size(); i++) {
        User fan = fans.get(i);
        calls.add(
            i % 2 == 0
                ? () -> unfollow(fan, star).extract().statusCode()
                : () -> follow(fan, star).extract().statusCode());
      }
      for (Future<Integer> f : pool.invokeAll(calls)) {
        assertThat(f.get()).isIn(200, 204);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(counts(star)).isEqualTo("12/0");
    assertThat(rows("SELECT count(*) FROM follow WHERE followed_id = ?", star.id())).isEqualTo(12);
    for (int i = 0; i < fans.size(); i++) {
      User fan = fans.get(i);
      assertThat(counts(fan)).isEqualTo(i % 2 == 0 ? "0/0" : "0/1");
      assertThat(events(fan))
          .containsExactlyElementsOf(
              i % 2 == 0 ? List.of(FOLLOWED, UNFOLLOWED) : List.of(FOLLOWED));
    }
    // the writes shared transactions (the group commit), each answered on its own
    String metrics =
        io.restassured.RestAssured.given().get("/q/metrics").then().extract().asString();
    double largest =
        metrics
            .lines()
            .filter(l -> l.startsWith("kiroku_social_follow_batch_size_max"))
            .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
            .max()
            .orElse(0);
    assertThat(largest).isGreaterThan(1);
  }
}
