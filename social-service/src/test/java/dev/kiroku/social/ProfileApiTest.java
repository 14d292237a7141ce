package dev.kiroku.social;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.PostgresTestDatabase;
import dev.kiroku.testing.TestTokenIssuer;
import dev.kiroku.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(SocialTestSetup.class)
class ProfileApiTest {

  static final String API = "/api/v1/social";

  /** A user with a fresh id whose token names them {@code username}. */
  record User(String id, String token) {
    static User named(String username) {
      return named(username, null);
    }

    static User named(String username, String name) {
      String id = UUID.randomUUID().toString();
      return new User(id, TestTokens.named(id, username, name));
    }

    RequestSpecification call() {
      return given().header("Authorization", "Bearer " + token);
    }

    String handle() {
      return call().get(API + "/me").then().statusCode(200).extract().path("handle");
    }

    ValidatableResponse patch(String json) {
      return call().contentType("application/json").body(json).patch(API + "/me").then();
    }
  }

  static String unique(String base) {
    return base + "_" + UUID.randomUUID().toString().substring(0, 8);
  }

  static ValidatableResponse problem(ValidatableResponse response, int status, String code) {
    return response
        .statusCode(status)
        .contentType("application/problem+json")
        .body("code", equalTo(code))
        .body("status", equalTo(status));
  }

  @Test
  void theFirstCallCreatesTheProfileFromTheToken() {
    String username = unique("Alice.Smith");
    User alice = User.named(username, "Alice Smith");
    alice
        .call()
        .get(API + "/me")
        .then()
        .statusCode(200)
        .body("userId", equalTo(alice.id()))
        .body("handle", equalTo(username.toLowerCase().replace('.', '_')))
        .body("displayName", equalTo("Alice Smith"))
        .body("visibility", equalTo("PUBLIC"))
        .body("ratingScale", equalTo("POINT_10"))
        .body("followerCount", equalTo(0))
        .body("createdAt", org.hamcrest.Matchers.notNullValue());
    // any authenticated call creates it, once, with one ProfileUpdated in the outbox
    User bob = User.named(unique("bob"));
    bob.call().get(API + "/users?q=zz").then().statusCode(200);
    assertThat(SocialDatabase.column("SELECT handle FROM profile WHERE user_id = ?", bob.id()))
        .hasSize(1);
    bob.handle();
    assertThat(SocialDatabase.column("SELECT type FROM outbox_event WHERE event_key = ?", bob.id()))
        .containsExactly("kiroku.social.profile-updated.v1");
  }

  @Test
  void aTakenHandleGetsASuffix() {
    String username = unique("same");
    User first = User.named(username);
    User second = User.named(username.toUpperCase());
    assertThat(first.handle()).isEqualTo(username);
    assertThat(second.handle()).isEqualTo(username + "_2");
  }

  @Test
  void patchChangesOnlyTheNamedFields() {
    User alice = User.named(unique("alice"), "Alice");
    String handle = alice.handle();
    alice
        .patch(
            """
            {"bio": "I watch anime.", "avatarUrl": "https://img.example/alice.png",
             "visibility": "followers", "ratingScale": "STARS_5"}""")
        .statusCode(200)
        .body("handle", equalTo(handle))
        .body("displayName", equalTo("Alice"))
        .body("bio", equalTo("I watch anime."))
        .body("avatarUrl", equalTo("https://img.example/alice.png"))
        .body("visibility", equalTo("FOLLOWERS"))
        .body("ratingScale", equalTo("STARS_5"));
    alice.patch("{\"displayName\": null}").statusCode(200).body("displayName", nullValue());
    alice.call().get(API + "/me").then().body("bio", equalTo("I watch anime."));
    assertThat(
            SocialDatabase.column(
                "SELECT payload->>'visibility' FROM outbox_event WHERE event_key = ? ORDER BY seq",
                alice.id()))
        .containsExactly("PUBLIC", "FOLLOWERS", "FOLLOWERS");
  }

  @Test
  void badProfileInputNamesTheFieldAndStoresNothing() {
    User alice = User.named(unique("alice"));
    String handle = alice.handle();
    User bob = User.named(unique("bob"));
    problem(alice.patch("{\"bio\": \"" + "b".repeat(1001) + "\"}"), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("bio"));
    problem(alice.patch("{\"avatarUrl\": \"http://img.example/a.png\"}"), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("avatarUrl"));
    problem(alice.patch("{\"handle\": \"admin\"}"), 400, "VALIDATION_FAILED")
        .body("violations[0].message", equalTo("is reserved"));
    problem(alice.patch("{\"handle\": \"a b\"}"), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("handle"));
    problem(alice.patch("{\"bio\": 5}"), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("bio"));
    problem(alice.patch("{\"visibility\": \"SECRET\"}"), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("visibility"));
    problem(alice.patch("{\"visibility\": null}"), 400, "VALIDATION_FAILED");
    problem(alice.patch("{\"karma\": 5}"), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("karma"));
    problem(alice.patch("[1]"), 400, "VALIDATION_FAILED");
    problem(alice.patch("{\"bio\": "), 400, "MALFORMED_REQUEST");
    problem(
        alice.call().body("{\"bio\": \"x\"}").patch(API + "/me").then(),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
    problem(alice.patch("{\"handle\": \"" + bob.handle() + "\"}"), 409, "HANDLE_TAKEN");
    // a valid field beside a bad one changes nothing
    problem(
        alice.patch("{\"displayName\": \"New\", \"avatarUrl\": \"ftp://x\"}"),
        400,
        "VALIDATION_FAILED");
    alice
        .call()
        .get(API + "/me")
        .then()
        .body("handle", equalTo(handle))
        .body("displayName", nullValue())
        .body("bio", nullValue());
  }

  @Test
  void aRenamedHandleAnswersWithAPointerFor30Days() {
    User alice = User.named(unique("alice"));
    String old = alice.handle();
    String renamed = unique("alicia");
    alice
        .patch("{\"handle\": \"" + renamed.toUpperCase() + "\"}")
        .statusCode(200)
        .body("handle", equalTo(renamed));
    User bob = User.named(unique("bob"));
    bob.call()
        .redirects()
        .follow(false)
        .get(API + "/users/" + old)
        .then()
        .statusCode(308)
        .header("Location", API + "/users/" + renamed);
    bob.call()
        .get(API + "/users/" + renamed)
        .then()
        .statusCode(200)
        .body("handle", equalTo(renamed));
    assertThat(
            SocialDatabase.column(
                "SELECT payload->>'previousHandle' FROM outbox_event WHERE event_key = ?"
                    + " AND payload->>'previousHandle' IS NOT NULL",
                alice.id()))
        .containsExactly(old);
    // not free for others while it points
    problem(bob.patch("{\"handle\": \"" + old + "\"}"), 409, "HANDLE_TAKEN");
    // 30 days later it is free again
    SocialDatabase.update(
        "UPDATE handle_redirect SET expires_at = now() - interval '1 second' WHERE handle = ?",
        old);
    problem(bob.call().get(API + "/users/" + old).then(), 404, "USER_NOT_FOUND");
    bob.patch("{\"handle\": \"" + old + "\"}").statusCode(200).body("handle", equalTo(old));
  }

  @Test
  void theOwnerMayTakeTheirOldHandleBack() {
    User alice = User.named(unique("alice"));
    String old = alice.handle();
    alice.patch("{\"handle\": \"" + unique("alicia") + "\"}").statusCode(200);
    alice.patch("{\"handle\": \"" + old + "\"}").statusCode(200).body("handle", equalTo(old));
    alice.call().get(API + "/users/" + old).then().statusCode(200);
  }

  @Test
  void visitorsSeeWhatVisibilityAndBlocksAllow() {
    User alice = User.named(unique("alice"), "Alice");
    String handle = alice.handle();
    alice.patch("{\"bio\": \"hello\"}").statusCode(200);
    User bob = User.named(unique("bob"));
    bob.handle();
    bob.call()
        .get(API + "/users/" + handle.toUpperCase())
        .then()
        .statusCode(200)
        .body("restricted", equalTo(false))
        .body("bio", equalTo("hello"))
        .body("displayName", equalTo("Alice"))
        .body("relationship.following", equalTo(false));
    alice.patch("{\"visibility\": \"PRIVATE\"}").statusCode(200);
    bob.call()
        .get(API + "/users/" + handle)
        .then()
        .statusCode(200)
        .body("handle", equalTo(handle))
        .body("restricted", equalTo(true))
        .body("bio", nullValue())
        .body("displayName", nullValue())
        .body("followerCount", nullValue());
    alice.call().get(API + "/users/" + handle).then().body("bio", equalTo("hello"));
    alice.patch("{\"visibility\": \"FOLLOWERS\"}").statusCode(200);
    bob.call().get(API + "/users/" + handle).then().body("restricted", equalTo(true));
    SocialDatabase.update(
        "INSERT INTO follow (follower_id, followed_id, created_at) VALUES (?, ?, now())",
        bob.id(),
        alice.id());
    bob.call()
        .get(API + "/users/" + handle)
        .then()
        .body("restricted", equalTo(false))
        .body("bio", equalTo("hello"))
        .body("relationship.following", equalTo(true));
    // a block hides the details whatever the visibility, without saying so
    alice.patch("{\"visibility\": \"PUBLIC\"}").statusCode(200);
    SocialDatabase.update(
        "INSERT INTO block (blocker_id, blocked_id, created_at) VALUES (?, ?, now())",
        alice.id(),
        bob.id());
    bob.call()
        .get(API + "/users/" + handle)
        .then()
        .body("restricted", equalTo(true))
        .body("bio", nullValue())
        .body("relationship.blocking", equalTo(false));
    problem(bob.call().get(API + "/users/nobody_" + 12345).then(), 404, "USER_NOT_FOUND");
    problem(bob.call().get(API + "/users/no%20such").then(), 404, "USER_NOT_FOUND");
  }

  @Test
  void peopleAreFoundByHandleOrDisplayNamePrefix() {
    String stem = "zq" + UUID.randomUUID().toString().substring(0, 6);
    User pub = User.named(stem + "_pub", "Public Person");
    User followers = User.named(stem + "_fol", stem + " Followers Name");
    User hidden = User.named(stem + "_priv");
    User blocker = User.named(stem + "_blk");
    User named = User.named(unique("other"), stem.toUpperCase() + " Display");
    User viewer = User.named(unique("viewer"));
    pub.handle();
    followers.handle();
    followers.patch("{\"visibility\": \"FOLLOWERS\"}").statusCode(200);
    hidden.patch("{\"visibility\": \"PRIVATE\"}").statusCode(200);
    blocker.handle();
    named.handle();
    viewer.handle();
    SocialDatabase.update(
        "INSERT INTO block (blocker_id, blocked_id, created_at) VALUES (?, ?, now())",
        blocker.id(),
        viewer.id());
    viewer
        .call()
        .get(API + "/users?q=" + stem.toUpperCase())
        .then()
        .statusCode(200)
        .body(
            "handle", org.hamcrest.Matchers.contains(named.handle(), stem + "_fol", stem + "_pub"))
        .body("find { it.handle == '" + stem + "_fol' }.restricted", equalTo(true))
        .body("find { it.handle == '" + stem + "_fol' }.displayName", nullValue())
        .body("find { it.handle == '" + stem + "_pub' }.displayName", equalTo("Public Person"));
    viewer
        .call()
        .get(API + "/users?q=" + stem + "&limit=1")
        .then()
        .body("handle", org.hamcrest.Matchers.hasSize(1));
    // LIKE wildcards are plain characters
    viewer
        .call()
        .queryParam("q", "%")
        .get(API + "/users")
        .then()
        .statusCode(200)
        .body("handle", not(hasItem(stem + "_pub")));
    problem(viewer.call().queryParam("q", " ").get(API + "/users").then(), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("q"));
    problem(viewer.call().get(API + "/users").then(), 400, "VALIDATION_FAILED");
    problem(viewer.call().get(API + "/users?q=a&limit=0").then(), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("limit"));
    problem(viewer.call().get(API + "/users?q=" + "a".repeat(51)).then(), 400, "VALIDATION_FAILED");
  }
}
