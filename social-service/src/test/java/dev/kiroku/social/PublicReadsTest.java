package dev.kiroku.social;

import static dev.kiroku.social.ProfileApiTest.API;
import static dev.kiroku.social.ProfileApiTest.problem;
import static dev.kiroku.social.ProfileApiTest.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.kiroku.social.ProfileApiTest.User;
import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.PostgresTestDatabase;
import dev.kiroku.testing.TestTokenIssuer;
import dev.kiroku.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Method;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The public reads (profiles, people search, followers and following, a user's lists) answer a
 * visitor without a token as they answer a stranger; every other route still wants a token, and a
 * bad token is refused on public routes too.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(SocialTestSetup.class)
class PublicReadsTest {

  @BeforeEach
  void catalog() {
    TestCatalog.seed();
  }

  @Test
  void aVisitorSeesWhatAStrangerSees() {
    String stem = "pv" + UUID.randomUUID().toString().substring(0, 6);
    User open = User.named(stem + "_open", "Open Person");
    User friends = User.named(stem + "_friends", "Friends Only");
    User hidden = User.named(stem + "_hidden", "Hidden");
    open.patch("{\"bio\": \"hello\"}").statusCode(200);
    friends.patch("{\"visibility\": \"FOLLOWERS\", \"bio\": \"secret\"}").statusCode(200);
    hidden.patch("{\"visibility\": \"PRIVATE\"}").statusCode(200);
    AccountDeletionTest.follow(hidden, open);

    given()
        .get(API + "/users/" + open.handle())
        .then()
        .statusCode(200)
        .body("restricted", equalTo(false))
        .body("bio", equalTo("hello"))
        .body("displayName", equalTo("Open Person"))
        .body("relationship", nullValue());
    given()
        .get(API + "/users/" + friends.handle())
        .then()
        .statusCode(200)
        .body("restricted", equalTo(true))
        .body("bio", nullValue());
    given()
        .get(API + "/users/" + hidden.handle())
        .then()
        .statusCode(200)
        .body("restricted", equalTo(true))
        .body("displayName", nullValue());
    problem(given().get(API + "/users/nobody_" + stem).then(), 404, "USER_NOT_FOUND");

    // people search: public and followers-only profiles, details of public ones only
    given()
        .queryParam("q", stem)
        .get(API + "/users")
        .then()
        .statusCode(200)
        .body("handle", contains(stem + "_friends", stem + "_open"))
        .body("find { it.handle == '" + stem + "_friends' }.displayName", nullValue())
        .body("find { it.handle == '" + stem + "_open' }.displayName", equalTo("Open Person"));

    // followers of a public profile: the private follower shows its handle only
    given()
        .get(API + "/users/" + open.handle() + "/followers")
        .then()
        .statusCode(200)
        .body("count", equalTo(1))
        .body("items.handle", contains(hidden.handle()))
        .body("items[0].restricted", equalTo(true));
    problem(
        given().get(API + "/users/" + friends.handle() + "/followers").then(), 403, "FORBIDDEN");
    problem(given().get(API + "/users/" + hidden.handle() + "/following").then(), 403, "FORBIDDEN");
  }

  @Test
  void aVisitorSeesPublicListsOnly() {
    User carol = User.named(unique("carol"));
    String handle = carol.handle();
    String pub = ListApiTest.createList(carol, "Public", "PUBLIC");
    String fol = ListApiTest.createList(carol, "Followers", "FOLLOWERS");
    ListApiTest.add(carol, pub, TestCatalog.BEBOP).statusCode(201);
    String lists = API + "/users/" + handle + "/lists";
    given().get(lists).then().statusCode(200).body("lists.id", contains(pub));
    given()
        .get(lists + "/" + pub)
        .then()
        .statusCode(200)
        .body("items.mediaId", hasItem(TestCatalog.BEBOP.toString()));
    given().get(lists + "/" + fol).then().statusCode(404);
  }

  @Test
  void everyOtherRouteWantsAToken() {
    User dana = User.named(unique("dana"));
    String handle = dana.handle();
    String list = ListApiTest.createList(dana, "Mine", "PUBLIC");
    List<String[]> writes =
        List.of(
            new String[] {"GET", "/me"},
            new String[] {"PATCH", "/me"},
            new String[] {"DELETE", "/me"},
            new String[] {"GET", "/me/follow-requests"},
            new String[] {"GET", "/me/blocks"},
            new String[] {"GET", "/me/lists"},
            new String[] {"POST", "/me/lists"},
            new String[] {"PATCH", "/me/lists/" + list},
            new String[] {"DELETE", "/me/lists/" + list},
            new String[] {"GET", "/me/favorites/ANIME"},
            new String[] {"PUT", "/me/favorites/ANIME"},
            new String[] {"POST", "/users/" + handle + "/follow"},
            new String[] {"DELETE", "/users/" + handle + "/follow"},
            new String[] {"POST", "/users/" + handle + "/block"},
            new String[] {"DELETE", "/users/" + handle + "/block"},
            new String[] {"GET", "/lists/containing/" + TestCatalog.BEBOP});
    for (String[] route : writes) {
      problem(
          given()
              .contentType("application/json")
              .body("{}")
              .request(Method.valueOf(route[0]), API + route[1])
              .then(),
          401,
          "UNAUTHORIZED");
    }
    // nothing changed: the list is still there
    dana.call().get(API + "/me/lists/" + list).then().statusCode(200);
  }

  @Test
  void aBadTokenIsRefusedOnPublicRoutesToo() {
    User erin = User.named(unique("erin"));
    String handle = erin.handle();
    for (String token :
        List.of(
            TestTokens.expired(erin.id()),
            TestTokens.unsigned(erin.id()),
            TestTokens.signedByStranger(erin.id()),
            "not-a-jwt")) {
      problem(
          given().header("Authorization", "Bearer " + token).get(API + "/users/" + handle).then(),
          401,
          "UNAUTHORIZED");
    }
    // a visitor creates no profile
    given().get(API + "/users?q=" + handle).then().statusCode(200).body("handle", not(hasItem("")));
  }
}
