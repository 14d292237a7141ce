package dev.kiroku.social;

import static dev.kiroku.social.ProfileApiTest.API;
import static dev.kiroku.social.ProfileApiTest.problem;
import static dev.kiroku.social.ProfileApiTest.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.kiroku.contracts.catalog.CatalogEvents;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.social.ProfileApiTest.User;
import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.PostgresTestDatabase;
import dev.kiroku.testing.TestTokenIssuer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The projection of {@code catalog.media.v1}: real-shaped {@code MediaUpserted} and {@code
 * MediaRemoved} records published to the embedded Kafka, read back through the API and the table.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(SocialTestSetup.class)
class CatalogProjectionTest {

  static String row(UUID id) {
    List<String> rows =
        SocialDatabase.column(
            "SELECT media_type || '|' || title || '|' || coalesce(image_url, '-') || '|' || removed"
                + " FROM media_projection WHERE media_id = ?::uuid",
            id.toString());
    return rows.isEmpty() ? null : rows.get(0);
  }

  static void awaitRow(UUID id, String expected) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> expected.equals(row(id)));
  }

  @Test
  void snapshotsAreStoredNewestWinsAndARemovedItemStaysFlagged() {
    UUID id = UUID.randomUUID();
    Instant t1 = Instant.parse("2026-11-01T00:00:00Z");
    TestCatalog.upsert(
        TestCatalog.snapshot(
            id, MediaType.ANIME, "Shingeki no Kyojin", "https://img.example/a.jpg", t1));
    awaitRow(id, "ANIME|Shingeki no Kyojin|https://img.example/a.jpg|false");
    User alice = User.named(unique("alice"));
    alice.handle();
    String list = ListApiTest.createList(alice, "Titans", "PUBLIC");
    ListApiTest.add(alice, list, id).statusCode(201).body("title", equalTo("Shingeki no Kyojin"));

    // a newer snapshot replaces it, and lists show it at once
    TestCatalog.upsert(
        TestCatalog.snapshot(
            id, MediaType.ANIME, "Attack on Titan", null, t1.plus(Duration.ofDays(1))));
    awaitRow(id, "ANIME|Attack on Titan|-|false");
    alice
        .call()
        .get(API + "/me/lists/" + list)
        .then()
        .body("items.title", equalTo(List.of("Attack on Titan")));

    // an older snapshot published later changes nothing (the removal behind it, same key, shows
    // it was read); the removed item stays in the list, flagged
    TestCatalog.upsert(TestCatalog.snapshot(id, MediaType.ANIME, "Old title", null, t1));
    TestCatalog.remove(id, MediaType.ANIME);
    awaitRow(id, "ANIME|Attack on Titan|-|true");
    alice
        .call()
        .get(API + "/me/lists/" + list)
        .then()
        .statusCode(200)
        .body("items.title", equalTo(List.of("Attack on Titan")))
        .body("items.removed", equalTo(List.of(true)));
    String other = ListApiTest.createList(alice, "Other", "PUBLIC");
    problem(ListApiTest.add(alice, other, id), 422, "UNKNOWN_MEDIA")
        .body("violations.field", hasItem("mediaId"));

    // the catalog brings it back
    TestCatalog.upsert(
        TestCatalog.snapshot(
            id, MediaType.ANIME, "Attack on Titan", null, t1.plus(Duration.ofDays(2))));
    awaitRow(id, "ANIME|Attack on Titan|-|false");
    ListApiTest.add(alice, other, id).statusCode(201);
  }

  @Test
  void aRedeliveredEventIsAppliedOnceAndABadOneIsParked() {
    UUID id = UUID.randomUUID();
    UUID ceId = UUID.randomUUID();
    var first = TestCatalog.snapshot(id, MediaType.MOVIE, "Perfect Blue");
    TestCatalog.publish(id, CatalogEvents.MEDIA_UPSERTED, first, ceId);
    awaitRow(id, "MOVIE|Perfect Blue|https://img.example/poster/" + id + ".jpg|false");
    // the same ce_id again, with other content: a duplicate, skipped (the removal behind it, same
    // key, shows it was read)
    TestCatalog.publish(
        id,
        CatalogEvents.MEDIA_UPSERTED,
        TestCatalog.snapshot(
            id, MediaType.MOVIE, "Changed", null, TestCatalog.REFRESHED.plusSeconds(60)),
        ceId);
    TestCatalog.remove(id, MediaType.MOVIE);
    awaitRow(id, "MOVIE|Perfect Blue|https://img.example/poster/" + id + ".jpg|true");
    assertThat(
            SocialDatabase.column(
                "SELECT count(*) FROM inbox_event WHERE consumer = ? AND event_id = ?",
                "social-service.catalog-media",
                ceId.toString()))
        .containsExactly("1");

    // a snapshot without a title is parked on the dead-letter topic, and the next record of the
    // same key goes through
    UUID after = UUID.randomUUID();
    UUID broken = UUID.randomUUID();
    TestCatalog.publish(
        after,
        CatalogEvents.MEDIA_UPSERTED,
        java.util.Map.of("id", broken.toString(), "type", "ANIME"),
        UUID.randomUUID());
    TestCatalog.upsert(TestCatalog.snapshot(after, MediaType.MOVIE, "Paprika"));
    TestCatalog.awaitProjected(List.of(after));
    assertThat(row(broken)).isNull();
  }
}
