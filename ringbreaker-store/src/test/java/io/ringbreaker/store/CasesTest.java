package io.ringbreaker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CasesTest {
  static final Instant T = Instant.parse("2025-03-01T12:00:00Z");
  static final Duration LEASE = Duration.ofMinutes(15);

  @TempDir Path dir;

  static CaseUpdate update(String key, String queue, String type, String id, String severity, double priority,
                           int reports, List<String> actions) {
    return new CaseUpdate(key, queue, type, id, severity, actions, true, priority, reports, reports,
        reports > 0 ? List.of("r-" + id) : List.of(), true, Optional.empty(), Optional.empty(),
        List.of(id.toLowerCase()), T);
  }

  static void commit(Store store, CaseUpdate... updates) {
    store.state().commit("engine", 1, StateBatch.EMPTY.withCases(List.of(updates)));
  }

  static SubjectDecision confirm(String type, String id) {
    return new SubjectDecision(type, id, DecisionKind.CONFIRM, "csam.trade_advert", "", List.of());
  }

  static SubjectDecision clear(String type, String id, String reason) {
    return new SubjectDecision(type, id, DecisionKind.CLEAR, "not_violating", reason, List.of());
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void anAccountAndItsItemsFormOneCaseMostUrgentFirst(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Cases cases = db.store.cases();
      commit(db.store,
          update("account:u1", "triage", "account", "u1", "medium", 45, 2, List.of("review")),
          update("account:u2", "child-safety", "account", "u2", "critical", 190, 0, List.of("review", "suspend")),
          update("account:u2", "child-safety", "post", "p9", "critical", 195, 0, List.of("review", "remove")));
      // A verdict below review does not open a case.
      commit(db.store, new CaseUpdate("account:u3", "triage", "account", "u3", "low", List.of("monitor"), false, 10, 0,
          0, List.of(), true, Optional.empty(), Optional.empty(), List.of(), T));

      List<CaseRow> all = cases.list(new CaseQuery(Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty(), 10)).items();
      assertThat(all).extracting(CaseRow::key).containsExactly("account:u2", "account:u1");
      CaseRow u2 = all.getFirst();
      assertThat(u2.subjects()).isEqualTo(2);
      assertThat(u2.severity()).isEqualTo("critical");
      assertThat(u2.queue()).isEqualTo("child-safety");
      assertThat(u2.slaDueAt()).isEqualTo(T.plus(Duration.ofHours(1)));
      assertThat(all.get(1).slaDueAt()).isEqualTo(T.plus(Duration.ofHours(24)));
      assertThat(all.get(1).reports()).isEqualTo(2);
      assertThat(cases.subjects(u2.id())).extracting(CaseSubjectRow::verdictKey).containsExactly("post:p9", "account:u2");

      // Found by a word of its subjects; paged with a cursor.
      assertThat(cases.list(new CaseQuery(Optional.empty(), Optional.empty(), Optional.of("#P9"), Optional.empty(), 10))
          .items()).extracting(CaseRow::key).containsExactly("account:u2");
      Page<CaseRow> first = cases.list(new CaseQuery(Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty(), 1));
      assertThat(cases.list(new CaseQuery(Optional.empty(), Optional.empty(), Optional.empty(), first.next(), 1))
          .items()).extracting(CaseRow::key).containsExactly("account:u1");
      assertThat(cases.queues(T)).extracting(QueueStats::queue, QueueStats::open)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("child-safety", 1L),
              org.assertj.core.groups.Tuple.tuple("triage", 1L));
      assertThat(cases.queues(T.plus(Duration.ofHours(2)))).extracting(QueueStats::slaBreaches).containsExactly(1L, 0L);
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void olderCasesRiseAndClaimNextTakesTheMostUrgent(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Cases cases = db.store.cases();
      CaseUpdate old = update("account:old", "triage", "account", "old", "low", 20, 0, List.of("review"));
      commit(db.store, new CaseUpdate(old.caseKey(), old.queue(), old.subjectType(), old.subjectId(), old.severity(),
          old.actions(), true, old.priority(), 0, 0, List.of(), true, Optional.empty(), Optional.empty(), List.of(),
          T.minus(Duration.ofDays(7))));
      commit(db.store, update("account:new", "triage", "account", "new", "medium", 40, 0, List.of("review")));
      // 7 days × 24 h × 0.25 = 42 points of age: the week-old low case comes first.
      assertThat(cases.claimNext("triage", "alice", T, LEASE)).map(CaseRow::key).contains("account:old");
      assertThat(cases.claimNext("triage", "bob", T, LEASE)).map(CaseRow::key).contains("account:new");
      assertThat(cases.claimNext("triage", "carol", T, LEASE)).isEmpty();
      // Alice's lease ends; Carol can take the case.
      CaseRow taken = cases.claimNext("triage", "carol", T.plus(LEASE), LEASE).orElseThrow();
      assertThat(taken.key()).isEqualTo("account:old");
      assertThat(taken.claimedBy()).contains("carol");
      assertThatThrownBy(() -> cases.claim(taken.id(), "alice", T.plus(LEASE), LEASE))
          .isInstanceOf(CaseException.class).hasMessageContaining("is claimed by carol until");
      assertThatThrownBy(() -> cases.decide(taken.id(), "alice", List.of(confirm("account", "old")), T.plus(LEASE)))
          .isInstanceOf(CaseException.class)
          .hasMessage("alice does not hold the lease on case " + taken.id() + ": it is claimed by carol (claim it first)");
      CaseRow released = cases.release(taken.id(), "carol", T.plus(LEASE));
      assertThat(released.state()).isEqualTo(CaseState.OPEN);
      assertThat(cases.claim(taken.id(), "alice", T.plus(LEASE), LEASE).claimedBy()).contains("alice");
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void concurrentReviewersNeverTakeTheSameCase(Vendor vendor) throws Exception {
    int casesCount = 60;
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      List<CaseUpdate> ups = new ArrayList<>();
      for (int i = 0; i < casesCount; i++) {
        ups.add(update("account:a" + i, "triage", "account", "a" + i, "high", 60 + (i % 7), 0, List.of("review")));
      }
      commit(db.store, ups.toArray(CaseUpdate[]::new));
      int threads = 6;
      int perThread = 15; // 90 attempts for 60 cases: some come back empty
      Set<Long> taken = ConcurrentHashMap.newKeySet();
      List<Long> all = Collections.synchronizedList(new ArrayList<>());
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String reviewer = "reviewer-" + (t % 3);
        futures.add(pool.submit(() -> {
          start.await();
          for (int k = 0; k < perThread; k++) {
            db.store.cases().claimNext("triage", reviewer, T, LEASE).ifPresent(c -> {
              all.add(c.id());
              taken.add(c.id());
            });
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
      assertThat(all).as("every claim a different case").hasSize(taken.size());
      assertThat(taken).hasSize(casesCount);
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void decisionsMoveTheOutboxAndAReportedClearWaitsForALead(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Store store = db.store;
      String suspend = OutboxAction.derivedId("account", "u1", "suspend");
      String remove = OutboxAction.derivedId("post", "p1", "remove");
      String hide = OutboxAction.derivedId("post", "p2", "hide");
      store.outbox().enqueue(List.of(
          OutboxAction.create(suspend, "account", "u1", "suspend", "{}", OutboxState.AWAITING_PERSON, T),
          OutboxAction.create(remove, "post", "p1", "remove", "{}", OutboxState.AWAITING_PERSON, T),
          OutboxAction.create(hide, "post", "p2", "hide", "{}", OutboxState.PENDING, T)));
      commit(store,
          update("account:u1", "child-safety", "account", "u1", "critical", 150, 0, List.of("review", "suspend")),
          update("account:u1", "child-safety", "post", "p1", "critical", 150, 0, List.of("review", "remove")),
          update("account:u1", "triage", "post", "p2", "medium", 50, 3, List.of("review", "hide")));
      CaseRow c = store.cases().claimNext("child-safety", "alice", T, LEASE).orElseThrow();

      // Refused: a subject not in the case, a clear without a reason, a confirm as not_violating.
      assertThatThrownBy(() -> store.cases().decide(c.id(), "alice", List.of(confirm("post", "zz")), T))
          .isInstanceOf(CaseException.class).hasMessageStartingWith("decisions[0].subject: post:zz is not a subject of case");
      assertThatThrownBy(() -> store.cases().decide(c.id(), "alice", List.of(confirm("account", "u1"),
          clear("post", "p2", " ")), T))
          .isInstanceOf(CaseException.class).satisfies(e -> assertThat(((CaseException) e).field())
              .isEqualTo("decisions[1].reason"));
      assertThat(store.cases().decisions(c.id())).as("nothing recorded by a refused decision").isEmpty();

      List<DecisionRow> made = store.cases().decide(c.id(), "alice", List.of(confirm("account", "u1"),
          confirm("post", "p1"), clear("post", "p2", "a holiday photo; the reporters misread the tag")), T);
      assertThat(made).extracting(DecisionRow::state).containsExactly(DecisionRow.State.FINAL, DecisionRow.State.FINAL,
          DecisionRow.State.AWAITING_CONFIRMATION);
      assertThat(store.outbox().get(suspend).orElseThrow().state()).isEqualTo(OutboxState.PENDING);
      assertThat(store.outbox().get(remove).orElseThrow().state()).isEqualTo(OutboxState.PENDING);
      assertThat(store.outbox().get(hide).orElseThrow().state()).as("waits for the lead").isEqualTo(OutboxState.PENDING);
      assertThat(store.cases().get(c.id()).orElseThrow().state()).isEqualTo(CaseState.AWAITING_CONFIRMATION);

      long clearId = made.get(2).id();
      assertThatThrownBy(() -> store.cases().confirm(clearId, "bob", false, T))
          .isInstanceOf(CaseException.class).hasMessage("bob is not a lead: clearing a reported subject needs a lead's confirmation");
      assertThatThrownBy(() -> store.cases().confirm(clearId, "alice", true, T))
          .isInstanceOf(CaseException.class).hasMessage("alice made decision " + clearId + ": a second reviewer must confirm it");
      DecisionRow confirmed = store.cases().confirm(clearId, "lead-lee", true, T);
      assertThat(confirmed.state()).isEqualTo(DecisionRow.State.CONFIRMED);
      assertThat(confirmed.secondReviewer()).contains("lead-lee");
      assertThat(store.outbox().get(hide).orElseThrow().state()).isEqualTo(OutboxState.CANCELLED);
      OutboxAction outcome = store.outbox().list(Optional.empty(), Optional.of("post"), Optional.of("p2"),
          Optional.empty(), 10).items().stream().filter(a -> a.action().equals("report_outcome")).findFirst().orElseThrow();
      assertThat(outcome.state()).isEqualTo(OutboxState.PENDING);
      assertThat(outcome.payloadJson()).contains("\"outcome\":\"no_violation\"", "\"category\":\"not_violating\"",
          "\"report_ids\":[\"r-p2\"]");

      // Two confirmations wait for their feedback; once applied the case is closed.
      assertThat(store.cases().get(c.id()).orElseThrow().state()).isEqualTo(CaseState.DECIDED);
      List<DecisionRow> todo = store.cases().unapplied(100);
      assertThat(todo).extracting(DecisionRow::subjectId).containsExactly("u1", "p1");
      store.cases().applied(todo.stream().map(DecisionRow::id).toList(), T);
      assertThat(store.cases().get(c.id()).orElseThrow().state()).isEqualTo(CaseState.CLOSED);

      // New evidence about a decided subject at the same severity opens nothing; a new item does.
      commit(store, update("account:u1", "child-safety", "account", "u1", "critical", 160, 0, List.of("review")));
      assertThat(store.cases().list(CaseQuery.open("child-safety", 10)).items()).isEmpty();
      commit(store, update("account:u1", "child-safety", "post", "p7", "high", 100, 0, List.of("review")));
      assertThat(store.cases().list(CaseQuery.open("child-safety", 10)).items()).extracting(CaseRow::subjects)
          .containsExactly(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void aLeadWhoRejectsAClearSendsTheCaseBackAndNothingReachesTheReporter(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Store store = db.store;
      commit(store, update("account:u1", "triage", "account", "u1", "medium", 50, 2, List.of("review", "suspend")),
          update("account:u1", "triage", "post", "p1", "medium", 50, 0, List.of("review", "remove")));
      String suspend = OutboxAction.derivedId("account", "u1", "suspend");
      store.outbox().enqueue(List.of(
          OutboxAction.create(suspend, "account", "u1", "suspend", "{}", OutboxState.AWAITING_PERSON, T)));
      CaseRow c = store.cases().claimNext("triage", "alice", T, LEASE).orElseThrow();
      List<DecisionRow> made = store.cases().decide(c.id(), "alice", List.of(clear("account", "u1", "looks fine"),
          confirm("post", "p1")), T);
      long clearId = made.get(0).id();
      assertThatThrownBy(() -> store.cases().reject(clearId, "bob", false, T))
          .isInstanceOf(CaseException.class).hasMessageStartingWith("bob is not a lead");
      assertThatThrownBy(() -> store.cases().reject(clearId, "alice", true, T))
          .isInstanceOf(CaseException.class).hasMessage("alice made decision " + clearId + ": a second reviewer must reject it");

      DecisionRow rejected = store.cases().reject(clearId, "lead-lee", true, T.plusSeconds(60));
      assertThat(rejected.state()).isEqualTo(DecisionRow.State.REJECTED);
      assertThat(rejected.inForce()).isFalse();
      assertThat(rejected.secondReviewer()).contains("lead-lee");
      assertThatThrownBy(() -> store.cases().confirm(clearId, "lead-lee", true, T))
          .isInstanceOf(CaseException.class).hasMessageContaining("is rejected");
      CaseRow back = store.cases().get(c.id()).orElseThrow();
      assertThat(back.state()).isEqualTo(CaseState.OPEN);
      assertThat(back.queue()).isEqualTo("escalated");
      assertThat(back.claimedBy()).isEmpty();
      // The clear never came into force: the suspension still waits for a person, the reporters heard nothing.
      assertThat(store.outbox().get(suspend).orElseThrow().state()).isEqualTo(OutboxState.AWAITING_PERSON);
      assertThat(store.outbox().list(Optional.empty(), Optional.of("account"), Optional.of("u1"), Optional.empty(), 10)
          .items()).noneMatch(a -> a.action().equals("report_outcome"));

      // Decided again, by someone else: the confirmation is in force and the reporters hear "violation".
      CaseRow again = store.cases().claimNext("escalated", "carol", T.plusSeconds(120), LEASE).orElseThrow();
      assertThat(again.id()).isEqualTo(c.id());
      DecisionRow redo = store.cases().decide(c.id(), "carol", List.of(confirm("account", "u1")), T.plusSeconds(180))
          .getFirst();
      assertThat(redo.state()).isEqualTo(DecisionRow.State.FINAL);
      assertThat(store.outbox().get(suspend).orElseThrow().state()).isEqualTo(OutboxState.PENDING);
      assertThat(store.outbox().list(Optional.empty(), Optional.of("account"), Optional.of("u1"), Optional.empty(), 10)
          .items()).filteredOn(a -> a.action().equals("report_outcome")).singleElement()
          .satisfies(a -> assertThat(a.payloadJson()).contains("\"outcome\":\"violation\""));
      assertThat(store.cases().get(c.id()).orElseThrow().state()).isEqualTo(CaseState.DECIDED);
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void aCaseWithARejectedClearStaysOpenWhenTheLeadConfirmsAnotherClear(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Store store = db.store;
      commit(store, update("account:u1", "triage", "account", "u1", "medium", 50, 2, List.of("review")),
          update("account:u1", "triage", "post", "p1", "medium", 50, 1, List.of("review")));
      CaseRow c = store.cases().claimNext("triage", "alice", T, LEASE).orElseThrow();
      List<DecisionRow> made = store.cases().decide(c.id(), "alice", List.of(clear("account", "u1", "fine"),
          clear("post", "p1", "fine too")), T);
      store.cases().reject(made.get(0).id(), "lead-lee", true, T);
      store.cases().confirm(made.get(1).id(), "lead-lee", true, T);
      CaseRow after = store.cases().get(c.id()).orElseThrow();
      assertThat(after.state()).as("u1 still needs a decision").isEqualTo(CaseState.OPEN);
      assertThat(after.queue()).isEqualTo("escalated");
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void aRingDecisionRecordsEveryMemberAndCasesSurviveARestart(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      for (String m : List.of("r1", "r2", "r3")) {
        commit(db.store, new CaseUpdate("account:" + m, "child-safety", "account", m, "high", List.of("review"), true,
            80, 0, 0, List.of(), true, Optional.of("ring-7"), Optional.empty(), List.of(m), T));
      }
      CaseRow c = db.store.cases().claimNext("child-safety", "alice", T, LEASE).orElseThrow();
      assertThat(c.ring()).contains("ring-7");
      List<DecisionRow> made = db.store.cases().decide(c.id(), "alice",
          List.of(new SubjectDecision("ring", "ring-7", DecisionKind.CONFIRM, "solicitation", "", List.of())), T);
      assertThat(made).extracting(DecisionRow::subjectId).containsExactlyInAnyOrder("r1", "r2", "r3");
    }
    // Reopened: every case and decision is still there.
    if (vendor == Vendor.SQLITE) {
      try (Store again = Store.open(TestDatabases.sqliteUrl(dir))) {
        assertThat(again.cases().list(new CaseQuery(Optional.empty(), Optional.of(CaseState.DECIDED), Optional.empty(),
            Optional.empty(), 10)).items()).hasSize(3);
        assertThat(again.cases().unapplied(10)).hasSize(3);
      }
    }
  }
}
