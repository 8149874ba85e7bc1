package io.ringbreaker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JournalTest {
  @TempDir Path dir;

  static final Instant T0 = Instant.parse("2025-03-01T12:00:00.123456Z");

  static JournalRecord record(String id) {
    return new JournalRecord(id, "message", T0, "{\"event_id\":\"" + id + "\",\"text\":\"placeholder\"}");
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void emptyJournal(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Journal journal = db.store.journal();
      assertThat(journal.lastSeq()).isZero();
      assertThat(journal.count()).isZero();
      assertThat(journal.readAfter(0, 10)).isEmpty();
      assertThat(journal.find("nope")).isEmpty();
      assertThat(journal.append(List.of())).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void appendsAndReadsBackInArrivalOrder(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Journal journal = db.store.journal();
      Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
      List<Appended> out = journal.append(List.of(record("e3"), record("e1"), record("e2")));

      assertThat(out).extracting(Appended::eventId).containsExactly("e3", "e1", "e2");
      assertThat(out).noneMatch(Appended::duplicate);
      assertThat(out.get(1).seq()).isEqualTo(out.get(0).seq() + 1);
      assertThat(out.get(2).seq()).isEqualTo(out.get(1).seq() + 1);

      List<JournalEntry> read = journal.readAfter(0, 10);
      assertThat(read).extracting(JournalEntry::eventId).containsExactly("e3", "e1", "e2");
      assertThat(read).extracting(JournalEntry::seq).containsExactlyElementsOf(out.stream().map(Appended::seq).toList());
      JournalEntry first = read.get(0);
      assertThat(first.type()).isEqualTo("message");
      assertThat(first.occurredAt()).isEqualTo(T0);
      assertThat(first.json()).isEqualTo(record("e3").json());
      assertThat(first.receivedAt()).isBetween(before, Instant.now());

      assertThat(journal.lastSeq()).isEqualTo(out.get(2).seq());
      assertThat(journal.count()).isEqualTo(3);
      assertThat(journal.find("e1")).contains(read.get(1));
      assertThat(journal.find("e9")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void repeatsWithinOneBatchAreStoredOnce(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Journal journal = db.store.journal();
      JournalRecord a = record("a");
      JournalRecord aAgain = new JournalRecord("a", "message", T0, "{\"different\":true}");
      List<Appended> out = journal.append(List.of(a, record("b"), aAgain, a));

      assertThat(out).extracting(Appended::duplicate).containsExactly(false, false, true, true);
      assertThat(out.get(2).seq()).isEqualTo(out.get(0).seq());
      assertThat(out.get(3).seq()).isEqualTo(out.get(0).seq());
      assertThat(journal.count()).isEqualTo(2);
      assertThat(journal.find("a").orElseThrow().json()).isEqualTo(a.json());
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void repeatsAcrossBatchesKeepTheFirstRow(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Journal journal = db.store.journal();
      List<Appended> first = journal.append(List.of(record("a"), record("b")));
      JournalRecord bAgain = new JournalRecord("b", "report", T0.plusSeconds(5), "{\"second\":true}");
      List<Appended> second = journal.append(List.of(bAgain, record("c")));

      assertThat(second.get(0)).isEqualTo(new Appended("b", first.get(1).seq(), true));
      assertThat(second.get(1).duplicate()).isFalse();
      assertThat(second.get(1).seq()).isGreaterThan(first.get(1).seq());
      assertThat(journal.find("b").orElseThrow().json()).isEqualTo(record("b").json());
      assertThat(journal.readAfter(0, 10)).extracting(JournalEntry::eventId).containsExactly("a", "b", "c");

      // A batch of nothing but duplicates stores nothing.
      assertThat(journal.append(List.of(record("a"), record("c")))).allMatch(Appended::duplicate);
      assertThat(journal.count()).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void readAfterHonoursPositionAndLimit(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Journal journal = db.store.journal();
      List<JournalRecord> records = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        records.add(record("r" + i));
      }
      List<Appended> out = journal.append(records);

      List<JournalEntry> firstThree = journal.readAfter(0, 3);
      assertThat(firstThree).extracting(JournalEntry::eventId).containsExactly("r0", "r1", "r2");
      List<JournalEntry> rest = journal.readAfter(firstThree.get(2).seq(), 100);
      assertThat(rest).extracting(JournalEntry::eventId)
          .containsExactly("r3", "r4", "r5", "r6", "r7", "r8", "r9");
      assertThat(journal.readAfter(out.get(9).seq(), 10)).isEmpty();
      assertThat(journal.readAfter(out.get(4).seq(), 1)).extracting(JournalEntry::eventId).containsExactly("r5");
      assertThatThrownBy(() -> journal.readAfter(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void largeBatchesWithDuplicatesOfEarlierRows(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Journal journal = db.store.journal();
      List<JournalRecord> first = new ArrayList<>();
      for (int i = 0; i < 1500; i++) {
        first.add(record("x" + i));
      }
      journal.append(first);
      // 2,500 records: every third one already journaled, spread over several lookup chunks.
      List<JournalRecord> second = new ArrayList<>();
      for (int i = 0; i < 2500; i++) {
        second.add(record(i % 3 == 0 && i < 1500 ? "x" + i : "y" + i));
      }
      List<Appended> out = journal.append(second);

      for (int i = 0; i < 2500; i++) {
        boolean old = i % 3 == 0 && i < 1500;
        assertThat(out.get(i).duplicate()).as("record %d", i).isEqualTo(old);
        assertThat(out.get(i).seq()).isEqualTo(journal.find(out.get(i).eventId()).orElseThrow().seq());
      }
      assertThat(journal.count()).isEqualTo(1500 + 2500 - 500);
      List<JournalEntry> all = journal.readAfter(0, 10_000);
      assertThat(all).hasSize(3500);
      assertThat(all).extracting(JournalEntry::seq).isSorted().doesNotHaveDuplicates();
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void journaledEventsSurviveReopening(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      db.store.journal().append(List.of(record("kept")));
      try (Store again = Store.open(db.url)) {
        assertThat(again.journal().find("kept")).isPresent();
        assertThat(again.journal().append(List.of(record("kept"))).get(0).duplicate()).isTrue();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void instantsAreStoredToTheMicrosecond(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Instant precise = Instant.parse("2025-03-01T12:00:00.123456789Z");
      Instant old = Instant.parse("1969-07-20T20:17:40.000001Z");
      db.store.journal().append(List.of(
          new JournalRecord("p", "message", precise, "{}"), new JournalRecord("o", "message", old, "{}")));
      assertThat(db.store.journal().find("p").orElseThrow().occurredAt())
          .isEqualTo(Instant.parse("2025-03-01T12:00:00.123456Z"));
      assertThat(db.store.journal().find("o").orElseThrow().occurredAt()).isEqualTo(old);
    }
  }
}
