package io.ringbreaker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.detect.lists.BankFiles;
import io.ringbreaker.detect.lists.ListFiles;
import io.ringbreaker.detect.ring.Ring;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.HashtagOpinion;
import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.Subject;
import io.ringbreaker.model.Verdict;
import io.ringbreaker.sim.SimConfig;
import io.ringbreaker.sim.Simulator;
import io.ringbreaker.sim.Truth;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.TestDatabases;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ring intelligence lives in the store: a restart picks up the graph, the rings and the tag trends where they were. */
class RingStateRestartTest {

  @Test
  void onSqlite(@TempDir Path dir) {
    restartsWhereItWas(TestDatabases.sqliteUrl(dir));
  }

  @Test
  void onPostgres() {
    TestDatabases.assumePostgres();
    try (var schema = TestDatabases.postgresSchema()) {
      restartsWhereItWas(schema.url());
    }
  }

  private static void restartsWhereItWas(String url) {
    Simulator sim = new Simulator(SimConfig.defaults(4));
    List<LexiconTerm> lexicon = ListFiles.readLexicon(new StringReader(Simulator.lexiconCsv()), "lexicon.csv");
    List<BankEntry> bank = new ArrayList<>();
    BankFiles.read(new StringReader(sim.bankCsv()), "bank.csv", BankFiles.Format.CSV, BankFiles.Options.of("known"),
        bank::add);
    List<Event> events = new ArrayList<>();
    sim.events().forEachRemaining(events::add);
    int half = events.size() * 2 / 3;

    Set<Set<String>> ringsBefore;
    List<HashtagOpinion> tagsBefore;
    double tieBefore;
    Truth truth = sim.truth();
    String a = truth.rings().getFirst().members().get(0);
    String b = truth.rings().getFirst().members().get(1);
    try (Store store = Store.open(url);
         DurablePipeline p = DurablePipeline.open(store, lexicon, bank, false)) {
      p.appendNow(events.subList(0, half));
      p.processAvailable();
      assertThat(p.engine().rings()).isNotEmpty();
      ringsBefore = memberships(p.engine().rings());
      tagsBefore = p.engine().hashtags();
      tieBefore = p.engine().graph().strength(a, b, events.get(half - 1).occurredAt());
    }
    try (Store store = Store.open(url);
         DurablePipeline p = DurablePipeline.open(store, List.of(), List.of(), false)) {
      Engine e = p.engine();
      assertThat(memberships(e.rings())).isEqualTo(ringsBefore);
      assertThat(e.hashtags()).containsExactlyElementsOf(tagsBefore);
      assertThat(e.graph().strength(a, b, events.get(half - 1).occurredAt())).isEqualTo(tieBefore);
      assertThat(e.aftermath()).isNotEmpty();
      // The rest of the events: the evaders who come back now are still linked to the rings found before.
      p.appendNow(events.subList(half, events.size()));
      p.processAvailable();
      for (Truth.Suspension s : truth.suspensions()) {
        if (s.evader().isPresent()) {
          Verdict v = e.verdict(Subject.account(s.evader().get())).orElseThrow();
          assertThat(v.ring()).as("evader %s", s.evader().get())
              .isPresent().isEqualTo(e.verdict(Subject.account(s.account())).flatMap(Verdict::ring));
        }
      }
    }
  }

  private static Set<Set<String>> memberships(List<Ring> rings) {
    return rings.stream().map(r -> Set.copyOf(r.accounts())).collect(Collectors.toSet());
  }
}
