package dev.kiroku.social;

import static dev.kiroku.social.ProfileApiTest.API;
import static dev.kiroku.social.ProfileApiTest.problem;
import static dev.kiroku.social.ProfileApiTest.unique;
import static dev.kiroku.social.TestCatalog.BEBOP;
import static dev.kiroku.social.TestCatalog.BERSERK;
import static dev.kiroku.social.TestCatalog.FRIEREN;
import static dev.kiroku.social.TestCatalog.MONSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(SocialTestSetup.class)
class ListApiTest {

  static final String LISTS = API + "/me/lists";

  @BeforeEach
  void catalog() {
    TestCatalog.seed();
  }

  static ValidatableResponse create(User user, String json) {
    return user.call().contentType("application/json").body(json).post(LISTS).then();
  }

  static String createList(User user, String name, String visibility) {
    return create(user, "{\"name\": \"" + name + "\", \"visibility\": \"" + visibility + "\"}")
        .statusCode(201)
        .extract()
        .path("id");
  }

  static ValidatableResponse add(User user, String listId, String json) {
    return user.call()
        .contentType("application/json")
        .body(json)
        .post(LISTS + "/" + listId + "/items")
        .then();
  }

  static ValidatableResponse add(User user, String listId, UUID mediaId) {
    return add(user, listId, "{\"mediaId\": \"" + mediaId + "\"}");
  }

  static ValidatableResponse move(User user, String listId, UUID mediaId, String json) {
    return user.call()
        .contentType("application/json")
        .body(json)
        .patch(LISTS + "/" + listId + "/items/" + mediaId)
        .then();
  }

  static List<String> itemIds(User user, String listId) {
    return user.call()
        .get(LISTS + "/" + listId + "?limit=100")
        .then()
        .statusCode(200)
        .extract()
        .path("items.mediaId");
  }

  static List<String> outboxTypes(User user) {
    return SocialDatabase.column(
        "SELECT type FROM outbox_event WHERE event_key = ? ORDER BY seq", user.id());
  }

  @Test
  void aListIsCreatedReadChangedAndDeleted() {
    User alice = User.named(unique("alice"));
    String handle = alice.handle();
    String id =
        create(
                alice,
                """
                {"name": "  Best of 1998 ", "description": "Classics", "visibility": "followers"}""")
            .statusCode(201)
            .header("Location", containsString("/api/v1/social/me/lists/"))
            .body("name", equalTo("Best of 1998"))
            .body("description", equalTo("Classics"))
            .body("visibility", equalTo("FOLLOWERS"))
            .body("itemCount", equalTo(0))
            .extract()
            .path("id");
    alice.call().get(LISTS).then().statusCode(200).body("lists.id", equalTo(List.of(id)));
    alice
        .call()
        .get(LISTS + "/" + id)
        .then()
        .statusCode(200)
        .body("items", empty())
        .body("nextCursor", nullValue());

    alice
        .call()
        .contentType("application/json")
        .body("{\"description\": null, \"visibility\": \"PRIVATE\"}")
        .patch(LISTS + "/" + id)
        .then()
        .statusCode(200)
        .body("name", equalTo("Best of 1998"))
        .body("description", nullValue())
        .body("visibility", equalTo("PRIVATE"));
    assertThat(
            SocialDatabase.column(
                "SELECT payload->>'name' || '|' || (payload->'owner'->>'handle') || '|'"
                    + " || (payload->>'visibility') FROM outbox_event"
                    + " WHERE event_key = ? AND type = 'kiroku.social.list-created.v1'",
                alice.id()))
        .containsExactly("Best of 1998|" + handle + "|FOLLOWERS");

    alice.call().delete(LISTS + "/" + id).then().statusCode(204);
    problem(alice.call().get(LISTS + "/" + id).then(), 404, "LIST_NOT_FOUND");
    problem(alice.call().delete(LISTS + "/" + id).then(), 404, "LIST_NOT_FOUND");
    problem(alice.call().get(LISTS + "/not-a-uuid").then(), 404, "LIST_NOT_FOUND");
  }

  @Test
  void badListInputNamesTheFieldAndStoresNothing() {
    User alice = User.named(unique("alice"));
    alice.handle();
    problem(create(alice, "{\"name\": \"   \"}"), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("name"));
    problem(create(alice, "{\"description\": \"x\"}"), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("name"));
    problem(create(alice, "{\"name\": \"" + "n".repeat(101) + "\"}"), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("name"));
    problem(
            create(alice, "{\"name\": \"ok\", \"description\": \"" + "d".repeat(2001) + "\"}"),
            400,
            "VALIDATION_FAILED")
        .body("violations.field", hasItem("description"));
    problem(
            create(alice, "{\"name\": \"ok\", \"visibility\": \"friends\"}"),
            400,
            "VALIDATION_FAILED")
        .body("violations.field", hasItem("visibility"));
    problem(create(alice, "{\"name\": 5}"), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("name"));
    problem(create(alice, "{\"name\": \"ok\", \"colour\": \"red\"}"), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("colour"));
    problem(create(alice, "[\"ok\"]"), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("body"));
    assertThat(SocialDatabase.column("SELECT id FROM user_list WHERE owner_id = ?", alice.id()))
        .isEmpty();
    // 100 characters (code points) are fine
    String id = createList(alice, "名".repeat(100), "PUBLIC");
    problem(
            alice
                .call()
                .contentType("application/json")
                .body("{\"name\": \"\", \"visibility\": \"PRIVATE\"}")
                .patch(LISTS + "/" + id)
                .then(),
            400,
            "VALIDATION_FAILED")
        .body("violations.field", hasItem("name"));
    assertThat(SocialDatabase.column("SELECT visibility FROM user_list WHERE id = ?::uuid", id))
        .containsExactly("PUBLIC");
    assertThat(outboxTypes(alice)).containsOnlyOnce("kiroku.social.list-created.v1");
  }

  @Test
  void itemsAreAddedMovedAndRemovedInOrder() {
    User alice = User.named(unique("alice"));
    alice.handle();
    String list = createList(alice, "Watch next", "PUBLIC");
    add(alice, list, BEBOP)
        .statusCode(201)
        .body("position", equalTo(0))
        .body("title", equalTo("Cowboy Bebop"))
        .body("type", equalTo("ANIME"))
        .body("imageUrl", equalTo("https://img.example/poster/" + BEBOP + ".jpg"));
    add(alice, list, FRIEREN).statusCode(201).body("position", equalTo(1));
    add(alice, list, MONSTER).statusCode(201).body("position", equalTo(2));
    add(alice, list, "{\"mediaId\": \"" + BERSERK + "\", \"position\": 0}")
        .statusCode(201)
        .body("position", equalTo(0))
        .body("type", equalTo("MANGA"));
    assertThat(itemIds(alice, list)).containsExactly(ids(BERSERK, BEBOP, FRIEREN, MONSTER));

    move(alice, list, MONSTER, "{\"position\": 1}").statusCode(200).body("position", equalTo(1));
    assertThat(itemIds(alice, list)).containsExactly(ids(BERSERK, MONSTER, BEBOP, FRIEREN));
    move(alice, list, BERSERK, "{\"position\": 3}").statusCode(200);
    assertThat(itemIds(alice, list)).containsExactly(ids(MONSTER, BEBOP, FRIEREN, BERSERK));

    problem(add(alice, list, BEBOP), 409, "LIST_ITEM_EXISTS");
    problem(add(alice, list, UUID.randomUUID()), 422, "UNKNOWN_MEDIA")
        .body("violations.field", hasItem("mediaId"));
    problem(add(alice, list, "{\"mediaId\": \"abc\"}"), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("mediaId"));
    problem(add(alice, list, "{\"mediaId\": 5}"), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("mediaId"));
    problem(add(alice, list, "{}"), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("mediaId"));
    problem(move(alice, list, MONSTER, "{\"position\": 4}"), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("position"));
    problem(move(alice, list, MONSTER, "{\"position\": -1}"), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("position"));
    problem(move(alice, list, MONSTER, "{\"position\": \"1\"}"), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("position"));
    problem(move(alice, list, MONSTER, "{\"position\": 1.5}"), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("position"));
    problem(move(alice, list, TestCatalog.DUNE, "{\"position\": 0}"), 404, "LIST_ITEM_NOT_FOUND");
    assertThat(itemIds(alice, list)).containsExactly(ids(MONSTER, BEBOP, FRIEREN, BERSERK));

    alice.call().delete(LISTS + "/" + list + "/items/" + FRIEREN).then().statusCode(204);
    problem(
        alice.call().delete(LISTS + "/" + list + "/items/" + FRIEREN).then(),
        404,
        "LIST_ITEM_NOT_FOUND");
    alice.call().get(LISTS + "/" + list).then().body("itemCount", equalTo(3));
    assertThat(itemIds(alice, list)).containsExactly(ids(MONSTER, BEBOP, BERSERK));

    assertThat(outboxTypes(alice))
        .filteredOn(t -> t.startsWith("kiroku.social.list-item"))
        .containsExactly(
            "kiroku.social.list-item-added.v1",
            "kiroku.social.list-item-added.v1",
            "kiroku.social.list-item-added.v1",
            "kiroku.social.list-item-added.v1",
            "kiroku.social.list-item-removed.v1");
    assertThat(
            SocialDatabase.column(
                "SELECT (payload->'media'->>'title') || '@' || (payload->>'position')"
                    + " FROM outbox_event WHERE event_key = ?"
                    + " AND type = 'kiroku.social.list-item-added.v1' ORDER BY seq",
                alice.id()))
        .containsExactly("Cowboy Bebop@0", "Frieren@1", "Monster@2", "Berserk@0");
    assertThat(
            SocialDatabase.column(
                "SELECT payload->>'mediaId' FROM outbox_event WHERE event_key = ?"
                    + " AND type = 'kiroku.social.list-item-removed.v1'",
                alice.id()))
        .containsExactly(FRIEREN.toString());

    // which of my lists hold it
    String other = createList(alice, "Rewatch", "PRIVATE");
    add(alice, other, BEBOP).statusCode(201);
    alice
        .call()
        .get(API + "/lists/containing/" + BEBOP)
        .then()
        .statusCode(200)
        .body("mediaId", equalTo(BEBOP.toString()))
        .body("lists.id", equalTo(List.of(other, list)));
    alice
        .call()
        .get(API + "/lists/containing/" + FRIEREN)
        .then()
        .statusCode(200)
        .body("lists", empty());
    problem(alice.call().get(API + "/lists/containing/xyz").then(), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("mediaId"));
    User bob = User.named(unique("bob"));
    bob.call()
        .get(API + "/lists/containing/" + BEBOP)
        .then()
        .statusCode(200)
        .body("lists", empty());
  }

  @Test
  void anotherUsersListIsNotFoundForEveryChange() {
    User alice = User.named(unique("alice"));
    alice.handle();
    User bob = User.named(unique("bob"));
    bob.handle();
    String list = createList(bob, "Bob's", "PUBLIC");
    add(bob, list, BEBOP).statusCode(201);
    String path = LISTS + "/" + list;
    problem(alice.call().get(path).then(), 404, "LIST_NOT_FOUND");
    problem(
        alice
            .call()
            .contentType("application/json")
            .body("{\"name\": \"mine\"}")
            .patch(path)
            .then(),
        404,
        "LIST_NOT_FOUND");
    problem(add(alice, list, FRIEREN), 404, "LIST_NOT_FOUND");
    problem(move(alice, list, BEBOP, "{\"position\": 0}"), 404, "LIST_NOT_FOUND");
    problem(alice.call().delete(path + "/items/" + BEBOP).then(), 404, "LIST_NOT_FOUND");
    problem(alice.call().delete(path).then(), 404, "LIST_NOT_FOUND");
    bob.call()
        .get(path)
        .then()
        .statusCode(200)
        .body("name", equalTo("Bob's"))
        .body("itemCount", equalTo(1));
    assertThat(itemIds(bob, list)).containsExactly(BEBOP.toString());
  }

  @Test
  void visibilityAndBlocksDecideWhichListsOthersSee() {
    User carol = User.named(unique("carol"));
    String handle = carol.handle();
    User dave = User.named(unique("dave"));
    dave.handle();
    User erin = User.named(unique("erin"));
    erin.handle();
    String pub = createList(carol, "Public", "PUBLIC");
    String fol = createList(carol, "Followers", "FOLLOWERS");
    String priv = createList(carol, "Private", "PRIVATE");
    add(carol, pub, BEBOP).statusCode(201);
    AccountDeletionTest.follow(erin, carol);
    String lists = API + "/users/" + handle + "/lists";

    carol
        .call()
        .get(lists)
        .then()
        .statusCode(200)
        .body("lists.id", equalTo(List.of(priv, fol, pub)));
    dave.call().get(lists).then().statusCode(200).body("lists.id", equalTo(List.of(pub)));
    erin.call().get(lists).then().statusCode(200).body("lists.id", equalTo(List.of(fol, pub)));
    dave.call()
        .get(lists + "/" + pub)
        .then()
        .statusCode(200)
        .body("items.title", equalTo(List.of("Cowboy Bebop")));
    problem(dave.call().get(lists + "/" + fol).then(), 404, "LIST_NOT_FOUND");
    problem(erin.call().get(lists + "/" + priv).then(), 404, "LIST_NOT_FOUND");
    erin.call().get(lists + "/" + fol).then().statusCode(200).body("name", equalTo("Followers"));
    // a list id of someone else under carol's handle is not carol's
    String daves = createList(dave, "Dave's", "PUBLIC");
    problem(erin.call().get(lists + "/" + daves).then(), 404, "LIST_NOT_FOUND");

    // followers-only profile: strangers see nothing
    carol.patch("{\"visibility\": \"FOLLOWERS\"}").statusCode(200);
    dave.call().get(lists).then().statusCode(200).body("lists", empty());
    problem(dave.call().get(lists + "/" + pub).then(), 404, "LIST_NOT_FOUND");
    erin.call().get(lists).then().statusCode(200).body("lists.id", equalTo(List.of(fol, pub)));
    // private profile: nobody but carol
    carol.patch("{\"visibility\": \"PRIVATE\"}").statusCode(200);
    erin.call().get(lists).then().statusCode(200).body("lists", empty());
    carol
        .call()
        .get(lists)
        .then()
        .statusCode(200)
        .body("lists.id", equalTo(List.of(priv, fol, pub)));
    // a block hides everything, even public lists of a public profile
    carol.patch("{\"visibility\": \"PUBLIC\"}").statusCode(200);
    SocialDatabase.update(
        "INSERT INTO block (blocker_id, blocked_id, created_at) VALUES (?, ?, now())",
        carol.id(),
        erin.id());
    erin.call().get(lists).then().statusCode(200).body("lists", empty());
    problem(erin.call().get(lists + "/" + pub).then(), 404, "LIST_NOT_FOUND");
    dave.call().get(lists).then().statusCode(200).body("lists.id", equalTo(List.of(pub)));
    // a renamed handle points to the new one for 30 days
    carol.patch("{\"handle\": \"" + handle + "_new\"}").statusCode(200);
    dave.call()
        .redirects()
        .follow(false)
        .get(lists)
        .then()
        .statusCode(308)
        .header("Location", "/api/v1/social/users/" + handle + "_new/lists");
    dave.call()
        .get(API + "/users/" + handle + "_new/lists")
        .then()
        .statusCode(200)
        .body("lists.id", equalTo(List.of(pub)));
    problem(
        dave.call()
            .get(API + "/users/nobody_" + UUID.randomUUID().toString().substring(0, 8) + "/lists")
            .then(),
        404,
        "USER_NOT_FOUND");
  }

  @Test
  void listsPageWithACursor() {
    User alice = User.named(unique("alice"));
    alice.handle();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(0, createList(alice, "List " + i, "PUBLIC"));
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      var page =
          alice
              .call()
              .queryParam("limit", 2)
              .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
              .get(LISTS)
              .then()
              .statusCode(200)
              .extract();
      seen.addAll(page.path("lists.id"));
      cursor = page.path("nextCursor");
    } while (cursor != null);
    assertThat(seen).isEqualTo(created);
    problem(alice.call().queryParam("cursor", "%%%").get(LISTS).then(), 400, "INVALID_CURSOR");
    problem(alice.call().queryParam("limit", "0").get(LISTS).then(), 400, "VALIDATION_FAILED")
        .body("violations.field", hasItem("limit"));
  }

  @Test
  void anInsertWithoutAGapLeftRenumbersTheListAndKeepsItsOrder() {
    User alice = User.named(unique("alice"));
    alice.handle();
    String list = createList(alice, "Crowded", "PUBLIC");
    List<UUID> media = TestCatalog.bulk(42);
    add(alice, list, media.get(0)).statusCode(201);
    add(alice, list, media.get(1)).statusCode(201);
    // 40 inserts at index 1: the gap between the first two halves each time (32 fit in 2^32)
    for (int i = 2; i < 42; i++) {
      add(alice, list, "{\"mediaId\": \"" + media.get(i) + "\", \"position\": 1}")
          .statusCode(201)
          .body("position", equalTo(1));
    }
    List<String> expected = new ArrayList<>();
    expected.add(media.get(0).toString());
    for (int i = 41; i >= 2; i--) {
      expected.add(media.get(i).toString());
    }
    expected.add(media.get(1).toString());
    assertThat(itemIds(alice, list)).isEqualTo(expected);
    assertThat(
            SocialDatabase.column(
                "SELECT count(DISTINCT position) FROM user_list_item WHERE list_id = ?::uuid",
                list))
        .containsExactly("42");
  }

  @Test
  void aTenThousandItemListPagesThroughInOrderAndAMoveWritesOneRow() throws Exception {
    User alice = User.named(unique("alice"));
    alice.handle();
    String list = createList(alice, "Everything", "PUBLIC");
    List<UUID> media = TestCatalog.bulk(10_001);
    List<UUID> items = media.subList(0, 10_000);
    try (Connection c = SocialDatabase.connect();
        PreparedStatement st =
            c.prepareStatement(
                "INSERT INTO user_list_item (list_id, media_id, owner_id, position, added_at)"
                    + " SELECT ?::uuid, id, ?, n * 4294967296, now()"
                    + " FROM unnest(?::uuid[]) WITH ORDINALITY AS u(id, n)")) {
      st.setString(1, list);
      st.setString(2, alice.id());
      st.setArray(3, c.createArrayOf("uuid", items.toArray()));
      assertThat(st.executeUpdate()).isEqualTo(10_000);
    }
    SocialDatabase.update("UPDATE user_list SET item_count = 10000 WHERE id = ?::uuid", list);
    SocialDatabase.update("VACUUM ANALYZE user_list_item");
    SocialDatabase.update("ANALYZE media_projection");

    List<String> seen = pageThrough(alice, list);
    assertThat(seen).hasSize(10_000).isEqualTo(items.stream().map(UUID::toString).toList());

    problem(add(alice, list, media.get(10_000)), 422, "LIMIT_REACHED")
        .body("violations.field", hasItem("mediaId"));

    Map<String, String> before = positions(list);
    UUID last = items.get(9_999);
    move(alice, list, last, "{\"position\": 0}").statusCode(200).body("position", equalTo(0));
    Map<String, String> after = positions(list);
    assertThat(after.keySet()).isEqualTo(before.keySet());
    assertThat(after.entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey()))))
        .hasSize(1);
    List<String> moved = pageThrough(alice, list);
    assertThat(moved.get(0)).isEqualTo(last.toString());
    assertThat(moved.subList(1, 10_000))
        .isEqualTo(items.subList(0, 9_999).stream().map(UUID::toString).toList());

    // a page: a range scan of the (list_id, position) index, no sort, no sequential scan
    String plan =
        String.join(
            "\n",
            SocialDatabase.column(
                "EXPLAIN SELECT i.position, i.added_at, m.media_id, m.media_type, m.title,"
                    + " m.image_url, m.removed FROM user_list_item i"
                    + " JOIN media_projection m ON m.media_id = i.media_id"
                    + " WHERE i.list_id = '"
                    + list
                    + "' AND i.position > 21474836480000 ORDER BY i.position LIMIT 101"));
    assertThat(plan)
        .contains("user_list_item_order")
        .contains("media_projection_pkey")
        .doesNotContain("Seq Scan")
        .doesNotContain("Sort");

    // the neighbours of an index (a move or an insert there): the same index, no sort
    String neighbours =
        String.join(
            "\n",
            SocialDatabase.column(
                "EXPLAIN SELECT position FROM user_list_item WHERE list_id = '"
                    + list
                    + "' AND media_id <> '"
                    + last
                    + "' ORDER BY position OFFSET 4999 LIMIT 2"));
    assertThat(neighbours)
        .contains("user_list_item_order")
        .doesNotContain("Seq Scan")
        .doesNotContain("Sort");

    problem(
        alice.call().queryParam("cursor", "not a cursor").get(LISTS + "/" + list).then(),
        400,
        "INVALID_CURSOR");
    String listsCursor =
        alice.call().queryParam("limit", 1).get(LISTS).then().extract().path("nextCursor");
    if (listsCursor != null) {
      problem(
          alice.call().queryParam("cursor", listsCursor).get(LISTS + "/" + list).then(),
          400,
          "INVALID_CURSOR");
    }
  }

  private static List<String> pageThrough(User user, String list) {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      var page =
          user.call()
              .queryParam("limit", 100)
              .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
              .get(LISTS + "/" + list)
              .then()
              .statusCode(200)
              .body("itemCount", equalTo(10_000))
              .extract();
      seen.addAll(page.path("items.mediaId"));
      cursor = page.path("nextCursor");
      pages++;
    } while (cursor != null && pages < 200);
    assertThat(pages).isEqualTo(100);
    return seen;
  }

  private static Map<String, String> positions(String list) {
    Map<String, String> positions = new HashMap<>();
    for (String row :
        SocialDatabase.column(
            "SELECT media_id || '=' || position FROM user_list_item WHERE list_id = ?::uuid",
            list)) {
      String[] parts = row.split("=");
      positions.put(parts[0], parts[1]);
    }
    return positions;
  }

  private static String[] ids(UUID... ids) {
    return java.util.Arrays.stream(ids).map(UUID::toString).toArray(String[]::new);
  }
}
