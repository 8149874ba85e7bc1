package io.ringbreaker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The evidence store on each database: sealed, content-addressed, retained, held, deleted on record. */
class EvidenceTest {
  private static final Instant T = Instant.parse("2026-01-10T10:00:00Z");
  private static final Duration YEAR = Evidence.MIN_RETENTION;
  private static final byte[] EVENT = "{\"event_id\":\"e1\",\"type\":\"post\",\"text\":\"placeholder\"}"
      .getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  private EvidenceKeys keys() {
    return EvidenceKeys.ensure(dir.resolve("evidence-keys"));
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void preservedEvidenceIsSealedAndOpensOnlyWithItsKey(Vendor vendor) throws Exception {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Evidence ev = db.store.evidence();
      EvidenceItem item = ev.preserve(keys(), "account", "u1", "event", "e1", EVENT, T, YEAR);
      assertThat(item.digest()).isEqualTo(SqlEvidence.sha256(EVENT));
      assertThat(item.size()).isEqualTo(EVENT.length);
      assertThat(item.retainUntil()).isEqualTo(T.plus(YEAR));
      assertThat(ev.open(keys(), item.id())).isEqualTo(EVENT);

      // What the database holds is not the event: the placeholder text is nowhere in it.
      byte[] stored = db.store.db().read("raw", c -> {
        try (PreparedStatement ps = c.prepareStatement("SELECT ciphertext FROM evidence_blobs");
             ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getBytes(1);
        }
      });
      assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("placeholder");

      EvidenceKeys other = EvidenceKeys.parse(List.of("other " + Base64.getEncoder().encodeToString(new byte[32])), "x");
      assertThatThrownBy(() -> ev.open(other, item.id())).isInstanceOf(StoreException.class)
          .hasMessageContaining("not in the key file");
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void theSameContentIsSealedOnceAndPreservingTwiceKeepsOneItem(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Evidence ev = db.store.evidence();
      EvidenceItem a = ev.preserve(keys(), "account", "u1", "event", "e1", EVENT, T, YEAR);
      EvidenceItem again = ev.preserve(keys(), "account", "u1", "event", "e1", EVENT, T.plusSeconds(5), YEAR);
      EvidenceItem b = ev.preserve(keys(), "post", "p1", "event", "e1", EVENT, T, YEAR);
      assertThat(again.id()).isEqualTo(a.id());
      assertThat(b.id()).isNotEqualTo(a.id());
      assertThat(b.digest()).isEqualTo(a.digest());
      long blobs = db.store.db().read("count", c -> {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM evidence_blobs");
             ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      });
      assertThat(blobs).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void alteredCiphertextDoesNotOpen(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Evidence ev = db.store.evidence();
      EvidenceItem a = ev.preserve(keys(), "account", "u1", "event", "e1", EVENT, T, YEAR);
      db.store.db().write("tamper", c -> {
        try (PreparedStatement ps = c.prepareStatement("SELECT ciphertext FROM evidence_blobs")) {
          byte[] ct;
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            ct = rs.getBytes(1);
          }
          ct[3] ^= 1;
          try (PreparedStatement up = c.prepareStatement("UPDATE evidence_blobs SET ciphertext = ?")) {
            up.setBytes(1, ct);
            return up.executeUpdate();
          }
        }
      });
      assertThatThrownBy(() -> ev.open(keys(), a.id())).hasMessageContaining("does not verify");
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void retentionEndsButALegalHoldKeepsAndLawfulDeletionIsRecorded(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Evidence ev = db.store.evidence();
      EvidenceItem held = ev.preserve(keys(), "account", "u1", "event", "e1", EVENT, T, YEAR);
      EvidenceItem expiring = ev.preserve(keys(), "account", "u2", "event", "e2", "other".getBytes(), T, YEAR);
      EvidenceItem asked = ev.preserve(keys(), "account", "u3", "event", "e3", "third".getBytes(), T.plusSeconds(10), YEAR);
      assertThat(ev.hold(held.id(), "case 2026-0142")).isTrue();

      assertThat(ev.purgeExpired(T.plus(YEAR).minusSeconds(1))).isZero();
      assertThat(ev.purgeExpired(T.plus(YEAR))).isEqualTo(1);
      assertThat(ev.item(expiring.id()).orElseThrow().deletedReason()).contains("retention ended");
      assertThatThrownBy(() -> ev.open(keys(), expiring.id())).hasMessageContaining("was deleted");
      assertThat(ev.open(keys(), held.id())).isEqualTo(EVENT);

      assertThatThrownBy(() -> ev.delete(held.id(), "court order 7", T)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("under legal hold (case 2026-0142)");
      assertThat(ev.release(held.id())).isTrue();
      assertThat(ev.delete(held.id(), "court order 7", T)).isTrue();
      assertThat(ev.item(held.id()).orElseThrow().deletedReason()).contains("court order 7");
      assertThatThrownBy(() -> ev.delete(asked.id(), " ", T)).hasMessageContaining("needs a reason");
      assertThat(ev.counts()).containsEntry("kept", 1L).containsEntry("deleted", 2L);
    }
  }

  @Test
  void retentionUnderAYearIsRefused() {
    try (OpenStore db = OpenStore.open(Vendor.SQLITE, dir)) {
      assertThatThrownBy(() -> db.store.evidence().preserve(keys(), "account", "u1", "event", "e1", EVENT, T,
          Duration.ofDays(90))).hasMessageContaining("under the one year");
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void aRotatedKeyStillOpensAndRekeySealsWithTheNewOne(Vendor vendor) throws Exception {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Evidence ev = db.store.evidence();
      EvidenceKeys old = keys();
      EvidenceItem a = ev.preserve(old, "account", "u1", "event", "e1", EVENT, T, YEAR);
      Path file = dir.resolve("evidence-keys");
      byte[] fresh = new byte[32];
      fresh[0] = 7;
      Files.writeString(file, "k2 " + Base64.getEncoder().encodeToString(fresh) + "\n" + Files.readString(file));
      EvidenceKeys rotated = EvidenceKeys.ensure(file);
      assertThat(rotated.activeKeyId()).isEqualTo("k2");
      assertThat(ev.open(rotated, a.id())).isEqualTo(EVENT);
      assertThat(ev.rekey(rotated)).isEqualTo(1);
      assertThat(ev.rekey(rotated)).isZero();
      EvidenceKeys onlyNew = EvidenceKeys.parse(List.of("k2 " + Base64.getEncoder().encodeToString(fresh)), "x");
      assertThat(ev.open(onlyNew, a.id())).isEqualTo(EVENT);
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void requestsCommittedWithStateArePendingUntilDoneAndAskingAgainKeepsThemPending(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      PreservationRequest r1 = new PreservationRequest("account", "u1", T, "policy default/3");
      db.store.state().commit("engine", 5, StateBatch.EMPTY.withPreservations(List.of(r1)));
      assertThat(db.store.evidence().pending(10)).containsExactly(r1);
      PreservationRequest r2 = new PreservationRequest("account", "u1", T.plusSeconds(60), "policy default/3");
      db.store.evidence().request(List.of(r2));
      db.store.evidence().requestDone(r1, T.plusSeconds(61));
      assertThat(db.store.evidence().pending(10)).containsExactly(r2);
      db.store.evidence().requestDone(r2, T.plusSeconds(62));
      assertThat(db.store.evidence().pending(10)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void aRequestsPiecesAreKeptAndTheRequestDoneInOneGo(Vendor vendor) throws Exception {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Evidence ev = db.store.evidence();
      byte[] verdict = "{\"subject\":{\"type\":\"account\",\"id\":\"u1\"}}".getBytes(StandardCharsets.UTF_8);
      PreservationRequest r1 = new PreservationRequest("account", "u1", T, "policy default/3");
      ev.request(List.of(r1));
      List<EvidenceItem> kept = ev.preserveAll(keys(), r1, List.of(new Evidence.Piece("event", "e1", EVENT),
          new Evidence.Piece("event", "e2", "other".getBytes(StandardCharsets.UTF_8)),
          new Evidence.Piece("verdict", "default/3", verdict)), T.plusSeconds(1), YEAR);
      assertThat(kept).extracting(EvidenceItem::kind, EvidenceItem::sourceId).containsExactly(
          org.assertj.core.groups.Tuple.tuple("event", "e1"), org.assertj.core.groups.Tuple.tuple("event", "e2"),
          org.assertj.core.groups.Tuple.tuple("verdict", "default/3"));
      assertThat(ev.open(keys(), kept.get(2).id())).isEqualTo(verdict);
      assertThat(ev.pending(10)).isEmpty();

      // Asked again meanwhile: the same pieces come back as the items kept before, and the later
      // request stays pending until it is preserved itself.
      PreservationRequest r2 = new PreservationRequest("account", "u1", T.plusSeconds(60), "policy default/3");
      ev.request(List.of(r2));
      List<EvidenceItem> again = ev.preserveAll(keys(), r1, List.of(new Evidence.Piece("event", "e1", EVENT)),
          T.plusSeconds(61), YEAR);
      assertThat(again).extracting(EvidenceItem::id).containsExactly(kept.getFirst().id());
      assertThat(ev.pending(10)).containsExactly(r2);
      assertThat(ev.preserveAll(keys(), r2, List.of(), T.plusSeconds(62), YEAR)).isEmpty();
      assertThat(ev.pending(10)).isEmpty();
      assertThat(ev.items("account", "u1")).hasSize(3);

      assertThatThrownBy(() -> ev.preserveAll(keys(), r2, List.of(), T, Duration.ofDays(30)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("evidence retention of 30 days is under the one year the law asks for (365 days)");
    }
  }

  @Test
  void keyFilesThatDoNotReadNameTheLine() throws Exception {
    Path f = dir.resolve("keys");
    Files.writeString(f, "# comment\nk1 notbase64!!\n");
    assertThatThrownBy(() -> EvidenceKeys.ensure(f)).hasMessage(f + ":2: key 'k1' is not base64");
    Files.writeString(f, "k1 " + Base64.getEncoder().encodeToString(new byte[16]) + "\n");
    assertThatThrownBy(() -> EvidenceKeys.ensure(f)).hasMessage(f + ":1: key 'k1' is 16 bytes; AES-256 needs 32");
    Path made = dir.resolve("made/evidence-keys");
    EvidenceKeys k = EvidenceKeys.ensure(made);
    assertThat(Files.getPosixFilePermissions(made)).hasSize(2);
    assertThat(EvidenceKeys.ensure(made).activeKeyId()).isEqualTo(k.activeKeyId());
  }
}
