package dev.kiroku.progress;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.kiroku.contracts.Topic;
import dev.kiroku.contracts.catalog.CatalogEvents;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.catalog.ReleaseStatus;
import dev.kiroku.contracts.social.SocialEvents;
import dev.kiroku.contracts.social.UserDeleted;
import dev.kiroku.platform.outbox.CloudEventHeaders;
import dev.kiroku.testing.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Realistic catalog snapshots published to the embedded Kafka, and database/Kafka read-backs. */
public final class Fixtures {

  /** A new JDBC connection to the test database (the test profile's datasource); close it. */
  public static Connection database() throws java.sql.SQLException {
    var config = ConfigProvider.getConfig();
    return DriverManager.getConnection(
        config.getValue("quarkus.datasource.jdbc.url", String.class),
        config.getValue("quarkus.datasource.username", String.class),
        config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
  }

  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private static final Instant REFRESHED = Instant.parse("2026-11-20T10:00:00Z");

  static final UUID BEBOP = UUID.fromString("11111111-0000-4000-8000-000000000001");
  static final UUID SEVERANCE = UUID.fromString("11111111-0000-4000-8000-000000000002");
  static final UUID FMA_MANGA = UUID.fromString("11111111-0000-4000-8000-000000000003");
  static final UUID DUNE = UUID.fromString("11111111-0000-4000-8000-000000000004");
  static final UUID HADES = UUID.fromString("11111111-0000-4000-8000-000000000005");
  static final UUID SPIRITED_AWAY = UUID.fromString("11111111-0000-4000-8000-000000000006");
  static final UUID FRIEREN = UUID.fromString("11111111-0000-4000-8000-000000000007");

  private static KafkaProducer<String, String> producer;
  private static boolean seeded;

  private Fixtures() {}

  static MediaSnapshot snapshot(
      UUID id,
      MediaType type,
      String title,
      ReleaseStatus status,
      List<String> genres,
      MediaSnapshot.Counts counts,
      List<MediaSnapshot.SeasonSummary> seasons) {
    return new MediaSnapshot(
        id,
        type,
        title.toLowerCase().replace(' ', '-'),
        new MediaSnapshot.Titles(title, title, null, null, List.of()),
        null,
        new MediaSnapshot.Images(null, null),
        LocalDate.of(1998, 4, 3),
        null,
        status,
        null,
        genres,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        counts,
        80,
        86,
        Map.of(),
        "test",
        REFRESHED,
        seasons);
  }

  /** Publishes the test catalog once and waits until the projection holds every item. */
  static synchronized void seedCatalog() {
    if (seeded) {
      return;
    }
    List<MediaSnapshot> media =
        List.of(
            snapshot(
                BEBOP,
                MediaType.ANIME,
                "Cowboy Bebop",
                ReleaseStatus.FINISHED,
                List.of("Action", "Sci-Fi"),
                new MediaSnapshot.Counts(26, 26, null, null, null, null, 24),
                List.of()),
            // Severance: 2 specials, season 1 finished (9), season 2 airing (10 planned, 4 aired).
            snapshot(
                SEVERANCE,
                MediaType.TV,
                "Severance",
                ReleaseStatus.RELEASING,
                List.of("Drama", "Mystery"),
                new MediaSnapshot.Counts(19, 13, 2, null, null, null, 55),
                List.of(
                    new MediaSnapshot.SeasonSummary(0, "Specials", 2, 2, null),
                    new MediaSnapshot.SeasonSummary(1, "Season 1", 9, 9, LocalDate.of(2022, 2, 18)),
                    new MediaSnapshot.SeasonSummary(
                        2, "Season 2", 10, 4, LocalDate.of(2025, 1, 17)))),
            snapshot(
                FMA_MANGA,
                MediaType.MANGA,
                "Fullmetal Alchemist",
                ReleaseStatus.FINISHED,
                List.of("Adventure"),
                new MediaSnapshot.Counts(null, null, null, 116, 27, null, null),
                List.of()),
            snapshot(
                DUNE,
                MediaType.BOOK,
                "Dune",
                ReleaseStatus.FINISHED,
                List.of("Science Fiction"),
                new MediaSnapshot.Counts(null, null, null, null, null, 412, null),
                List.of()),
            snapshot(
                HADES,
                MediaType.GAME,
                "Hades",
                ReleaseStatus.FINISHED,
                List.of("Roguelike"),
                new MediaSnapshot.Counts(null, null, null, null, null, null, null),
                List.of()),
            snapshot(
                SPIRITED_AWAY,
                MediaType.MOVIE,
                "Spirited Away",
                ReleaseStatus.FINISHED,
                List.of("Fantasy"),
                new MediaSnapshot.Counts(null, null, null, null, null, null, 125),
                List.of()),
            // Airing anime: 28 planned, 10 aired.
            snapshot(
                FRIEREN,
                MediaType.ANIME,
                "Frieren",
                ReleaseStatus.RELEASING,
                List.of("Adventure", "Fantasy"),
                new MediaSnapshot.Counts(28, 10, null, null, null, null, 24),
                List.of()));
    for (MediaSnapshot m : media) {
      publish(Topic.CATALOG_MEDIA.topicName(), m.id().toString(), CatalogEvents.MEDIA_UPSERTED, m);
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                count(
                        "SELECT count(*) FROM media_projection WHERE media_id::text = ANY(?)",
                        (Object) media.stream().map(m -> m.id().toString()).toArray(String[]::new))
                    == media.size());
    seeded = true;
  }

  static void publishUserDeleted(String userId) {
    publish(
        Topic.SOCIAL_EVENTS.topicName(),
        userId,
        SocialEvents.USER_DELETED,
        new UserDeleted(userId, Instant.now()));
  }

  static synchronized void publish(String topic, String key, String type, Object payload) {
    if (producer == null) {
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers());
      p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      producer = new KafkaProducer<>(p);
    }
    try {
      ProducerRecord<String, String> record =
          new ProducerRecord<>(topic, key, JSON.writeValueAsString(payload));
      record.headers().add(CloudEventHeaders.SPEC_VERSION, bytes("1.0"));
      record.headers().add(CloudEventHeaders.ID, bytes(UUID.randomUUID().toString()));
      record.headers().add(CloudEventHeaders.TYPE, bytes(type));
      record.headers().add(CloudEventHeaders.SOURCE, bytes("/test"));
      record.headers().add(CloudEventHeaders.TIME, bytes(Instant.now().toString()));
      record.headers().add(CloudEventHeaders.CONTENT_TYPE, bytes("application/json"));
      producer.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** One event read back from progress.events.v1. */
  record Event(String key, String type, String id, JsonNode payload) {}

  /**
   * Reads progress.events.v1 from the start until {@code expected} events keyed by {@code userId}
   * arrived.
   */
  static List<Event> eventsFor(String userId, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<Event> events = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(Topic.PROGRESS_EVENTS.topicName()));
      long deadline = System.currentTimeMillis() + 20_000;
      while (events.size() < expected && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          if (userId.equals(r.key())) {
            events.add(
                new Event(
                    r.key(),
                    header(r, CloudEventHeaders.TYPE),
                    header(r, CloudEventHeaders.ID),
                    JSON.readTree(r.value())));
          }
        }
      }
      // a little longer, to catch events that should not be there
      for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
        if (userId.equals(r.key())) {
          events.add(
              new Event(
                  r.key(),
                  header(r, CloudEventHeaders.TYPE),
                  header(r, CloudEventHeaders.ID),
                  JSON.readTree(r.value())));
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return events;
  }

  private static String header(ConsumerRecord<?, ?> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  static long count(String sql, Object... args) {
    try (Connection c = database();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> explain(String sql, Object... args) {
    try (Connection c = database();
        var st = c.createStatement()) {
      st.execute("SET enable_seqscan = off");
      try (PreparedStatement s = c.prepareStatement("EXPLAIN " + sql)) {
        for (int i = 0; i < args.length; i++) {
          s.setObject(i + 1, args[i]);
        }
        List<String> lines = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            lines.add(rs.getString(1));
          }
        }
        return lines;
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Outbox rows keyed by {@code userId}. */
  static long outboxRows(String userId) {
    return count("SELECT count(*) FROM outbox_event WHERE event_key = ?", userId);
  }

  static long entries(String userId) {
    return count("SELECT count(*) FROM library_entry WHERE user_id = ?", userId);
  }

  static long historyRows(String userId) {
    return count(
        "SELECT count(*) FROM episode_history h JOIN library_entry e ON e.id = h.entry_id"
            + " WHERE e.user_id = ?",
        userId);
  }
}
