package dev.kiroku.search.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.kiroku.contracts.Topic;
import dev.kiroku.contracts.social.SocialEvents;
import dev.kiroku.search.IndexTraces;
import dev.kiroku.search.SearchTestResources;
import dev.kiroku.search.SocialEventProducer;
import dev.kiroku.search.indexer.PeopleIndexerLifecycle;
import dev.kiroku.testing.KafkaTestBroker;
import dev.kiroku.testing.TestTokenIssuer;
import dev.kiroku.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.store.FSDirectory;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * People search end to end: social events produced to the embedded Kafka → people index of the
 * running service → {@code GET /api/v1/search/users} with test tokens. Every test uses its own
 * random words and user ids, so tests don't see each other's people.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(TestTokenIssuer.class)
@QuarkusTestResource(SearchTestResources.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeopleApiTest {

  SocialEventProducer events;
  @Inject PeopleIndexerLifecycle lifecycle;

  @BeforeAll
  void producer() {
    events = new SocialEventProducer(KafkaTestBroker.bootstrapServers());
  }

  @AfterAll
  void close() {
    events.close();
  }

  /** Letters only, unique per call (kept as one token by the analyzer). */
  static String word() {
    StringBuilder word = new StringBuilder("zq");
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < 8; i++) {
      word.append((char) ('a' + random.nextInt(26)));
    }
    return word.toString();
  }

  static String userId() {
    return UUID.randomUUID().toString();
  }

  static List<Map<String, Object>> items(Map<String, Object> body) {
    return (List<Map<String, Object>>) body.get("items");
  }

  static List<String> handles(Map<String, Object> body) {
    return items(body).stream().map(i -> (String) i.get("handle")).toList();
  }

  Map<String, Object> people(String callerId, Map<String, ?> params) {
    return given()
        .auth()
        .oauth2(TestTokens.user(callerId))
        .queryParams(params)
        .when()
        .get("/api/v1/search/users")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .extract()
        .jsonPath()
        .getMap("");
  }

  /** Polls until {@code ready} holds for the answer (indexing is asynchronous). */
  Map<String, Object> await(String callerId, String q, Predicate<Map<String, Object>> ready) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    Map<String, Object> body;
    do {
      body = people(callerId, Map.of("q", q));
      if (ready.test(body)) {
        return body;
      }
      sleep(100);
    } while (Instant.now().isBefore(deadline));
    throw new AssertionError(
        "people search for '" + q + "' never satisfied the condition: " + body);
  }

  static void awaitTrue(String what, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as(what + " within 30 s").isBefore(deadline);
      sleep(100);
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The consumer's message counter for {@code type} and {@code outcome}, from /q/metrics. */
  static double counted(String type, String outcome) {
    String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    for (String line : metrics.split("\n")) {
      if (line.startsWith("kiroku_consumer_messages_total{")
          && line.contains("consumer=\"search-service.social-events\"")
          && line.contains("type=\"" + type + "\"")
          && line.contains("outcome=\"" + outcome + "\"")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }

  @Test
  void aPublicProfileIsFoundByHandleAndNameWithTyposAndPrefixesInTheDocumentedShape()
      throws Exception {
    String w = word();
    String name = word();
    String handle = w + "_fan";
    String id = userId();
    events.profile(
        id, handle, "Sakura " + name, "https://img.example/a.png", "PUBLIC", Instant.now());

    Map<String, Object> body = await(userId(), handle, b -> !items(b).isEmpty());
    assertThat(body).containsOnlyKeys("items", "limit").containsEntry("limit", 20);
    assertThat(items(body))
        .containsExactly(
            Map.of(
                "handle",
                handle,
                "displayName",
                "Sakura " + name,
                "avatarUrl",
                "https://img.example/a.png"));

    String caller = userId();
    // Misspelled handle (two letters swapped), the handle's first word misspelled, the handle
    // with @ in capitals, the handle's words apart, a prefix while typing, the display name
    // misspelled, and its other word with the prefix of the rare one.
    String swapped = w.substring(0, 4) + w.charAt(5) + w.charAt(4) + w.substring(6);
    for (String q :
        List.of(
            swapped + "_fan",
            swapped,
            "@" + handle.toUpperCase(java.util.Locale.ROOT),
            w + " fan",
            w.substring(0, 6),
            name.substring(0, 3) + "x" + name.substring(4),
            "sakura " + name.substring(0, 5))) {
      assertThat(handles(people(caller, Map.of("q", q)))).as("q=%s", q).contains(handle);
    }
    // A different person does not match an unrelated word.
    assertThat(handles(people(caller, Map.of("q", word())))).doesNotContain(handle);
  }

  @Test
  void visitorsWithoutATokenSearchMediaAndPeopleButABadTokenIsRefused() throws Exception {
    String w = word();
    String handle = w + "_open";
    events.profile(userId(), handle, null, null, "PUBLIC", Instant.now());
    await(userId(), handle, b -> !items(b).isEmpty());
    assertThat(
            handles(
                given()
                    .queryParam("q", handle)
                    .get("/api/v1/search/users")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getMap("")))
        .containsExactly(handle);
    given().queryParam("q", "anything").get("/api/v1/search").then().statusCode(200);
    given().queryParam("q", "any").get("/api/v1/search/suggest").then().statusCode(200);
    for (String token : List.of(TestTokens.expired(userId()), TestTokens.unsigned(userId()))) {
      given()
          .auth()
          .oauth2(token)
          .queryParam("q", handle)
          .get("/api/v1/search/users")
          .then()
          .statusCode(401)
          .contentType("application/problem+json");
    }
    // the admin routes still want a token
    given()
        .post("/api/v1/search/admin/rebuild")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    given()
        .get("/api/v1/search/admin/rebuild")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
  }

  @Test
  void theClosestMatchComesFirstAndLimitCapsTheAnswer() throws Exception {
    String w = word();
    Instant now = Instant.now();
    events.profile(userId(), w, null, null, "PUBLIC", now);
    events.profile(userId(), w + "_two", "Someone Else", null, "PUBLIC", now);
    events.profile(userId(), "x" + userId().substring(0, 8), w + " Fan", null, "PUBLIC", now);
    Map<String, Object> all = await(userId(), w, b -> items(b).size() == 3);
    assertThat(handles(all).get(0)).isEqualTo(w); // the whole handle wins
    assertThat(items(all).get(0))
        .containsEntry("displayName", null)
        .containsEntry("avatarUrl", null);

    Map<String, Object> two = people(userId(), Map.of("q", w, "limit", "2"));
    assertThat(items(two)).hasSize(2);
    assertThat(two).containsEntry("limit", 2);
    assertThat(handles(two)).isEqualTo(handles(all).subList(0, 2));
  }

  @Test
  void aProfileThatIsNoLongerPublicLeavesSearchAndAnOlderUpdateDoesNotBringItBack()
      throws Exception {
    String handle = word();
    String id = userId();
    String caller = userId();
    Instant t0 = Instant.now().minusSeconds(60);
    events.profile(id, handle, "First", null, "PUBLIC", t0);
    await(caller, handle, b -> handles(b).contains(handle));

    events.profile(id, handle, "First", null, "FOLLOWERS", t0.plusSeconds(10));
    await(caller, handle, b -> items(b).isEmpty());

    // An older PUBLIC event arriving late (a re-sent record) is stale: the profile stays out.
    double stale = counted(SocialEvents.PROFILE_UPDATED, "stale");
    events.profile(id, handle, "First", null, "PUBLIC", t0.plusSeconds(5));
    awaitTrue(
        "the late event counted as stale",
        () -> counted(SocialEvents.PROFILE_UPDATED, "stale") > stale);
    assertThat(items(people(caller, Map.of("q", handle)))).isEmpty();

    events.profile(id, handle, "Back", null, "PUBLIC", t0.plusSeconds(20));
    Map<String, Object> back = await(caller, handle, b -> !items(b).isEmpty());
    assertThat(items(back).get(0)).containsEntry("displayName", "Back");

    events.profile(id, handle, "Back", null, "PRIVATE", t0.plusSeconds(30));
    await(caller, handle, b -> items(b).isEmpty());
  }

  @Test
  void anOlderProfileUpdateDoesNotOverwriteANewerOne() throws Exception {
    String handle = word();
    String id = userId();
    Instant t0 = Instant.now().minusSeconds(60);
    events.profile(id, handle, "Newer Name", null, "PUBLIC", t0.plusSeconds(10));
    await(userId(), handle, b -> !items(b).isEmpty());
    double stale = counted(SocialEvents.PROFILE_UPDATED, "stale");
    events.profile(id, handle, "Older Name", null, "PUBLIC", t0);
    awaitTrue("stale counted", () -> counted(SocialEvents.PROFILE_UPDATED, "stale") > stale);
    assertThat(items(people(userId(), Map.of("q", handle))).get(0))
        .containsEntry("displayName", "Newer Name");
  }

  @Test
  void aUserWhoBlockedTheCallerNeverAppearsInTheCallersResults() throws Exception {
    String w = word();
    String blocker = userId();
    String other = userId();
    String caller = userId();
    String bystander = userId();
    Instant t0 = Instant.now().minusSeconds(60);
    events.profile(blocker, w + "_blocker", null, null, "PUBLIC", t0);
    events.profile(other, w + "_other", null, null, "PUBLIC", t0);
    events.blocked(blocker, caller, t0.plusSeconds(1));
    await(bystander, w, b -> items(b).size() == 2);
    // The block may be applied after the profiles (another partition): wait for it.
    await(caller, w, b -> handles(b).equals(List.of(w + "_other")));
    assertThat(handles(people(caller, Map.of("q", w + "_blocker")))).isEmpty();
    // The caller blocking someone does not hide them from the caller (only the reverse does).
    double blocks = counted(SocialEvents.BLOCKED, "processed");
    events.blocked(caller, other, t0.plusSeconds(2));
    awaitTrue("Blocked applied", () -> counted(SocialEvents.BLOCKED, "processed") > blocks);
    assertThat(handles(people(caller, Map.of("q", w)))).containsExactly(w + "_other");

    events.unblocked(blocker, caller, t0.plusSeconds(3));
    await(caller, w, b -> items(b).size() == 2);
    // An older Blocked re-sent after the Unblocked does not block again.
    double stale = counted(SocialEvents.BLOCKED, "stale");
    events.blocked(blocker, caller, t0.plusSeconds(1));
    awaitTrue("stale Blocked counted", () -> counted(SocialEvents.BLOCKED, "stale") > stale);
    assertThat(items(people(caller, Map.of("q", w)))).hasSize(2);
  }

  @Test
  void deletingAnAccountLeavesNoDocumentTermOrStoredFieldOfTheUserInTheIndex() throws Exception {
    String w = word();
    String name = word();
    String handle = w + "_gone";
    String id = userId();
    String friend = userId();
    Instant t0 = Instant.now().minusSeconds(60);
    events.profile(id, handle, "Erased " + name, "https://img.example/" + name, "PUBLIC", t0);
    events.profile(friend, w + "_stays", null, null, "PUBLIC", t0);
    events.blocked(id, friend, t0.plusSeconds(1));
    events.blocked(friend, id, t0.plusSeconds(1));
    await(userId(), w, b -> items(b).size() == 2);
    Path folder = peopleFolder();
    List<String> traces = List.of(id, handle, w + " gone", name);
    // Before: the user is in the index (so the checks below can see them at all).
    awaitTrue(
        "the user's block is applied",
        () -> !withReader(folder, false, r -> IndexTraces.traces(r, List.of(id))).isEmpty());
    assertThat(
            this.<List<String>>withReader(
                folder, false, r -> IndexTraces.traces(r, List.of(handle, name))))
        .isNotEmpty();
    awaitTrue(
        "the user is in the committed index",
        () -> !withReader(folder, true, r -> IndexTraces.traces(r, List.of(id, handle))).isEmpty());

    events.deleted(id);
    await(userId(), w, b -> handles(b).equals(List.of(w + "_stays")));
    // Gone from every segment the running index searches (deleted documents included) and from
    // the last commit on disk, in every field: terms, stored fields, both block directions.
    awaitTrue(
        "nothing of the user in the live index",
        () -> withReader(folder, false, r -> IndexTraces.traces(r, traces)).isEmpty());
    awaitTrue(
        "nothing of the user in the committed index",
        () -> withReader(folder, true, r -> IndexTraces.traces(r, traces)).isEmpty());
    assertThat(
            this.<List<String>>withReader(
                folder, false, r -> IndexTraces.traces(r, List.of(friend))))
        .isNotEmpty();
  }

  @Test
  void poisonRecordsAreParkedWithTheirReasonAndUnknownTypesSkipped() throws Exception {
    String handle = word();
    String marker = UUID.randomUUID().toString();
    double skipped = counted(SocialEvents.FOLLOWED, "skipped");
    events.raw(marker, SocialEvents.PROFILE_UPDATED, "not json " + marker);
    events.raw(
        marker,
        SocialEvents.PROFILE_UPDATED,
        "{\"user\": null, \"visibility\": \"PUBLIC\", \"occurredAt\": \"2026-01-01T00:00:00Z\"}");
    events.raw(marker, SocialEvents.FOLLOWED, "{\"followerId\": \"a\", \"followedId\": \"b\"}");
    events.raw(marker, SocialEvents.BLOCKED, "{\"blockerId\": \"a\"}");
    // The indexer goes on past them.
    events.profile(marker, handle, null, null, "PUBLIC", Instant.now());
    await(userId(), handle, b -> handles(b).contains(handle));
    awaitTrue("skip counted", () -> counted(SocialEvents.FOLLOWED, "skipped") > skipped);

    List<ConsumerRecord<byte[], byte[]>> parked = parked(marker, 3);
    List<String> reasons = parked.stream().map(r -> header(r, "dead-letter-reason")).toList();
    assertThat(reasons)
        .containsExactly(
            "search-service.social-events: unreadable kiroku.social.profile-updated.v1 payload"
                + " (not a ProfileUpdated)",
            "search-service.social-events: kiroku.social.profile-updated.v1 rejected: no"
                + " user.userId",
            "search-service.social-events: kiroku.social.blocked.v1 rejected: no blockerId or"
                + " blockedId");
    ConsumerRecord<byte[], byte[]> first = parked.get(0);
    assertThat(new String(first.value(), StandardCharsets.UTF_8)).isEqualTo("not json " + marker);
    assertThat(header(first, "ce_type")).isEqualTo(SocialEvents.PROFILE_UPDATED);
    assertThat(header(first, "dead-letter-topic")).isEqualTo(Topic.SOCIAL_EVENTS.topicName());
    assertThat(header(first, "dead-letter-cause")).isNotBlank();
    assertThat(counted(SocialEvents.PROFILE_UPDATED, "dead_lettered")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void badInputIsA400NamingTheField() {
    String caller = TestTokens.user(userId());
    List<Map<String, String>> bad =
        List.of(
            Map.of(),
            Map.of("q", "   "),
            Map.of("q", "a".repeat(101)),
            Map.of("q", "ok", "limit", "0"),
            Map.of("q", "ok", "limit", "51"),
            Map.of("q", "ok", "limit", "ten"));
    List<String> fields = List.of("q", "q", "q", "limit", "limit", "limit");
    for (int i = 0; i < bad.size(); i++) {
      given()
          .auth()
          .oauth2(caller)
          .queryParams(bad.get(i))
          .when()
          .get("/api/v1/search/users")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("code", equalTo("INVALID_SEARCH_PARAMETER"))
          .body("violations.field", hasItem(fields.get(i)))
          .body(not(containsString("Exception")));
    }
    // Query syntax and punctuation are text: an answer, never an error.
    for (String q : List.of("!!", "handle:*", "\"", "a".repeat(100), "AND OR ~2")) {
      assertThat(people(userId(), Map.of("q", q))).containsKey("items");
    }
    // without a token too (a public route), bad input is still a 400
    given().when().get("/api/v1/search/users?q=").then().statusCode(400);
  }

  // --- helpers reading the index folder and the dead-letter topic ---

  static Path peopleFolder() {
    return Path.of(ConfigProvider.getConfig().getValue("kiroku.search.index-dir", String.class))
        .resolve(PeopleIndexerLifecycle.FOLDER);
  }

  interface ReaderWork<T> {
    T apply(IndexReader reader) throws IOException;
  }

  /**
   * {@code work} on the live index's current searcher ({@code committed} false) or on a reader of
   * the last commit in the folder.
   */
  <T> T withReader(Path folder, boolean committed, ReaderWork<T> work) {
    try {
      if (committed) {
        try (FSDirectory directory = FSDirectory.open(folder);
            DirectoryReader reader = DirectoryReader.open(directory)) {
          return work.apply(reader);
        }
      }
      var index = lifecycle.indexer().current();
      var searcher = index.acquire();
      try {
        return work.apply(searcher.getIndexReader());
      } finally {
        index.release(searcher);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The records parked on social.events.v1.dlq with Kafka key {@code key}, in order. */
  static List<ConsumerRecord<byte[], byte[]>> parked(String key, int expected) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      TopicPartition dlq = new TopicPartition(Topic.SOCIAL_EVENTS.dlqName(), 0);
      consumer.assign(List.of(dlq));
      consumer.seekToBeginning(List.of(dlq));
      Instant deadline = Instant.now().plusSeconds(30);
      while (found.size() < expected && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.key() != null
              && key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
            found.add(record);
          }
        }
      }
    }
    assertThat(found).as("parked records of key %s", key).hasSize(expected);
    return found;
  }

  static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
