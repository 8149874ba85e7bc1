package io.ringbreaker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuditLogTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void entriesChainFromTheGenesisHash(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      AuditLog audit = db.store.audit();
      assertThat(audit.verify()).isEqualTo(AuditLog.Verification.ok(0));

      AuditEntry first = audit.append("alice", "login.ok", "user:alice", "{}");
      AuditEntry second = audit.append("api-key:platform", "action.approve", "a1", "{\"state\":\"pending\"}");

      assertThat(first.seq()).isEqualTo(1);
      assertThat(first.prevHash()).isEqualTo("0".repeat(64));
      assertThat(first.hash()).matches("[0-9a-f]{64}")
          .isEqualTo(AuditEntry.chainHash("0".repeat(64), 1, first.at().getEpochSecond() * 1_000_000
              + first.at().getNano() / 1000, "alice", "login.ok", "user:alice", "{}"));
      assertThat(second.seq()).isEqualTo(2);
      assertThat(second.prevHash()).isEqualTo(first.hash());
      assertThat(audit.verify().ok()).isTrue();
      assertThat(audit.verify().describe()).isEqualTo("ok: 2 entries");

      List<AuditEntry> exported = new ArrayList<>();
      audit.export(exported::add);
      assertThat(exported).containsExactly(first, second);
      assertThat(audit.count()).isEqualTo(2);

      assertThatThrownBy(() -> audit.append("alice", "x", "t", "not json"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("detailJson is not JSON");
      assertThatThrownBy(() -> audit.append("alice", "x", "t", "42"))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("detailJson must be a JSON object or array, got: 42");
      assertThatThrownBy(() -> audit.append(" ", "x", "t", "{}"))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("actor must not be blank");
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void listIsNewestFirstFilteredAndPaged(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      AuditLog audit = db.store.audit();
      for (int i = 1; i <= 7; i++) {
        audit.append(i % 2 == 0 ? "bob" : "alice", i <= 3 ? "media.reveal" : "case.decide", "case:" + (i % 3), "{}");
      }
      Page<AuditEntry> p1 = audit.list(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 3);
      assertThat(p1.items()).extracting(AuditEntry::seq).containsExactly(7L, 6L, 5L);
      Page<AuditEntry> p2 = audit.list(Optional.empty(), Optional.empty(), Optional.empty(), p1.next(), 3);
      assertThat(p2.items()).extracting(AuditEntry::seq).containsExactly(4L, 3L, 2L);
      Page<AuditEntry> p3 = audit.list(Optional.empty(), Optional.empty(), Optional.empty(), p2.next(), 3);
      assertThat(p3.items()).extracting(AuditEntry::seq).containsExactly(1L);
      assertThat(p3.next()).isEmpty();

      assertThat(audit.list(Optional.of("alice"), Optional.of("case.decide"), Optional.empty(), Optional.empty(), 10)
          .items()).extracting(AuditEntry::seq).containsExactly(7L, 5L);
      assertThat(audit.list(Optional.empty(), Optional.empty(), Optional.of("case:0"), Optional.empty(), 10)
          .items()).extracting(AuditEntry::seq).containsExactly(6L, 3L);
      assertThatThrownBy(() -> audit.list(Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.of("garbage!"), 10)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("invalid audit cursor \"garbage!\"");
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void appendsFromManyThreadsFormOneChain(Vendor vendor) throws Exception {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      int threads = 8;
      int each = 25;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          work.add(pool.submit(() -> {
            for (int i = 0; i < each; i++) {
              db.store.audit().append("user-" + thread, "case.decide", "case:" + i, "{\"n\":" + i + "}");
            }
          }));
        }
        for (Future<?> f : work) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      AuditLog.Verification v = db.store.audit().verify();
      assertThat(v.describe()).isEqualTo("ok: " + threads * each + " entries");
      List<Long> seqs = new ArrayList<>();
      db.store.audit().export(e -> seqs.add(e.seq()));
      assertThat(seqs).hasSize(threads * each).doesNotHaveDuplicates().isSorted();
      assertThat(seqs.get(seqs.size() - 1)).isEqualTo(threads * each);
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void theDatabaseRefusesUpdateAndDelete(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      db.store.audit().append("alice", "login.ok", "user:alice", "{}");

      assertThatThrownBy(() -> db.sql("UPDATE audit_log SET actor = 'mallory'"))
          .hasMessageContaining("audit_log is append-only: UPDATE refused");
      assertThatThrownBy(() -> db.sql("DELETE FROM audit_log"))
          .hasMessageContaining("audit_log is append-only: DELETE refused");
      if (vendor == Vendor.POSTGRES) {
        assertThatThrownBy(() -> db.sql("TRUNCATE audit_log"))
            .hasMessageContaining("audit_log is append-only: TRUNCATE refused");
      }
      assertThat(db.store.audit().verify().describe()).isEqualTo("ok: 1 entry");
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void tamperingIsFoundAtItsSeq(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      AuditLog audit = db.store.audit();
      for (int i = 1; i <= 5; i++) {
        audit.append("alice", "media.reveal", "media:" + i, "{}");
      }
      // Someone with database rights turns the guard off and rewrites history.
      allowTampering(db);
      db.sql("UPDATE audit_log SET actor = 'bob' WHERE seq = 3");
      AuditLog.Verification v = audit.verify();
      assertThat(v.ok()).isFalse();
      assertThat(v.brokenSeq()).hasValue(3);
      assertThat(v.entries()).isEqualTo(2);
      assertThat(v.describe()).isEqualTo("broken at seq 3: hash does not match the entry's contents");

      // Recomputing the changed entry's hash moves the break to the next link.
      AuditEntry e3 = list(audit).get(2);
      db.sql("UPDATE audit_log SET hash = '" + AuditEntry.chainHash(e3.prevHash(), 3, e3.at().getEpochSecond()
          * 1_000_000 + e3.at().getNano() / 1000, "bob", e3.action(), e3.target(), e3.detailJson())
          + "' WHERE seq = 3");
      assertThat(audit.verify().describe()).isEqualTo("broken at seq 4: prev_hash does not link to the hash of entry 3");

      db.sql("DELETE FROM audit_log WHERE seq >= 3");
      assertThat(audit.verify().describe())
          .isEqualTo("broken at seq 3: entries 3 to 5 are missing (the chain's head is at seq 5)");
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void aMissingEntryInTheMiddleIsFound(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      for (int i = 1; i <= 4; i++) {
        db.store.audit().append("system", "policy.change", "policy", "{}");
      }
      allowTampering(db);
      db.sql("DELETE FROM audit_log WHERE seq = 2");
      assertThat(db.store.audit().verify().describe()).isEqualTo("broken at seq 2: entry 2 is missing (the next is 3)");
    }
  }

  private static List<AuditEntry> list(AuditLog audit) {
    List<AuditEntry> out = new ArrayList<>();
    audit.export(out::add);
    return out;
  }

  private static void allowTampering(OpenStore db) {
    if (db.vendor == Vendor.POSTGRES) {
      db.sql("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
    } else {
      db.sql("DROP TRIGGER audit_log_no_update");
      db.sql("DROP TRIGGER audit_log_no_delete");
    }
  }
}
