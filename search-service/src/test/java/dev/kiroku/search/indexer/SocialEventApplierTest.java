package dev.kiroku.search.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroku.contracts.social.Blocked;
import dev.kiroku.contracts.social.ProfileUpdated;
import dev.kiroku.contracts.social.SocialEvents;
import dev.kiroku.contracts.social.Unblocked;
import dev.kiroku.contracts.social.UserDeleted;
import dev.kiroku.contracts.social.UserRef;
import dev.kiroku.platform.outbox.CloudEventHeaders;
import dev.kiroku.search.CatalogEventProducer;
import dev.kiroku.search.IndexTraces;
import dev.kiroku.search.index.PeopleIndex;
import dev.kiroku.search.index.PeopleSearcher;
import dev.kiroku.search.indexer.SocialEventApplier.Outcome;
import dev.kiroku.search.service.Person;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The applier on a real people index, without Kafka or Quarkus: replaying the same records gives
 * the same index, an older event never undoes a newer one, unusable records are poison.
 */
class SocialEventApplierTest {

  @TempDir Path folder;

  final SocialEventApplier applier = new SocialEventApplier(CatalogEventProducer.JSON);
  final Instant t0 = Instant.parse("2026-12-01T10:00:00.123456Z");
  long offset;

  ConsumerRecord<byte[], byte[]> record(String key, String type, Object payload) throws Exception {
    byte[] value =
        payload instanceof String text
            ? text.getBytes(StandardCharsets.UTF_8)
            : CatalogEventProducer.JSON.writeValueAsBytes(payload);
    ConsumerRecord<byte[], byte[]> record =
        new ConsumerRecord<>(
            "social.events.v1", 0, offset++, key.getBytes(StandardCharsets.UTF_8), value);
    record.headers().add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
    return record;
  }

  ConsumerRecord<byte[], byte[]> profile(
      String id, String handle, String name, String visibility, int second) throws Exception {
    return record(
        id,
        SocialEvents.PROFILE_UPDATED,
        new ProfileUpdated(
            new UserRef(id, handle, name, null), null, visibility, t0, t0.plusSeconds(second)));
  }

  List<ConsumerRecord<byte[], byte[]>> history() throws Exception {
    return List.of(
        profile("A", "ayame_reads", "Ayame One", "PUBLIC", 1),
        profile("B", "bunta", "Bunta", "PUBLIC", 1),
        record("A", SocialEvents.BLOCKED, new Blocked("A", "C", t0.plusSeconds(2))),
        profile("A", "ayame_reads", "Ayame Two", "PUBLIC", 3),
        profile("B", "bunta", "Bunta", "PRIVATE", 4),
        record("A", SocialEvents.UNBLOCKED, new Unblocked("A", "C", t0.plusSeconds(5))),
        record("D", SocialEvents.BLOCKED, new Blocked("D", "C", t0.plusSeconds(6))),
        profile("D", "daichi", null, "PUBLIC", 6),
        profile("E", "eri_gone", "Eri", "PUBLIC", 6),
        record("E", SocialEvents.BLOCKED, new Blocked("E", "C", t0.plusSeconds(7))),
        record("E", SocialEvents.USER_DELETED, new UserDeleted("E", t0.plusSeconds(8))),
        record("A", SocialEvents.FOLLOWED, "{\"followerId\": \"A\", \"followedId\": \"D\"}"));
  }

  List<Outcome> applyAll(PeopleIndex index, List<ConsumerRecord<byte[], byte[]>> records)
      throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      outcomes.add(applier.apply(index, record));
    }
    if (index.erasurePending()) {
      index.eraseDeleted();
    }
    index.refresh();
    return outcomes;
  }

  /** Stored values of every live document, sorted: what the index holds. */
  static List<String> dump(PeopleIndex index) throws IOException {
    List<String> docs = new ArrayList<>();
    IndexSearcher searcher = index.acquire();
    try {
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        Bits live = leaf.reader().getLiveDocs();
        for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
          if (live == null || live.get(doc)) {
            List<String> fields = new ArrayList<>();
            for (IndexableField field : leaf.reader().storedFields().document(doc)) {
              fields.add(
                  field.name()
                      + "="
                      + (field.numericValue() != null
                          ? field.numericValue()
                          : field.stringValue()));
            }
            fields.sort(null);
            docs.add(String.join(", ", fields));
          }
        }
      }
    } finally {
      index.release(searcher);
    }
    docs.sort(null);
    return docs;
  }

  static List<String> handles(PeopleIndex index, String q, String caller) throws IOException {
    return new PeopleSearcher().search(index, q, caller, 50).stream().map(Person::handle).toList();
  }

  @Test
  void replayingTheTopicGivesTheSameIndex() throws Exception {
    try (PeopleIndex once = PeopleIndex.open(folder.resolve("once"));
        PeopleIndex twice = PeopleIndex.open(folder.resolve("twice"))) {
      List<Outcome> first = applyAll(once, history());
      assertThat(first)
          .containsExactly(
              Outcome.PROCESSED,
              Outcome.PROCESSED,
              Outcome.PROCESSED,
              Outcome.PROCESSED,
              Outcome.PROCESSED,
              Outcome.PROCESSED,
              Outcome.PROCESSED,
              Outcome.PROCESSED,
              Outcome.PROCESSED,
              Outcome.PROCESSED,
              Outcome.PROCESSED,
              Outcome.SKIPPED);
      applyAll(twice, history());
      List<Outcome> replayed = applyAll(twice, history());
      // Replayed profile and block events older than what the index holds change nothing.
      assertThat(replayed.get(0)).isEqualTo(Outcome.STALE); // A's first profile
      assertThat(replayed.get(2)).isEqualTo(Outcome.STALE); // A's lifted block
      assertThat(dump(twice)).isEqualTo(dump(once)).isNotEmpty();

      // What the index answers: A with its newest name; B private; E deleted; D blocks C.
      assertThat(handles(once, "ayame", "X")).containsExactly("ayame_reads");
      assertThat(new PeopleSearcher().search(once, "ayame two", "X", 5))
          .containsExactly(new Person("ayame_reads", "Ayame Two", null));
      assertThat(handles(once, "bunta", "X")).isEmpty();
      assertThat(handles(once, "eri", "X")).isEmpty();
      assertThat(handles(once, "daichi", "X")).containsExactly("daichi");
      assertThat(handles(once, "daichi", "C")).isEmpty();
      assertThat(handles(once, "ayame", "C")).containsExactly("ayame_reads"); // unblocked
      assertThat(String.join("\n", dump(once))).doesNotContain("eri").doesNotContain("Eri");
    }
  }

  @Test
  void anOlderEventNeverUndoesANewerOne() throws Exception {
    try (PeopleIndex index = PeopleIndex.open(folder)) {
      assertThat(applier.apply(index, profile("A", "ayame", "New", "PRIVATE", 10)))
          .isEqualTo(Outcome.PROCESSED);
      // Within one batch (before any refresh) and after one.
      assertThat(applier.apply(index, profile("A", "ayame", "Old", "PUBLIC", 9)))
          .isEqualTo(Outcome.STALE);
      index.refresh();
      assertThat(applier.apply(index, profile("A", "ayame", "Old", "PUBLIC", 9)))
          .isEqualTo(Outcome.STALE);
      index.refresh();
      assertThat(handles(index, "ayame", "X")).isEmpty();
      // The same occurredAt again (a re-sent event) is applied: same result.
      assertThat(applier.apply(index, profile("A", "ayame", "New", "PRIVATE", 10)))
          .isEqualTo(Outcome.PROCESSED);
      assertThat(applier.apply(index, profile("A", "ayame", "Newer", "PUBLIC", 11)))
          .isEqualTo(Outcome.PROCESSED);
      index.refresh();
      assertThat(handles(index, "ayame", "X")).containsExactly("ayame");
    }
  }

  @Test
  void unusableRecordsArePoisonAndOthersSkipped() throws Exception {
    try (PeopleIndex index = PeopleIndex.open(folder)) {
      for (ConsumerRecord<byte[], byte[]> poison :
          List.of(
              record("A", SocialEvents.PROFILE_UPDATED, "{not json"),
              record("A", SocialEvents.PROFILE_UPDATED, "{\"visibility\": \"PUBLIC\"}"),
              profile("A", "ayame", null, "SECRET", 1),
              profile("A", null, null, "PUBLIC", 1),
              record("A", SocialEvents.USER_DELETED, "{}"),
              record("A", SocialEvents.BLOCKED, "{\"blockerId\": \"A\", \"blockedId\": \"C\"}"),
              record("A", SocialEvents.UNBLOCKED, "[]"))) {
        assertThatThrownBy(() -> applier.apply(index, poison))
            .isInstanceOf(SocialEventApplier.PoisonRecordException.class);
      }
      ConsumerRecord<byte[], byte[]> untyped =
          new ConsumerRecord<>(
              "social.events.v1", 0, 99L, null, "{}".getBytes(StandardCharsets.UTF_8));
      assertThat(applier.apply(index, untyped)).isEqualTo(Outcome.SKIPPED);
      assertThat(applier.apply(index, record("A", "kiroku.social.list-created.v1", "{}")))
          .isEqualTo(Outcome.SKIPPED);
      // A non-public profile needs no handle.
      assertThat(applier.apply(index, profile("A", null, null, "PRIVATE", 1)))
          .isEqualTo(Outcome.PROCESSED);
    }
  }

  @Test
  void deletingAUserErasesTheirTermsAndStoredFieldsFromEverySegment() throws Exception {
    Path at = folder.resolve("erase");
    try (PeopleIndex index = PeopleIndex.open(at)) {
      // One batch: A's documents share a segment with 40 others, so deleting A only marks theirs
      // (a segment mostly deleted would be merged away by the merge policy on its own).
      List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
      batch.add(profile("user-a", "ayame_gone", "Ayame Erased", "PUBLIC", 1));
      batch.add(profile("user-b", "bunta", "Bunta", "PUBLIC", 1));
      batch.add(record("user-a", SocialEvents.BLOCKED, new Blocked("user-a", "user-b", t0)));
      batch.add(record("user-b", SocialEvents.BLOCKED, new Blocked("user-b", "user-a", t0)));
      for (int i = 0; i < 40; i++) {
        batch.add(profile("filler-" + i, "filler_" + i, "Filler " + i, "PUBLIC", 1));
      }
      applyAll(index, batch);
      index.commit();
      List<String> traces = List.of("user-a", "ayame", "erased");

      applier.apply(
          index, record("user-a", SocialEvents.USER_DELETED, new UserDeleted("user-a", t0)));
      assertThat(index.erasurePending()).isTrue();
      // Deleted but not erased yet: Lucene still holds the terms and stored fields.
      assertThat(live(index, traces)).isNotEmpty();

      index.eraseDeleted();
      assertThat(index.erasurePending()).isFalse();
      assertThat(live(index, traces)).isEmpty();
      try (FSDirectory directory = FSDirectory.open(at);
          DirectoryReader committed = DirectoryReader.open(directory)) {
        assertThat(IndexTraces.traces(committed, traces)).isEmpty();
        assertThat(IndexTraces.traces(committed, List.of("user-b", "bunta"))).isNotEmpty();
      }
      assertThat(handles(index, "bunta", "X")).containsExactly("bunta");
    }
  }

  static List<String> live(PeopleIndex index, List<String> needles) throws IOException {
    IndexSearcher searcher = index.acquire();
    try {
      return IndexTraces.traces(searcher.getIndexReader(), needles);
    } finally {
      index.release(searcher);
    }
  }
}
