package dev.kiroku.platform.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroku.platform.batch.GroupCommit.Outcome;
import dev.kiroku.platform.problem.ProblemException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The group commit on its own, with a writer the test controls: the progress PUT tests
 * (PutGroupCommitTest, PutQueueFullTest) and the social follow tests run it against PostgreSQL.
 */
class GroupCommitTest {

  /** A writer whose batches end when the test says: answers each write with "w:" + write. */
  private static final class HeldWriter implements GroupCommit.Writer<String, String> {
    final List<List<String>> batches = new CopyOnWriteArrayList<>();
    final List<UniEmitter<? super List<Outcome<String>>>> pending = new CopyOnWriteArrayList<>();

    @Override
    public Uni<List<Outcome<String>>> write(List<String> batch) {
      batches.add(batch);
      return Uni.createFrom().emitter(pending::add);
    }

    void finish(int i) {
      List<Outcome<String>> out = new ArrayList<>();
      for (String w : batches.get(i)) {
        out.add(
            w.startsWith("bad")
                ? Outcome.failed(new IllegalArgumentException(w))
                : Outcome.of("w:" + w));
      }
      pending.get(i).complete(out);
    }
  }

  private static GroupCommit<String, String> commits(
      GroupCommit.Writer<String, String> writer,
      int batchSize,
      int capacity,
      SimpleMeterRegistry metrics) {
    return new GroupCommit<>(
        "test writes",
        "kiroku.test",
        writer,
        w -> "one shard",
        failure -> failure instanceof IllegalStateException,
        limits(batchSize, capacity),
        metrics);
  }

  private static GroupCommit.Limits limits(int batchSize, int capacity) {
    return new GroupCommit.Limits() {
      @Override
      public int writers() {
        return 1;
      }

      @Override
      public int batchSize() {
        return batchSize;
      }

      @Override
      public int queueCapacity() {
        return capacity;
      }
    };
  }

  private static CompletableFuture<String> submit(GroupCommit<String, String> commits, String w) {
    return commits.submit(w).subscribeAsCompletionStage();
  }

  @Test
  void writesArrivingWhileABatchRunsShareTheNextTransactionAndEachGetsItsOwnAnswer()
      throws Exception {
    HeldWriter writer = new HeldWriter();
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    GroupCommit<String, String> commits = commits(writer, 3, 100, metrics);

    CompletableFuture<String> first = submit(commits, "a");
    assertThat(writer.batches).containsExactly(List.of("a")); // alone at once: no waiting
    List<CompletableFuture<String>> waiting = new ArrayList<>();
    for (String w : List.of("b", "bad-c", "d", "e")) {
      waiting.add(submit(commits, w));
    }
    assertThat(writer.batches).hasSize(1); // one transaction at a time per shard
    assertThat(first).isNotDone();

    writer.finish(0);
    assertThat(first.get(1, TimeUnit.SECONDS)).isEqualTo("w:a");
    assertThat(writer.batches).hasSize(2);
    assertThat(writer.batches.get(1)).containsExactly("b", "bad-c", "d"); // batch size 3

    writer.finish(1);
    assertThat(waiting.get(0).get(1, TimeUnit.SECONDS)).isEqualTo("w:b");
    assertThatThrownBy(() -> waiting.get(1).get(1, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad-c");
    assertThat(waiting.get(2).get(1, TimeUnit.SECONDS)).isEqualTo("w:d");
    assertThat(writer.batches.get(2)).containsExactly("e");
    writer.finish(2);
    assertThat(waiting.get(3).get(1, TimeUnit.SECONDS)).isEqualTo("w:e");

    var sizes = metrics.get("kiroku.test.batch.size").summary();
    assertThat(sizes.count()).isEqualTo(3);
    assertThat(sizes.totalAmount()).isEqualTo(5);
  }

  @Test
  void aFullQueueRefusesAtOnceWith503AndRetryAfter() throws Exception {
    HeldWriter writer = new HeldWriter();
    GroupCommit<String, String> commits = commits(writer, 10, 2, new SimpleMeterRegistry());

    CompletableFuture<String> running = submit(commits, "a"); // taken: the queue is empty again
    CompletableFuture<String> q1 = submit(commits, "b");
    CompletableFuture<String> q2 = submit(commits, "c");
    CompletableFuture<String> refused = submit(commits, "d");

    assertThatThrownBy(() -> refused.get(1, TimeUnit.SECONDS))
        .cause()
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> {
              assertThat(p.errorCode().status()).isEqualTo(503);
              assertThat(p.retryAfterSeconds()).isEqualTo(1);
            });
    writer.finish(0);
    writer.finish(1);
    assertThat(running.get(1, TimeUnit.SECONDS)).isEqualTo("w:a");
    assertThat(List.of(q1.get(1, TimeUnit.SECONDS), q2.get(1, TimeUnit.SECONDS)))
        .containsExactly("w:b", "w:c");
  }

  @Test
  void aBatchThatRollsBackRunsAgainOneWriteAtATimeRetryingOnlyWhatRetryAloneAccepts()
      throws Exception {
    List<List<String>> calls = new CopyOnWriteArrayList<>();
    List<String> flaky = new CopyOnWriteArrayList<>(List.of("flaky"));
    GroupCommit.Writer<String, String> writer =
        batch -> {
          calls.add(batch);
          if (batch.size() > 1) {
            return Uni.createFrom().failure(new RuntimeException("deadlock detected"));
          }
          String w = batch.get(0);
          if (w.equals("broken")) {
            return Uni.createFrom().failure(new RuntimeException("constraint violated"));
          }
          if (flaky.remove(w)) {
            return Uni.createFrom().failure(new IllegalStateException("concurrent insert"));
          }
          return Uni.createFrom().item(List.of(Outcome.of("w:" + w)));
        };
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    HeldWriter gate = new HeldWriter();
    // hold the shard with a first batch so that the three below form one batch
    GroupCommit<String, String> commits =
        commits(
            batch -> batch.get(0).equals("gate") ? gate.write(batch) : writer.write(batch),
            10,
            100,
            metrics);
    CompletableFuture<String> gated = submit(commits, "gate");
    CompletableFuture<String> ok = submit(commits, "ok");
    CompletableFuture<String> broken = submit(commits, "broken");
    CompletableFuture<String> retried = submit(commits, "flaky");
    gate.finish(0);

    assertThat(gated.get(1, TimeUnit.SECONDS)).isEqualTo("w:gate");
    assertThat(ok.get(1, TimeUnit.SECONDS)).isEqualTo("w:ok");
    assertThatThrownBy(() -> broken.get(1, TimeUnit.SECONDS))
        .hasMessageContaining("constraint violated");
    assertThat(retried.get(1, TimeUnit.SECONDS)).isEqualTo("w:flaky");
    assertThat(calls)
        .containsExactly(
            List.of("ok", "broken", "flaky"),
            List.of("ok"),
            List.of("broken"), // not retried: retryAlone refuses it
            List.of("flaky"),
            List.of("flaky"));
    assertThat(metrics.get("kiroku.test.batch.fallbacks").counter().count()).isEqualTo(1);
  }
}
