package io.ringbreaker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The queue overview ({@code GET /v1/queues}) counted in the database, field by field. */
class SqlCasesQueuesTest {
  /** The moment the overview is asked for. */
  static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  static final Duration LEASE = Duration.ofMinutes(15);

  @TempDir Path dir;

  /** Opens case {@code account:<id>} at {@code now - ago}; SLA from severity: critical 1 h, high 4 h, medium 24 h, low 72 h. */
  static long open(Store store, String queue, String id, String severity, int reports, Duration ago) {
    store.state().commit("engine", 1, StateBatch.EMPTY.withCases(List.of(new CaseUpdate("account:" + id, queue,
        "account", id, severity, List.of("review"), true, 50, reports, reports,
        reports > 0 ? List.of("r-" + id) : List.of(), true, Optional.empty(), Optional.empty(), List.of(id),
        NOW.minus(ago)))));
    return store.cases().list(new CaseQuery(Optional.empty(), Optional.empty(), Optional.of(id), Optional.empty(), 2))
        .items().getFirst().id();
  }

  static SubjectDecision decision(String id, DecisionKind kind) {
    return new SubjectDecision("account", id, kind, kind == DecisionKind.CONFIRM ? "solicitation" : "not_violating",
        "looked at it", List.of());
  }

  /** Claims the case at {@code at} and decides its one subject. */
  static void decide(Store store, long caseId, String id, DecisionKind kind, Instant at) {
    store.cases().claim(caseId, "alice", at, LEASE);
    store.cases().decide(caseId, "alice", List.of(decision(id, kind)), at);
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void eachQueueCountsItsActiveCasesTheOldestOpenOneAndItsSlaBreaches(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Store store = db.store;
      Duration h = Duration.ofHours(1);

      // triage
      open(store, "triage", "a1", "medium", 0, h.multipliedBy(30));          // open, due 6 h ago: breach
      open(store, "triage", "a2", "low", 0, h.multipliedBy(2));              // open, due in 70 h
      open(store, "triage", "a8", "low", 0, h.multipliedBy(72));             // open, due exactly now: no breach; the oldest open
      long a3 = open(store, "triage", "a3", "high", 0, h.multipliedBy(80));  // claimed, lease running; due 76 h ago: breach
      store.cases().claim(a3, "alice", NOW, LEASE);
      long a4 = open(store, "triage", "a4", "critical", 0, h.multipliedBy(3)); // claimed, lease ended 45 min ago; breach
      store.cases().claim(a4, "bob", NOW.minus(h), LEASE);
      long a5 = open(store, "triage", "a5", "medium", 1, h);                  // reported, cleared: awaiting a lead; due in 23 h
      decide(store, a5, "a5", DecisionKind.CLEAR, NOW);
      long a6 = open(store, "triage", "a6", "low", 0, h.multipliedBy(100));  // confirmed: decided, not counted
      decide(store, a6, "a6", DecisionKind.CONFIRM, NOW.minus(h.multipliedBy(90)));
      long a7 = open(store, "triage", "a7", "low", 0, h.multipliedBy(200));  // cleared without reports: closed, not counted
      decide(store, a7, "a7", DecisionKind.CLEAR, NOW.minus(h.multipliedBy(190)));
      // child-safety
      open(store, "child-safety", "c1", "critical", 0, Duration.ofMinutes(30)); // open, due in 30 min
      long c2 = open(store, "child-safety", "c2", "high", 2, h.multipliedBy(10)); // awaiting a lead, due 6 h ago: breach
      decide(store, c2, "c2", DecisionKind.CLEAR, NOW.minus(h.multipliedBy(9)));
      // escalated: escalating moves the case there, open again
      long e1 = open(store, "triage", "e1", "medium", 0, h.multipliedBy(48)); // due 24 h ago: breach
      decide(store, e1, "e1", DecisionKind.ESCALATE, NOW.minus(h));
      // hashtags: only a decided case, so no line at all
      long h1 = open(store, "hashtags", "h1", "low", 0, h.multipliedBy(5));
      decide(store, h1, "h1", DecisionKind.CONFIRM, NOW.minus(h));

      assertThat(store.cases().queues(NOW)).containsExactly(
          new QueueStats("child-safety", 1, 0, 1, Optional.of(NOW.minus(Duration.ofMinutes(30))), 1),
          new QueueStats("escalated", 1, 0, 0, Optional.of(NOW.minus(h.multipliedBy(48))), 1),
          new QueueStats("triage", 3, 2, 1, Optional.of(NOW.minus(h.multipliedBy(72))), 3));

      // An hour later a8 (due now) and c1 (due in 30 min) are past their SLA too.
      assertThat(store.cases().queues(NOW.plus(h))).extracting(QueueStats::queue, QueueStats::slaBreaches)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("child-safety", 2L),
              org.assertj.core.groups.Tuple.tuple("escalated", 1L), org.assertj.core.groups.Tuple.tuple("triage", 4L));

      // A queue whose cases are all claimed has no oldest open case.
      long only = open(store, "appeals", "p1", "low", 0, h);
      store.cases().claim(only, "carol", NOW, LEASE);
      assertThat(store.cases().queues(NOW)).filteredOn(q -> q.queue().equals("appeals"))
          .containsExactly(new QueueStats("appeals", 0, 1, 0, Optional.empty(), 0));

      // The baselines of bench queue give the same answer.
      assertThat(QueueBench.queuesWithoutIndex(store, NOW)).isEqualTo(store.cases().queues(NOW));
      assertThat(QueueBench.queuesInJava(store, NOW)).isEqualTo(store.cases().queues(NOW));
    }
  }
}
