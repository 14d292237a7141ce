package dev.kiroku.social;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.kiroku.contracts.Topic;
import dev.kiroku.contracts.catalog.CatalogEvents;
import dev.kiroku.contracts.catalog.MediaRemoved;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.catalog.ReleaseStatus;
import dev.kiroku.testing.KafkaTestBroker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Catalog snapshots as catalog-service publishes them on {@code catalog.media.v1} (CloudEvents
 * headers, full {@code MediaSnapshot} JSON), sent to the embedded Kafka so the service's projection
 * consumer stores them; and, for the 10,000-item list, projection rows written straight to the
 * database.
 */
final class TestCatalog {

  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  static final Instant REFRESHED = Instant.parse("2026-11-20T10:00:00Z");

  static final UUID BEBOP = UUID.fromString("22222222-0000-4000-8000-000000000001");
  static final UUID FRIEREN = UUID.fromString("22222222-0000-4000-8000-000000000002");
  static final UUID MONSTER = UUID.fromString("22222222-0000-4000-8000-000000000003");
  static final UUID BERSERK = UUID.fromString("22222222-0000-4000-8000-000000000004");
  static final UUID DUNE = UUID.fromString("22222222-0000-4000-8000-000000000005");
  static final UUID SPIRITED_AWAY = UUID.fromString("22222222-0000-4000-8000-000000000006");

  private static boolean seeded;

  private TestCatalog() {}

  static MediaSnapshot snapshot(
      UUID id, MediaType type, String title, String poster, Instant refreshed) {
    return new MediaSnapshot(
        id,
        type,
        title.toLowerCase().replace(' ', '-'),
        new MediaSnapshot.Titles(title, title, null, null, List.of()),
        "A synopsis.",
        new MediaSnapshot.Images(poster, "https://img.example/banner/" + id + ".jpg"),
        LocalDate.of(1998, 4, 3),
        null,
        ReleaseStatus.FINISHED,
        null,
        List.of("Drama"),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        new MediaSnapshot.Counts(26, 26, null, null, null, null, 24),
        80,
        86,
        Map.of("mal", id.toString().substring(30)),
        "test",
        refreshed,
        List.of());
  }

  static MediaSnapshot snapshot(UUID id, MediaType type, String title) {
    return snapshot(id, type, title, "https://img.example/poster/" + id + ".jpg", REFRESHED);
  }

  /** Publishes a few anime, manga, a book and a movie once, and waits for the projection. */
  static synchronized void seed() {
    if (seeded) {
      return;
    }
    List<MediaSnapshot> media =
        List.of(
            snapshot(BEBOP, MediaType.ANIME, "Cowboy Bebop"),
            snapshot(FRIEREN, MediaType.ANIME, "Frieren"),
            snapshot(MONSTER, MediaType.ANIME, "Monster"),
            snapshot(BERSERK, MediaType.MANGA, "Berserk"),
            snapshot(DUNE, MediaType.BOOK, "Dune"),
            snapshot(SPIRITED_AWAY, MediaType.MOVIE, "Spirited Away"));
    for (MediaSnapshot m : media) {
      upsert(m);
    }
    awaitProjected(media.stream().map(MediaSnapshot::id).toList());
    seeded = true;
  }

  /** Publishes {@code MediaUpserted} with a fresh {@code ce_id}; returns the id. */
  static String upsert(MediaSnapshot snapshot) {
    return publish(snapshot.id(), CatalogEvents.MEDIA_UPSERTED, snapshot, UUID.randomUUID());
  }

  /** Publishes {@code MediaRemoved}. */
  static void remove(UUID id, MediaType type) {
    publish(
        id,
        CatalogEvents.MEDIA_REMOVED,
        new MediaRemoved(id, type, Instant.now()),
        UUID.randomUUID());
  }

  /** Publishes a catalog event with the given {@code ce_id}; returns it. */
  static String publish(UUID key, String type, Object payload, UUID ceId) {
    try {
      KafkaTestBroker.send(
          Topic.CATALOG_MEDIA.topicName(),
          key.toString(),
          JSON.writeValueAsString(payload),
          Map.of(
              "ce_specversion",
              "1.0",
              "ce_id",
              ceId.toString(),
              "ce_type",
              type,
              "ce_source",
              CatalogEvents.SOURCE,
              "ce_time",
              Instant.now().toString(),
              "content-type",
              "application/json"));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return ceId.toString();
  }

  /** Waits until the projection has every id. */
  static void awaitProjected(List<UUID> ids) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                SocialDatabase.column(
                        "SELECT count(*) FROM media_projection WHERE media_id::text = ANY(?::text[])",
                        "{" + String.join(",", ids.stream().map(UUID::toString).toList()) + "}")
                    .get(0)
                    .equals(String.valueOf(ids.size())));
  }

  /** {@code count} new anime straight into the projection (one statement); their ids in order. */
  static List<UUID> bulk(int count) {
    List<UUID> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(UUID.randomUUID());
    }
    try (Connection c = SocialDatabase.connect();
        PreparedStatement st =
            c.prepareStatement(
                "INSERT INTO media_projection (media_id, media_type, title, image_url,"
                    + " last_refreshed_at) SELECT id, 'ANIME', 'Anime ' || n, NULL, now()"
                    + " FROM unnest(?::uuid[]) WITH ORDINALITY AS u(id, n)")) {
      st.setArray(1, c.createArrayOf("uuid", ids.toArray()));
      st.executeUpdate();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return ids;
  }
}
