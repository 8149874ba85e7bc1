package io.ringbreaker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.detect.lists.BankFiles;
import io.ringbreaker.detect.lists.ListFiles;
import io.ringbreaker.detect.ring.Ring;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.HashtagOpinion;
import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.Severity;
import io.ringbreaker.model.Signal;
import io.ringbreaker.model.Subject;
import io.ringbreaker.model.TagState;
import io.ringbreaker.model.Verdict;
import io.ringbreaker.policy.RulePolicy;
import io.ringbreaker.policy.SignalKinds;
import io.ringbreaker.sim.SimConfig;
import io.ringbreaker.sim.Simulator;
import io.ringbreaker.sim.Truth;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The people, not the words: rings, evaders, floods and emerging tags on the simulated platform, against its truth. */
class RingIntelligenceTest {

  record Run(Truth truth, Engine engine) {
    Severity severity(String account) {
      return engine.verdict(Subject.account(account)).map(Verdict::severity).orElse(Severity.NONE);
    }

    Optional<String> ring(String account) {
      return engine.verdict(Subject.account(account)).flatMap(Verdict::ring);
    }
  }

  static Run run(long seed) {
    Simulator sim = new Simulator(SimConfig.defaults(seed));
    List<LexiconTerm> lexicon = new ArrayList<>(ListFiles.defaultLexicon());
    lexicon.addAll(ListFiles.readLexicon(new StringReader(Simulator.lexiconCsv()), "lexicon.csv"));
    List<io.ringbreaker.model.BankEntry> bank = new ArrayList<>();
    BankFiles.read(new StringReader(sim.bankCsv()), "bank.csv", BankFiles.Format.CSV, BankFiles.Options.of("known"),
        bank::add);
    Engine engine = new Engine(lexicon, bank, RulePolicy.defaults());
    List<Event> batch = new ArrayList<>();
    for (Iterator<Event> it = sim.events(); it.hasNext(); ) {
      batch.add(it.next());
      if (batch.size() == 500) {
        engine.applyAll(batch);
        batch.clear();
      }
    }
    engine.applyAll(batch);
    engine.recluster();
    return new Run(sim.truth(), engine);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void ringMembersAreFlaggedAndNoFlooderOrLookAlikeIs(long seed) {
    Run r = run(seed);
    List<String> ring = r.truth().ringAccountIds();
    long found = ring.stream().filter(a -> r.severity(a).atLeast(Severity.HIGH)).count();
    List<String> flagged = r.truth().accounts().stream().map(Truth.Account::id)
        .filter(a -> r.severity(a).atLeast(Severity.HIGH)).toList();
    assertThat((double) found / ring.size()).as("recall at high").isGreaterThanOrEqualTo(0.95);
    assertThat((double) found / flagged.size()).as("precision at high").isGreaterThanOrEqualTo(0.98);
    for (Truth.Role role : List.of(Truth.Role.FLOODER, Truth.Role.LOOKALIKE_CARDS, Truth.Role.LOOKALIKE_DOCS)) {
      assertThat(r.truth().withRole(role)).as("%s", role).isNotEmpty()
          .allSatisfy(a -> assertThat(r.severity(a.id())).as("%s %s", role, a.id()).isLessThan(Severity.HIGH));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void membersWhoOnlyMessageAreFoundThroughTheirRing(long seed) {
    Run r = run(seed);
    List<Truth.Account> quiet = r.truth().accounts().stream().filter(Truth.Account::messagingOnly).toList();
    assertThat(quiet).isNotEmpty();
    for (Truth.Account a : quiet) {
      assertThat(r.severity(a.id())).as(a.id()).isGreaterThanOrEqualTo(Severity.HIGH);
      assertThat(r.ring(a.id())).as("ring of %s", a.id()).isPresent();
      // One ring of ours per ring of the truth: the quiet member is in the ring of its fellow members.
      Set<Optional<String>> ringsOfItsRing = r.truth().rings().stream()
          .filter(t -> t.id().equals(a.ring().orElseThrow())).findFirst().orElseThrow()
          .members().stream().map(r::ring).collect(Collectors.toSet());
      assertThat(ringsOfItsRing).containsExactly(r.ring(a.id()));
    }
    Ring any = r.engine().rings().getFirst();
    assertThat(any.bonds()).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void everyEvaderIsLinkedToTheAccountItReplacedAndToItsRing(long seed) {
    Run r = run(seed);
    List<Truth.Suspension> back = r.truth().suspensions().stream().filter(s -> s.evader().isPresent()).toList();
    assertThat(back).isNotEmpty();
    for (Truth.Suspension s : back) {
      String evader = s.evader().get();
      Verdict v = r.engine().verdict(Subject.account(evader)).orElseThrow();
      // Linked to a suspended account of the same ring: the one it replaced, or (when all it reuses
      // is the ring's known media, which every sharer in the ring posts) a fellow member.
      Set<String> suspendedOfItsRing = r.truth().suspensions().stream().filter(x -> x.ring().equals(s.ring()))
          .map(Truth.Suspension::account).collect(Collectors.toSet());
      assertThat(v.signals()).as("evader %s", evader).anySatisfy(sig -> {
        assertThat(sig.kind()).isEqualTo(SignalKinds.EVASION);
        assertThat(suspendedOfItsRing).contains(sig.value());
        assertThat(sig.detail()).containsKey("shared");
      });
      if (!s.reused().equals(List.of("media"))) {
        assertThat(v.signals()).as("evader %s reusing %s", evader, s.reused())
            .anyMatch(sig -> sig.kind().equals(SignalKinds.EVASION) && sig.value().equals(s.account()));
        assertThat(v.reasons()).anyMatch(x -> x.startsWith("came back for suspended account"));
      }
      assertThat(v.ring()).as("ring of evader %s", evader).isPresent().isEqualTo(r.ring(s.account()));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void theListedTagIsSeenFloodedAndTheRingsNewTagsAreProposed(long seed) {
    Run r = run(seed);
    List<HashtagOpinion> tags = r.engine().hashtags();
    assertThat(tags).filteredOn(h -> h.tag().equals(r.truth().listedTag())).singleElement()
        .satisfies(h -> assertThat(h.flooded()).isTrue());
    for (Truth.EmergingTag e : r.truth().emergingTags()) {
      assertThat(tags).as("emerging %s", e.tag()).filteredOn(h -> h.tag().equals(e.tag())).singleElement()
          .satisfies(h -> {
            assertThat(h.matched()).isEmpty();
            assertThat(h.proposedState()).hasValueSatisfying(s -> assertThat(s).isIn(TagState.RESTRICTED, TagState.BLOCKED));
            assertThat(h.proposedAt()).hasValueSatisfying(at -> assertThat(at).isAfterOrEqualTo(e.startedAt()));
            assertThat(h.evidence().orElseThrow().flaggedShare()).isGreaterThanOrEqualTo(0.6);
          });
    }
    Set<String> emerging = r.truth().emergingTags().stream().map(Truth.EmergingTag::tag).collect(Collectors.toSet());
    assertThat(tags).as("only the rings' tags are proposed")
        .filteredOn(h -> h.proposedState().isPresent() && h.matched().isEmpty())
        .allSatisfy(h -> assertThat(emerging).contains(h.tag()));
    // The flood shows in the listed tag's days.
    assertThat(r.engine().series(r.truth().listedTag())).anySatisfy(d -> assertThat(d.floodShare()).isGreaterThan(0.5));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void theTagIsDeadButTheAccountsRemainAndTheReportSaysWhereTheyWent(long seed) {
    Run r = run(seed);
    Engine.Aftermath a = r.engine().aftermath().stream().filter(x -> x.term().equals(r.truth().listedTag()))
        .findFirst().orElseThrow();
    assertThat(a.restrictedAt()).isEqualTo(r.truth().restriction().at());
    Set<String> suspended = r.truth().suspensions().stream().map(Truth.Suspension::account).collect(Collectors.toSet());
    Set<String> emerging = r.truth().emergingTags().stream().map(Truth.EmergingTag::tag).collect(Collectors.toSet());
    List<Engine.Remaining> ringStill = a.remaining().stream()
        .filter(x -> r.truth().account(x.account()).orElseThrow().role() == Truth.Role.RING).toList();
    assertThat(ringStill).isNotEmpty().noneMatch(x -> suspended.contains(x.account()));
    assertThat(ringStill).allSatisfy(x -> assertThat(x.ring()).isPresent());
    assertThat(ringStill).as("they moved to the new tags").anyMatch(x -> x.newTags().stream().anyMatch(emerging::contains));
    assertThat(ringStill).as("and to bios with handles").anyMatch(x -> x.bioChanged() && !x.apps().isEmpty());
  }

  static List<Signal> ringSignals(Verdict v) {
    return v.signals().stream().filter(s -> s.kind().equals(SignalKinds.RING_MEMBER)).toList();
  }
}
