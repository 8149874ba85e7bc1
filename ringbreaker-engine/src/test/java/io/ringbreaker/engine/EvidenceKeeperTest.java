package io.ringbreaker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.HashType;
import io.ringbreaker.store.Evidence;
import io.ringbreaker.store.EvidenceItem;
import io.ringbreaker.store.EvidenceKeys;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keeper preserves what the policy asks for: each event once, new ones as the subject gains them. */
class EvidenceKeeperTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-10T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  static String knownImagePost(String eventId, String postId, String minute) {
    return "{\"event_id\":\"" + eventId + "\",\"type\":\"post\",\"occurred_at\":\"2019-01-02T09:" + minute + ":00Z\","
        + "\"actor\":\"u1\",\"post\":{\"id\":\"" + postId + "\",\"text\":\"new\",\"media\":[{\"id\":\"m-" + postId
        + "\",\"pdq\":\"" + EngineTest.PDQ + "\",\"pdq_quality\":100}]}}";
  }

  @Test
  void eachEventIsKeptOnceAndAnEventTheSubjectGainsJoinsWhenItIsAskedForAgain() {
    EvidenceKeys keys = EvidenceKeys.ensure(dir.resolve("evidence-keys"));
    try (Store store = Store.open(TestDatabases.sqliteUrl(dir));
         DurablePipeline p = DurablePipeline.open(store, List.of(),
             List.of(BankEntry.of("known", HashType.PDQ, EngineTest.PDQ, "synthetic-1")), false)) {
      EvidenceKeeper keeper = new EvidenceKeeper(store, keys, Evidence.MIN_RETENTION, CLOCK);
      p.appendNow(List.of(EngineTest.event(knownImagePost("e1", "p1", "00"))));
      p.processAvailable();
      assertThat(keeper.preservePending()).isPositive();
      assertThat(store.evidence().pending(10)).isEmpty();
      List<EvidenceItem> first = store.evidence().items("account", "u1");
      assertThat(first).filteredOn(i -> i.kind().equals("event")).extracting(EvidenceItem::sourceId)
          .containsExactly("e1");
      assertThat(first).filteredOn(i -> i.kind().equals("verdict")).hasSize(1);

      // A second known image: u1's verdict changes and asks again; e1 is not kept twice, e2 joins.
      p.appendNow(List.of(EngineTest.event(knownImagePost("e2", "p2", "05"))));
      p.processAvailable();
      assertThat(store.evidence().pending(10)).extracting(r -> r.subjectType() + ":" + r.subjectId())
          .contains("account:u1");
      while (keeper.preservePending() > 0) {
        // until every request is worked off
      }
      List<EvidenceItem> second = store.evidence().items("account", "u1");
      assertThat(second).filteredOn(i -> i.kind().equals("event")).extracting(EvidenceItem::sourceId)
          .containsExactly("e1", "e2");
      assertThat(second).filteredOn(i -> i.kind().equals("event")).first().isEqualTo(first.getFirst());
      long e2 = second.stream().filter(i -> i.sourceId().equals("e2")).findFirst().orElseThrow().id();
      assertThat(new String(store.evidence().open(keys, e2), StandardCharsets.UTF_8)).contains("\"event_id\":\"e2\"");
      assertThat(second).filteredOn(i -> i.kind().equals("verdict")).hasSize(2);
      assertThat(store.evidence().pending(10)).isEmpty();
    }
  }
}
