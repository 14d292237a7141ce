package dev.kiroku.social;

import static dev.kiroku.social.ProfileApiTest.API;
import static dev.kiroku.social.ProfileApiTest.problem;
import static dev.kiroku.social.ProfileApiTest.unique;
import static dev.kiroku.social.TestCatalog.BEBOP;
import static dev.kiroku.social.TestCatalog.BERSERK;
import static dev.kiroku.social.TestCatalog.FRIEREN;
import static dev.kiroku.social.TestCatalog.MONSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
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
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(SocialTestSetup.class)
class FavoriteApiTest {

  static final String FAVORITES = API + "/me/favorites/";

  @BeforeEach
  void catalog() {
    TestCatalog.seed();
  }

  static ValidatableResponse put(User user, String type, String json) {
    return user.call().contentType("application/json").body(json).put(FAVORITES + type).then();
  }

  static String ids(Object... ids) {
    return "{\"mediaIds\": ["
        + java.util.Arrays.stream(ids).map(id -> "\"" + id + "\"").collect(Collectors.joining(", "))
        + "]}";
  }

  static List<String> favoriteIds(User user, String type) {
    return user.call().get(FAVORITES + type).then().statusCode(200).extract().path("items.mediaId");
  }

  static List<String> favoriteEvents(User user) {
    return SocialDatabase.column(
        "SELECT (payload->'media'->>'title') || '@' || (payload->>'position') FROM outbox_event"
            + " WHERE event_key = ? AND type = 'kiroku.social.favorite-added.v1' ORDER BY seq",
        user.id());
  }

  @Test
  void favoritesAreReplacedInOrderAndEachNewOneIsPublished() {
    User alice = User.named(unique("alice"));
    alice.handle();
    put(alice, "anime", ids(FRIEREN, BEBOP))
        .statusCode(200)
        .body("type", equalTo("ANIME"))
        .body("items.mediaId", equalTo(List.of(FRIEREN.toString(), BEBOP.toString())))
        .body("items.title", equalTo(List.of("Frieren", "Cowboy Bebop")))
        .body("items[0].imageUrl", equalTo("https://img.example/poster/" + FRIEREN + ".jpg"));
    assertThat(favoriteEvents(alice)).containsExactly("Frieren@0", "Cowboy Bebop@1");

    put(alice, "Anime", ids(BEBOP, MONSTER, FRIEREN)).statusCode(200);
    assertThat(favoriteIds(alice, "ANIME"))
        .containsExactly(BEBOP.toString(), MONSTER.toString(), FRIEREN.toString());
    // only Monster is new
    assertThat(favoriteEvents(alice)).containsExactly("Frieren@0", "Cowboy Bebop@1", "Monster@1");
    put(alice, "MANGA", ids(BERSERK)).statusCode(200);

    alice
        .call()
        .get(API + "/me")
        .then()
        .statusCode(200)
        .body("favorites.ANIME.title", equalTo(List.of("Cowboy Bebop", "Monster", "Frieren")))
        .body("favorites.MANGA.mediaId", equalTo(List.of(BERSERK.toString())))
        .body("favorites.BOOK", nullValue());

    put(alice, "anime", "{\"mediaIds\": []}")
        .statusCode(200)
        .body("items", org.hamcrest.Matchers.empty());
    assertThat(favoriteIds(alice, "anime")).isEmpty();
    assertThat(favoriteIds(alice, "manga")).containsExactly(BERSERK.toString());
  }

  @Test
  void badFavoritesNameTheFieldAndChangeNothing() {
    User alice = User.named(unique("alice"));
    alice.handle();
    put(alice, "ANIME", ids(BEBOP, FRIEREN)).statusCode(200);
    int events = favoriteEvents(alice).size();

    List<UUID> eleven = new ArrayList<>(TestCatalog.bulk(11));
    problem(put(alice, "ANIME", ids(eleven.toArray())), 422, "LIMIT_REACHED")
        .body("violations.field", hasItem("mediaIds"));
    problem(put(alice, "ANIME", ids(MONSTER, BERSERK)), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("mediaIds[1]"));
    problem(put(alice, "ANIME", ids(MONSTER, UUID.randomUUID())), 422, "UNKNOWN_MEDIA")
        .body("violations.field", hasItem("mediaIds[1]"));
    problem(put(alice, "ANIME", ids(MONSTER, MONSTER)), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("mediaIds[1]"));
    problem(put(alice, "ANIME", ids(MONSTER, "nope")), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("mediaIds[1]"));
    problem(put(alice, "ANIME", "{\"mediaIds\": [5]}"), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("mediaIds[0]"));
    problem(put(alice, "ANIME", "{\"mediaIds\": \"" + BEBOP + "\"}"), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("mediaIds"));
    problem(put(alice, "ANIME", "{}"), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("mediaIds"));
    problem(put(alice, "cartoons", ids(BEBOP)), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("type"));
    problem(alice.call().get(FAVORITES + "cartoons").then(), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("type"));

    assertThat(favoriteIds(alice, "ANIME")).containsExactly(BEBOP.toString(), FRIEREN.toString());
    assertThat(favoriteEvents(alice)).hasSize(events);
    // ten is fine
    List<UUID> ten = eleven.subList(0, 10);
    put(alice, "ANIME", ids(ten.toArray())).statusCode(200);
    assertThat(favoriteIds(alice, "ANIME")).hasSize(10);
  }

  @Test
  void theProfileShowsFavoritesToThoseWhoSeeItsDetails() {
    User carol = User.named(unique("carol"));
    String handle = carol.handle();
    User dave = User.named(unique("dave"));
    dave.handle();
    put(carol, "ANIME", ids(MONSTER, FRIEREN, BEBOP)).statusCode(200);
    put(carol, "MANGA", ids(BERSERK)).statusCode(200);
    String profile = API + "/users/" + handle;
    // one statement reads the profile, the relation and a row per favorite: every type in order,
    // the relation read once
    dave.call().post(profile + "/follow").then().statusCode(200);
    dave.call()
        .get(profile)
        .then()
        .statusCode(200)
        .body("handle", equalTo(handle))
        .body("followerCount", equalTo(1))
        .body("relationship.following", equalTo(true))
        .body("relationship.followedBy", equalTo(false))
        .body("favorites.ANIME.title", equalTo(List.of("Monster", "Frieren", "Cowboy Bebop")))
        .body("favorites.MANGA.title", equalTo(List.of("Berserk")));
    dave.call().delete(profile + "/follow").then().statusCode(204);
    put(carol, "ANIME", ids(MONSTER)).statusCode(200);
    put(carol, "MANGA", "{\"mediaIds\": []}").statusCode(200);
    dave.call()
        .get(profile)
        .then()
        .statusCode(200)
        .body("relationship.following", equalTo(false))
        .body("favorites.ANIME.title", equalTo(List.of("Monster")))
        .body("favorites.MANGA", nullValue());
    carol
        .call()
        .get(profile)
        .then()
        .body("favorites.ANIME.mediaId", equalTo(List.of(MONSTER.toString())));
    carol.patch("{\"visibility\": \"PRIVATE\"}").statusCode(200);
    dave.call()
        .get(profile)
        .then()
        .statusCode(200)
        .body("restricted", equalTo(true))
        .body("favorites", nullValue());
    // the PATCH answer carries them too
    carol
        .patch("{\"visibility\": \"PUBLIC\"}")
        .statusCode(200)
        .body("favorites.ANIME.title", equalTo(List.of("Monster")));
    SocialDatabase.update(
        "INSERT INTO block (blocker_id, blocked_id, created_at) VALUES (?, ?, now())",
        carol.id(),
        dave.id());
    dave.call().get(profile).then().statusCode(200).body("favorites", nullValue());
    // search results carry no favorites
    dave.call().queryParams(Map.of("q", handle)).get(API + "/users").then().statusCode(200);
  }
}
