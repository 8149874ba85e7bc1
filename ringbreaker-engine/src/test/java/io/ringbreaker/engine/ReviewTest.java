package io.ringbreaker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringbreaker.detect.lists.BankFiles;
import io.ringbreaker.detect.lists.ListFiles;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.HashType;
import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.TagState;
import io.ringbreaker.model.contract.EventParser;
import io.ringbreaker.model.contract.ParseResult;
import io.ringbreaker.sim.SimConfig;
import io.ringbreaker.sim.Simulator;
import io.ringbreaker.sim.Truth;
import io.ringbreaker.store.CaseException;
import io.ringbreaker.store.CaseQuery;
import io.ringbreaker.store.CaseRow;
import io.ringbreaker.store.CaseState;
import io.ringbreaker.store.CaseSubjectRow;
import io.ringbreaker.store.CaseUpdate;
import io.ringbreaker.store.DecisionKind;
import io.ringbreaker.store.DecisionRow;
import io.ringbreaker.store.OutboxAction;
import io.ringbreaker.store.OutboxState;
import io.ringbreaker.store.StateBatch;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.SubjectDecision;
import io.ringbreaker.store.TestDatabases;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cases from the pipeline, decisions and their feedback, on both databases. */
class ReviewTest {
  static final String PDQ = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
  static final Duration LEASE = Duration.ofMinutes(15);

  @TempDir Path dir;

  @Test
  void simulatedScanGroupsEachRingAccountWithItsItemsOnSqlite() {
    simulatedScan(TestDatabases.sqliteUrl(dir));
  }

  @Test
  void simulatedScanGroupsEachRingAccountWithItsItemsOnPostgres() {
    try (var schema = TestDatabases.postgresSchema()) {
      simulatedScan(schema.url());
    }
  }

  @Test
  void decisionsReachTheOutboxAndFeedTheListsOnSqlite() {
    decisionsAndFeedback(TestDatabases.sqliteUrl(dir));
  }

  @Test
  void decisionsReachTheOutboxAndFeedTheListsOnPostgres() {
    try (var schema = TestDatabases.postgresSchema()) {
      decisionsAndFeedback(schema.url());
    }
  }

  @Test
  void anAppealGoesToAnotherReviewerAndItsOutcomeToThePlatform() {
    Instant now = Instant.now();
    List<BankEntry> bank = List.of(BankEntry.of("known", HashType.PDQ, PDQ, "synthetic-1"));
    try (Store store = Store.open(TestDatabases.sqliteUrl(dir));
         DurablePipeline p = DurablePipeline.open(store, List.of(), bank, false)) {
      Review review = Review.open(p);
      p.appendNow(List.of(event("{\"event_id\":\"e1\",\"type\":\"post\",\"occurred_at\":\"2019-01-02T09:00:00Z\","
          + "\"actor\":\"u1\",\"post\":{\"id\":\"p1\",\"text\":\"new\",\"media\":[{\"id\":\"m1\",\"pdq\":\"" + PDQ
          + "\",\"pdq_quality\":100}]}}")));
      p.processAvailable();
      CaseRow c = review.claimNext("child-safety", "alice", now, LEASE).orElseThrow();
      review.decide(c.id(), "alice", List.of(confirm("account", "u1")), now);

      p.appendNow(List.of(event("{\"event_id\":\"e2\",\"type\":\"appeal\",\"occurred_at\":\"2019-01-03T09:00:00Z\","
          + "\"actor\":\"u1\",\"appeal\":{\"id\":\"a1\",\"target_type\":\"account\",\"target_id\":\"u1\","
          + "\"action\":\"suspend\",\"text\":\"placeholder\"}}")));
      p.processAvailable();
      List<CaseRow> appeals = all(store, Optional.of(CaseState.OPEN)).stream()
          .filter(x -> x.queue().equals("appeals")).toList();
      assertThat(appeals).extracting(CaseRow::key).containsExactly("appeal:account:u1");

      CaseRow byAlice = review.claimNext("appeals", "alice", now, LEASE).orElseThrow();
      assertThatThrownBy(() -> review.decide(byAlice.id(), "alice", List.of(new SubjectDecision("account", "u1",
          DecisionKind.CLEAR, SubjectDecision.NOT_VIOLATING, "the appeal is right", List.of())), now))
          .isInstanceOf(CaseException.class).hasMessageContaining("someone other than who decided the action: alice");
      review.release(byAlice.id(), "alice", now);

      CaseRow byBob = review.claimNext("appeals", "bob", now, LEASE).orElseThrow();
      review.decide(byBob.id(), "bob", List.of(new SubjectDecision("account", "u1", DecisionKind.CONFIRM, "csam.known",
          "the action stands", List.of())), now);
      List<OutboxAction> upheld = store.outbox().list(Optional.empty(), Optional.of("account"), Optional.of("u1"),
          Optional.empty(), 100).items().stream().filter(a -> a.action().equals("uphold")).toList();
      assertThat(upheld).singleElement().satisfies(a -> {
        assertThat(a.state()).isEqualTo(OutboxState.PENDING);
        assertThat(a.payloadJson()).contains("\"decided_by\":\"bob\"").contains("the action stands");
      });
    }
  }

  private static void simulatedScan(String url) {
    Simulator sim = new Simulator(SimConfig.defaults(4));
    List<LexiconTerm> lexicon = ListFiles.readLexicon(new StringReader(Simulator.lexiconCsv()), "lexicon.csv");
    List<BankEntry> bank = new ArrayList<>();
    BankFiles.read(new StringReader(sim.bankCsv()), "bank.csv", BankFiles.Format.CSV, BankFiles.Options.of("known"),
        bank::add);
    List<Event> events = new ArrayList<>();
    sim.events().forEachRemaining(events::add);
    Truth truth = sim.truth();
    Map<Long, List<CaseSubjectRow>> before = new HashMap<>();
    try (Store store = Store.open(url);
         DurablePipeline p = DurablePipeline.open(store, lexicon, bank, false)) {
      p.appendNow(events);
      p.processAvailable();
      p.recluster();
      List<CaseRow> open = all(store, Optional.of(CaseState.OPEN));
      assertThat(open).as("cases opened by the scan").isNotEmpty();
      int ringCasesWithItems = 0;
      for (CaseRow c : open) {
        List<CaseSubjectRow> subjects = store.cases().subjects(c.id());
        before.put(c.id(), subjects);
        for (CaseSubjectRow s : subjects) {
          if (s.author().isPresent()) {
            assertThat(c.key()).as("item %s joins its author's case", s.verdictKey())
                .isEqualTo("account:" + s.author().get());
          }
        }
        boolean ringAccount = truth.ringAccountIds().contains(c.key().substring("account:".length()));
        if (ringAccount && subjects.stream().anyMatch(s -> s.author().isPresent())
            && subjects.stream().anyMatch(s -> s.subjectType().equals("account"))) {
          ringCasesWithItems++;
        }
      }
      assertThat(ringCasesWithItems).as("ring accounts' cases hold the account and its items").isPositive();
      // One active case per key.
      assertThat(open.stream().map(CaseRow::key).distinct().count()).isEqualTo(open.size());
      assertThat(open).anySatisfy(c -> assertThat(c.ring()).isPresent());
      // Most urgent first: a critical case is never behind a lower one opened at the same time.
      assertThat(open.getFirst().severity()).isEqualTo("critical");
    }
    // Restart: every case is still there, with its subjects.
    try (Store store = Store.open(url);
         DurablePipeline p = DurablePipeline.open(store, List.of(), List.of(), false)) {
      for (Map.Entry<Long, List<CaseSubjectRow>> e : before.entrySet()) {
        assertThat(store.cases().subjects(e.getKey())).containsExactlyInAnyOrderElementsOf(e.getValue());
      }
    }
  }

  private static List<CaseRow> all(Store store, Optional<CaseState> state) {
    List<CaseRow> out = new ArrayList<>();
    Optional<String> after = Optional.empty();
    do {
      var page = store.cases().list(new CaseQuery(Optional.empty(), state, Optional.empty(), after, 1000));
      out.addAll(page.items());
      after = page.next();
    } while (after.isPresent());
    return out;
  }

  private static void decisionsAndFeedback(String url) {
    Instant now = Instant.now();
    List<BankEntry> bank = List.of(BankEntry.of("known", HashType.PDQ, PDQ, "synthetic-1"));
    long unappliedCase;
    try (Store store = Store.open(url);
         DurablePipeline p = DurablePipeline.open(store, List.of(), bank, false)) {
      Review review = Review.open(p);
      p.appendNow(List.of(
          event("{\"event_id\":\"e1\",\"type\":\"post\",\"occurred_at\":\"2019-01-02T09:00:00Z\",\"actor\":\"u1\","
              + "\"post\":{\"id\":\"p1\",\"text\":\"new\",\"media\":[{\"id\":\"m1\",\"pdq\":\"" + PDQ
              + "\",\"pdq_quality\":100}]}}"),
          event("{\"event_id\":\"e2\",\"type\":\"post\",\"occurred_at\":\"2019-01-02T09:01:00Z\",\"actor\":\"u9\","
              + "\"post\":{\"id\":\"p9\",\"text\":\"my folder https://www.dropbox.com/sh/abc123def/AAB?dl=0\"}}"),
          event("{\"event_id\":\"e3\",\"type\":\"report\",\"occurred_at\":\"2019-01-02T09:02:00Z\",\"actor\":\"u31\","
              + "\"report\":{\"id\":\"r1\",\"target_type\":\"account\",\"target_id\":\"u9\",\"reason\":\"child_safety\"}}")));
      p.processAvailable();

      List<CaseRow> open = all(store, Optional.of(CaseState.OPEN));
      assertThat(open).extracting(CaseRow::key).containsExactly("account:u1", "account:u9");
      CaseRow critical = open.get(0);
      CaseRow reported = open.get(1);
      assertThat(critical.severity()).isEqualTo("critical");
      assertThat(critical.queue()).isEqualTo("child-safety");
      assertThat(reported.reports()).isEqualTo(1);
      assertThat(critical.priorityAt(now)).isGreaterThan(reported.priorityAt(now));
      assertThat(store.cases().subjects(critical.id())).extracting(CaseSubjectRow::verdictKey)
          .containsExactlyInAnyOrder("account:u1", "post:p1");

      // Decisions need the lease.
      assertThatThrownBy(() -> review.decide(critical.id(), "alice", List.of(confirm("account", "u1")), now))
          .isInstanceOf(CaseException.class).hasMessageContaining("alice does not hold the lease");
      assertThat(review.claimNext("child-safety", "alice", now, LEASE)).map(CaseRow::id).contains(critical.id());
      assertThatThrownBy(() -> review.decide(critical.id(), "alice", List.of(new SubjectDecision("account", "u1",
          DecisionKind.CONFIRM, "csam.known", "", List.of("explode"))), now))
          .isInstanceOf(CaseException.class).hasMessageStartingWith("decisions[0].actions: unknown action 'explode'");
      List<DecisionRow> made = review.decide(critical.id(), "alice",
          List.of(new SubjectDecision("account", "u1", DecisionKind.CONFIRM, "csam.known", "", List.of("suspend")),
              new SubjectDecision("post", "p1", DecisionKind.CONFIRM, "csam.known", "", List.of("remove"))), now);
      assertThat(made).hasSize(2);
      assertThat(state(store, "account", "u1", "suspend")).isEqualTo(OutboxState.PENDING);
      assertThat(state(store, "post", "p1", "remove")).isEqualTo(OutboxState.PENDING);
      // Feedback: the matched hash is in the confirmed bank, the account seeds the ring finder.
      assertThat(store.lists().bank(Review.CONFIRMED_BANK)).isPresent();
      assertThat(store.lists().bankEntries()).anySatisfy(e -> {
        assertThat(e.bank()).isEqualTo(Review.CONFIRMED_BANK);
        assertThat(e.hash()).isEqualTo(PDQ);
        assertThat(e.label()).isEqualTo("csam.known");
      });
      assertThat(p.engine().confirmedSeeds()).contains("u1");
      assertThat(store.cases().get(critical.id()).orElseThrow().state()).isEqualTo(CaseState.CLOSED);

      // A reported account cleared: it waits for a lead, then its actions are cancelled and the reporter told.
      CaseRow r = review.claimNext(reported.queue(), "alice", now, LEASE).orElseThrow();
      assertThat(r.id()).isEqualTo(reported.id());
      DecisionRow clear = review.decide(r.id(), "alice", List.of(new SubjectDecision("account", "u9",
          DecisionKind.CLEAR, "not_violating", "a photographer's public portfolio", List.of())), now).getFirst();
      assertThat(clear.state()).isEqualTo(DecisionRow.State.AWAITING_CONFIRMATION);
      assertThat(reportOutcomes(store, "u9")).isEmpty();
      review.confirm(clear.id(), "lead-lee", true, now);
      List<OutboxAction> outcomes = reportOutcomes(store, "u9");
      assertThat(outcomes).hasSize(1);
      assertThat(outcomes.getFirst().state()).isEqualTo(OutboxState.PENDING);
      assertThat(outcomes.getFirst().payloadJson()).contains("\"outcome\":\"no_violation\"", "\"report_ids\":[\"r1\"]");

      // A hashtag case: confirmed, the tag is blocked in the lexicon.
      store.state().commit("engine", p.processedSeq(), StateBatch.EMPTY.withCases(List.of(new CaseUpdate(
          "hashtag:dropboxboys", "hashtags", "hashtag", "dropboxboys", "high", List.of("review"), true, 70, 0, 0,
          List.of(), true, Optional.empty(), Optional.empty(), List.of("dropboxboys"), now))));
      CaseRow tag = review.claimNext("hashtags", "alice", now, LEASE).orElseThrow();
      review.decide(tag.id(), "alice", List.of(new SubjectDecision("hashtag", "dropboxboys", DecisionKind.CONFIRM,
          "csam.trade_advert", "", List.of())), now);
      assertThat(p.engine().lexicon().term("dropboxboys")).map(LexiconTerm::state).contains(TagState.BLOCKED);

      // A confirmation stored but not applied (a crash in between) is applied when the review opens again.
      store.state().commit("engine", p.processedSeq(), StateBatch.EMPTY.withCases(List.of(new CaseUpdate(
          "account:u77", "triage", "account", "u77", "high", List.of("review"), true, 70, 0, 0,
          List.of(), true, Optional.empty(), Optional.empty(), List.of("u77"), now))));
      CaseRow c77 = store.cases().claimNext("triage", "bob", now, LEASE).orElseThrow();
      store.cases().decide(c77.id(), "bob", List.of(confirm("account", "u77")), now);
      unappliedCase = c77.id();
      assertThat(store.cases().get(unappliedCase).orElseThrow().state()).isEqualTo(CaseState.DECIDED);
    }
    try (Store store = Store.open(url);
         DurablePipeline p = DurablePipeline.open(store, List.of(), List.of(), false)) {
      assertThat(p.engine().confirmedSeeds()).contains("u1");
      assertThat(p.engine().lexicon().term("dropboxboys")).map(LexiconTerm::state).contains(TagState.BLOCKED);
      Review.open(p);
      assertThat(p.engine().confirmedSeeds()).contains("u1", "u77");
      assertThat(store.cases().get(unappliedCase).orElseThrow().state()).isEqualTo(CaseState.CLOSED);
      assertThat(all(store, Optional.empty())).hasSize(4);
    }
  }

  private static SubjectDecision confirm(String type, String id) {
    return new SubjectDecision(type, id, DecisionKind.CONFIRM, "csam.known", "", List.of());
  }

  private static OutboxState state(Store store, String type, String id, String action) {
    return store.outbox().get(PlatformActions.actionId(type, id, action)).orElseThrow().state();
  }

  private static List<OutboxAction> reportOutcomes(Store store, String account) {
    return store.outbox().list(Optional.empty(), Optional.of("account"), Optional.of(account), Optional.empty(), 100)
        .items().stream().filter(a -> a.action().equals("report_outcome")).toList();
  }

  private static Event event(String json) {
    if (EventParser.parse(json) instanceof ParseResult.Accepted a) {
      return a.event();
    }
    throw new IllegalArgumentException("test event does not parse: " + EventParser.parse(json));
  }
}
