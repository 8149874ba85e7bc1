package io.ringbreaker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.model.contract.EventParser;
import io.ringbreaker.model.contract.ParseResult;
import io.ringbreaker.store.Appended;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs each benchmark's setup and a few operations on a small simulation, without JMH. */
class BenchmarkSetupTest {

  @Test
  void ingestFeedsEveryEventToAFreshEngineAndStartsOverWithANewOne() {
    IngestBenchmark b = new IngestBenchmark();
    b.events = 2_000;
    b.simulate();
    b.freshEngine();
    assertThat(b.parse()).isInstanceOf(ParseResult.Accepted.class);
    b.freshEngine();
    for (int i = 0; i < 2_000; i++) {
      b.parseAndApply();
    }
    assertThat(b.currentEngine().eventsApplied()).isEqualTo(2_000);
    assertThat(b.currentEngine().verdicts()).as("the simulated rings are flagged").isNotEmpty();
    b.apply();
    assertThat(b.currentEngine().eventsApplied()).as("a new engine once the events start over").isEqualTo(1);
  }

  @Test
  void simulatedEventsAllParse() {
    SimulatedPlatform p = SimulatedPlatform.generate(2_000);
    assertThat(p.events()).hasSize(2_000);
    assertThat(p.lines()).allSatisfy(l -> assertThat(EventParser.parse(l)).isInstanceOf(ParseResult.Accepted.class));
    assertThat(p.bank()).isNotEmpty();
  }

  @Test
  void journalStoresEveryRecordOfEachBatchAndTearDownDeletesTheDirectory() throws Exception {
    JournalBenchmark b = new JournalBenchmark();
    b.templates = 1_000;
    try {
      b.simulate();
      b.openStore();
      List<Appended> one = b.append1();
      List<Appended> hundred = b.append100();
      List<Appended> thousand = b.append1000();
      assertThat(one).hasSize(1);
      assertThat(hundred).hasSize(100);
      assertThat(thousand).hasSize(1_000).noneMatch(Appended::duplicate);
      assertThat(b.store().journal().count()).isEqualTo(1_101);
      b.closeStore();
    } finally {
      b.deleteDir();
    }
    assertThat(Files.exists(b.dir())).isFalse();
  }

  @Test
  void textBenchmarkScansSimulatedTextsWithTheFullLexiconAndTheBaselineMatchesTheListedTag() {
    TextBenchmark b = new TextBenchmark();
    b.events = 2_000;
    b.terms = 10_000;
    b.setUp();
    assertThat(b.texts()).isGreaterThan(500);
    assertThat(TextBenchmark.lexicon(List.of(), 10_000)).hasSize(10_000);
    long signals = 0;
    long matches = 0;
    for (int i = 0; i < b.texts(); i++) {
      signals += b.fullPass();
      matches += b.naiveRegexBaseline();
    }
    assertThat(signals).as("the simulated texts carry signals").isPositive();
    assertThat(matches).as("the simulated texts use listed tags and phrase words").isPositive();
  }
}
