package io.ringbreaker.store;

import static io.ringbreaker.store.JournalTest.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JournalWriterTest {
  // Generous bound on waits: a hung future fails the test instead of hanging the build.
  private static final long WAIT_S = 60;

  @TempDir Path dir;

  static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(WAIT_S, TimeUnit.SECONDS);
  }

  /** Fails the first batch's listener until released, holding the writer thread. */
  static final class Gate implements Runnable {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger commits = new AtomicInteger();

    @Override
    public void run() {
      if (commits.incrementAndGet() == 1) {
        entered.countDown();
        try {
          release.await(WAIT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void manyConcurrentSubmittersEachEventJournaledOnce(Vendor vendor) throws Exception {
    int threads = 16;
    int perThread = 500;
    try (OpenStore db = OpenStore.open(vendor, dir);
        JournalWriter writer = new JournalWriter(db.store.journal(), 500, 100_000)) {
      AtomicInteger afterCommit = new AtomicInteger();
      writer.addListener(afterCommit::incrementAndGet);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<List<Appended>>> acks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        acks.add(pool.submit(() -> {
          List<CompletableFuture<Appended>> mine = new ArrayList<>();
          for (int i = 0; i < perThread; i++) {
            // Every 10th event is submitted by every thread: the platform retried it.
            String id = i % 10 == 0 ? "shared-" + i : "t" + thread + "-" + i;
            if (i % 50 == 25) {
              writer.submitAll(List.of(record(id), record(id + "-pair"))).join().forEach(a ->
                  mine.add(CompletableFuture.completedFuture(a)));
            } else {
              mine.add(writer.submit(record(id)));
            }
          }
          List<Appended> done = new ArrayList<>();
          for (CompletableFuture<Appended> f : mine) {
            done.add(f.get(WAIT_S, TimeUnit.SECONDS));
          }
          return done;
        }));
      }
      List<Appended> all = new ArrayList<>();
      for (Future<List<Appended>> f : acks) {
        all.addAll(f.get(WAIT_S, TimeUnit.SECONDS));
      }
      pool.shutdown();

      Map<String, Long> seqById = new HashMap<>();
      Map<String, Integer> storedCount = new HashMap<>();
      for (Appended a : all) {
        Long seq = seqById.putIfAbsent(a.eventId(), a.seq());
        assertThat(seq == null ? a.seq() : seq).as("seq of %s", a.eventId()).isEqualTo(a.seq());
        storedCount.merge(a.eventId(), a.duplicate() ? 0 : 1, Integer::sum);
      }
      assertThat(storedCount).allSatisfy((id, n) -> assertThat(n).as("stored acks of %s", id).isEqualTo(1));

      Journal journal = db.store.journal();
      List<JournalEntry> entries = journal.readAfter(0, 100_000);
      assertThat(entries).hasSize(seqById.size());
      assertThat(entries).extracting(JournalEntry::eventId).doesNotHaveDuplicates();
      assertThat(entries).extracting(JournalEntry::seq).isSorted();
      for (JournalEntry e : entries) {
        assertThat(seqById).containsEntry(e.eventId(), e.seq());
      }
      assertThat(journal.count()).isEqualTo(seqById.size());
      assertThat(afterCommit.get()).isPositive();
    }
  }

  @Test
  void callersBatchesStayTogetherAndShareCommitsUpToMaxBatch() throws Exception {
    try (OpenStore db = OpenStore.open(Vendor.SQLITE, dir);
        JournalWriter writer = new JournalWriter(db.store.journal(), 10, 100)) {
      Gate gate = new Gate();
      writer.addListener(gate);
      CompletableFuture<Appended> first = writer.submit(record("first"));
      assertThat(gate.entered.await(WAIT_S, TimeUnit.SECONDS)).isTrue();

      List<JournalRecord> six = new ArrayList<>();
      List<JournalRecord> sixMore = new ArrayList<>();
      List<JournalRecord> twelve = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        if (i < 6) {
          six.add(record("a" + i));
          sixMore.add(record("b" + i));
        }
        twelve.add(record("c" + i));
      }
      CompletableFuture<List<Appended>> a = writer.submitAll(six);
      CompletableFuture<List<Appended>> b = writer.submitAll(sixMore);
      CompletableFuture<Appended> one = writer.submit(record("one"));
      CompletableFuture<List<Appended>> c = writer.submitAll(twelve);
      assertThat(writer.queued()).isEqualTo(25);
      gate.release.countDown();

      await(first);
      assertThat(await(a)).extracting(Appended::eventId).containsExactly("a0", "a1", "a2", "a3", "a4", "a5");
      assertThat(await(b)).hasSize(6);
      assertThat(await(one).duplicate()).isFalse();
      assertThat(await(c)).extracting(Appended::seq).isSorted().hasSize(12);
      // Batches: [first], [six] (six + six > 10), [sixMore, one], [twelve] (larger than maxBatch, kept whole).
      writer.close();
      assertThat(gate.commits.get()).isEqualTo(4);
      assertThat(writer.queued()).isZero();
    }
  }

  @Test
  void fullQueueFailsFastInsteadOfBlocking() throws Exception {
    try (OpenStore db = OpenStore.open(Vendor.SQLITE, dir);
        JournalWriter writer = new JournalWriter(db.store.journal(), 100, 5)) {
      Gate gate = new Gate();
      writer.addListener(gate);
      CompletableFuture<Appended> first = writer.submit(record("first"));
      assertThat(gate.entered.await(WAIT_S, TimeUnit.SECONDS)).isTrue();

      CompletableFuture<List<Appended>> four =
          writer.submitAll(List.of(record("q1"), record("q2"), record("q3"), record("q4")));
      CompletableFuture<Appended> fifth = writer.submit(record("q5"));
      assertThatThrownBy(() -> writer.submit(record("q6")))
          .isInstanceOf(StoreException.class)
          .hasMessage("journal queue full");
      assertThatThrownBy(() -> writer.submitAll(List.of(record("r1"), record("r2"), record("r3"),
              record("r4"), record("r5"), record("r6"))))
          .isInstanceOf(StoreException.class)
          .hasMessage("journal submission of 6 records exceeds the queue capacity of 5");

      gate.release.countDown();
      await(first);
      assertThat(await(four)).hasSize(4);
      await(fifth);
      assertThat(await(writer.submit(record("q6"))).duplicate()).isFalse();
      assertThat(db.store.journal().find("q6")).isPresent();
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void failedBatchFailsItsFuturesAndTheWriterRecovers(Vendor vendor) throws Exception {
    try (OpenStore db = OpenStore.open(vendor, dir);
        JournalWriter writer = new JournalWriter(db.store.journal(), 100, 1000)) {
      await(writer.submit(record("before")));
      db.sql("ALTER TABLE journal RENAME TO journal_away");

      CompletableFuture<Appended> lost1 = writer.submit(record("during-1"));
      CompletableFuture<List<Appended>> lost2 = writer.submitAll(List.of(record("during-2"), record("during-3")));
      for (CompletableFuture<?> f : List.of(lost1, lost2)) {
        assertThatThrownBy(() -> await(f))
            .isInstanceOf(ExecutionException.class)
            .cause()
            .isInstanceOf(StoreException.class)
            .hasMessageStartingWith("journal append of ")
            .hasMessageContaining(" failed on " + db.store.describe() + ": ")
            .hasMessageContaining("journal");
      }

      db.sql("ALTER TABLE journal_away RENAME TO journal");
      Appended after = await(writer.submit(record("after")));
      assertThat(after.duplicate()).isFalse();
      assertThat(db.store.journal().readAfter(0, 10)).extracting(JournalEntry::eventId)
          .containsExactly("before", "after");
    }
  }

  @Test
  void droppedPostgresSchemaFailsFuturesWithAClearMessage() throws Exception {
    try (OpenStore db = OpenStore.open(Vendor.POSTGRES, dir);
        JournalWriter writer = new JournalWriter(db.store.journal(), 100, 1000)) {
      await(writer.submit(record("before")));
      db.sql("DROP SCHEMA " + db.url.substring(db.url.indexOf("currentSchema=") + "currentSchema=".length())
          + " CASCADE");
      CompletableFuture<Appended> lost = writer.submit(record("lost"));
      assertThatThrownBy(() -> await(lost))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(StoreException.class)
          .hasMessageStartingWith("journal append of 1 record(s) failed on " + db.store.describe() + ": ")
          .hasMessageContaining("\"journal\" does not exist");
    }
  }

  @Test
  void closedStoreFailsFuturesAndClosedWriterRefusesSubmissions() throws Exception {
    OpenStore db = OpenStore.open(Vendor.SQLITE, dir);
    JournalWriter writer = new JournalWriter(db.store.journal(), 100, 1000);
    db.close();
    assertThatThrownBy(() -> await(writer.submit(record("x"))))
        .cause()
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("store is closed: SQLite ");
    writer.close();
    assertThatThrownBy(() -> writer.submit(record("y")))
        .isInstanceOf(StoreException.class)
        .hasMessage("journal writer is closed");
  }

  @Test
  void closeAppendsEverythingAlreadyQueued() throws Exception {
    try (OpenStore db = OpenStore.open(Vendor.SQLITE, dir)) {
      JournalWriter writer = new JournalWriter(db.store.journal(), 7, 10_000);
      List<CompletableFuture<Appended>> acks = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        acks.add(writer.submit(record("q" + i)));
      }
      writer.close();
      for (CompletableFuture<Appended> f : acks) {
        assertThat(f).isCompleted();
        assertThat(f.join().duplicate()).isFalse();
      }
      assertThat(db.store.journal().count()).isEqualTo(300);
    }
  }
}
