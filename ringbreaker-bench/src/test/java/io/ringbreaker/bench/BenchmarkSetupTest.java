package io.ringbreaker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.detect.media.index.HammingIndex;
import io.ringbreaker.detect.media.pdq.Pdq;
import io.ringbreaker.model.contract.EventParser;
import io.ringbreaker.model.contract.ParseResult;
import io.ringbreaker.store.Appended;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

  @Test
  void hashBenchmarkHashesItsImageAsTheReferenceDidAndDecodesIt() throws Exception {
    HashBenchmark b = new HashBenchmark();
    b.image = "bridge-mods/aaa-orig.jpg";
    b.setUp();
    String[] single = csvRow("expected-pdq.csv", b.image);
    String[] dihedral = csvRow("expected-pdq-dihedral.csv", b.image);

    assertThat(b.decodeAndHash().hex()).isEqualTo(single[0]);
    assertThat(b.decodeAndHash().quality()).isEqualTo(Integer.parseInt(single[1]));
    assertThat(b.hashDecoded()).isEqualTo(b.decodeAndHash());
    assertThat(b.dihedralDecoded()).extracting(Pdq.Hash::hex).containsExactly(Arrays.copyOf(dihedral, 8));
    assertThat(b.decodeOnly().getWidth()).isPositive();
  }

  /** The row of a vectors CSV whose last column is {@code path}. */
  private static String[] csvRow(String csv, String path) throws Exception {
    for (String line : Files.readAllLines(PdqVectors.dir().resolve(csv), StandardCharsets.UTF_8)) {
      String[] f = line.strip().split(",");
      if (f[f.length - 1].equals(path)) {
        return f;
      }
    }
    throw new AssertionError(path + " is not in " + csv);
  }

  @Test
  void matchBenchmarkLookupsReturnExactlyWhatBruteForceDoesAndPlantedPairsMatch() {
    MatchBenchmark b = new MatchBenchmark();
    b.size = 20_000;
    b.radius = 31;
    b.setUp();
    HammingIndex ix = b.index();
    assertThat(ix.size()).isEqualTo(20_000);

    for (int q = 0; q < MatchBenchmark.QUERIES; q++) {
      long[] h = b.query(q);
      Set<Long> index = new HashSet<>();
      ix.search(h[0], h[1], h[2], h[3], 31, (id, d) -> index.add(((long) id << 9) | d));
      Set<Long> brute = new HashSet<>();
      ix.scan(h[0], h[1], h[2], h[3], 31, (id, d) -> brute.add(((long) id << 9) | d));
      assertThat(index).as("query %d", q).isEqualTo(brute);
      if (q % 2 == 0) {
        assertThat(brute).as("query %d is a near-duplicate of a stored hash", q).isNotEmpty();
      }
    }
    for (int id = 0; id + 1 < b.size; id += MatchBenchmark.PLANT_EVERY) {
      long[] planted = b.stored(id);
      long[] original = b.stored(id + 1);
      int d = 0;
      for (int k = 0; k < 4; k++) {
        d += Long.bitCount(planted[k] ^ original[k]);
      }
      assertThat(d).as("planted entry %d", id).isLessThanOrEqualTo(31);
      List<Integer> found = new ArrayList<>();
      ix.search(planted[0], planted[1], planted[2], planted[3], 31, (hit, dist) -> found.add(hit));
      assertThat(found).contains(id, id + 1);
    }

    MatchBenchmark.Cursor lookups = new MatchBenchmark.Cursor();
    MatchBenchmark.Cursor scans = new MatchBenchmark.Cursor();
    long hits = 0;
    for (int i = 0; i < 2 * MatchBenchmark.QUERIES + 3; i++) { // past the end: the cursor starts over
      int n = b.lookup(lookups);
      assertThat(n).isEqualTo(b.bruteForceScan(scans));
      hits += n;
    }
    assertThat(hits).isGreaterThanOrEqualTo(MatchBenchmark.QUERIES);
  }
}
