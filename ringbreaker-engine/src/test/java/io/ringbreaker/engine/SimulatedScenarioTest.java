package io.ringbreaker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.detect.lists.ListFiles;
import io.ringbreaker.detect.text.Hashtags;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.EventBody;
import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.Severity;
import io.ringbreaker.model.Subject;
import io.ringbreaker.model.Verdict;
import io.ringbreaker.policy.RulePolicy;
import io.ringbreaker.sim.SimConfig;
import io.ringbreaker.sim.Simulator;
import io.ringbreaker.sim.Truth;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The text signals on the simulated platform, judged against the simulator's truth. */
class SimulatedScenarioTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void everyDisguisedAdvertiserIsLinkedToTheListedTermAndNoLookAlikeReachesHigh(long seed) {
    Simulator sim = new Simulator(SimConfig.defaults(seed));
    Truth truth = sim.truth();
    List<LexiconTerm> lexicon = new ArrayList<>(ListFiles.defaultLexicon());
    lexicon.addAll(ListFiles.readLexicon(new StringReader(Simulator.lexiconCsv()), "lexicon.csv"));
    Engine engine = new Engine(lexicon, List.of(), RulePolicy.defaults());

    Set<String> disguises = truth.disguises().stream().map(d -> Hashtags.fold(d.spelling())).collect(Collectors.toSet());
    Set<String> advertisedWithDisguise = new HashSet<>();
    for (Iterator<Event> it = sim.events(); it.hasNext(); ) {
      Event e = it.next();
      if (e.body() instanceof EventBody.Post p) {
        List<String> tags = p.hashtags().orElseGet(() -> p.text().map(t -> Hashtags.find(t).stream()
            .map(Hashtags.Found::raw).toList()).orElse(List.of()));
        if (tags.stream().map(Hashtags::fold).anyMatch(disguises::contains)) {
          advertisedWithDisguise.add(e.actor());
        }
      }
      engine.apply(e);
    }

    assertThat(advertisedWithDisguise).as("the scenario advertises with disguises").isNotEmpty();
    for (String account : advertisedWithDisguise) {
      Verdict v = engine.verdict(Subject.account(account)).orElseThrow();
      assertThat(v.signals()).as("account %s", account)
          .anySatisfy(s -> {
            assertThat(s.kind()).isEqualTo("hashtag.lexicon");
            assertThat(s.detail()).containsEntry("term", truth.listedTag());
            assertThat(disguises).contains(s.value());
          });
    }
    for (Truth.Role role : List.of(Truth.Role.LOOKALIKE_CARDS, Truth.Role.LOOKALIKE_DOCS)) {
      assertThat(truth.withRole(role)).as("the scenario has %s", role).isNotEmpty();
      for (Truth.Account a : truth.withRole(role)) {
        Severity s = engine.verdict(Subject.account(a.id())).map(Verdict::severity).orElse(Severity.NONE);
        assertThat(s).as("%s %s", role, a.id()).isLessThan(Severity.HIGH);
      }
    }
  }
}
