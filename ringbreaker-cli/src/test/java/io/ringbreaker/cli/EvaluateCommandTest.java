package io.ringbreaker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringbreaker.cli.MainTest.Run;
import io.ringbreaker.model.contract.ContractJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ringbreaker evaluate} on real simulated files and a real scan. Whether the targets are
 * met is up to the detection; these tests check the report is there and makes sense.
 */
class EvaluateCommandTest {
  @TempDir static Path shared;
  @TempDir Path dir;

  private static Path sim;

  @BeforeAll
  static void simulate() {
    sim = shared.resolve("sim");
    Run r = MainTest.run("simulate", "--seed", "2", "--out", sim.toString());
    assertThat(r.exit()).as(r.err()).isZero();
  }

  @Test
  void seedsGiveARowPerSeedARowForAllAndTheTargets() {
    Run r = MainTest.run("evaluate", "--seeds", "1");

    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0).split("\\s+")).startsWith("scenario", "recall", "precision");
    for (String scenario : List.of("1", "all")) {
      String row = lines.stream().filter(l -> l.startsWith(scenario + " ")).findFirst().orElseThrow();
      String[] cells = row.split("\\s+");
      assertThat(Double.parseDouble(cells[1])).as("recall of %s", scenario).isBetween(0.0, 1.0);
      assertThat(Double.parseDouble(cells[2])).as("precision of %s", scenario).isBetween(0.0, 1.0);
      assertThat(cells[3]).as("ring accounts at high of %s", scenario).matches("\\d+/\\d+");
    }
    for (String target : List.of("recall at high", "precision at high", "flooders at high", "look-alikes at high",
        "emerging tags proposed", "evaders linked")) {
      assertThat(lines).as(target).anyMatch(l -> l.startsWith(target) && (l.endsWith("pass") || l.endsWith("FAIL")));
    }
  }

  @Test
  void eventsAndTruthAreScannedWithTheListsBesideThemAndTheReportIsKept() throws Exception {
    Path out = dir.resolve("out");

    Run r = MainTest.run("evaluate", "--events", sim.resolve("events.jsonl").toString(),
        "--truth", sim.resolve("truth.json").toString(), "--out", out.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("seed 2\n").contains("recall at high", "precision at high",
        "time to first flag: median", "evaders linked", "emerging tag", "wrote " + out.resolve("evaluation.json"));
    for (String f : List.of("verdicts.jsonl", "hashtags.jsonl", "summary.json", "evaluation.json")) {
      assertThat(out.resolve(f)).as(f).isRegularFile();
    }
    JsonNode e = ContractJson.mapper().readTree(out.resolve("evaluation.json").toFile());
    assertThat(e.path("recall_at_high").asDouble(-1)).isBetween(0.0, 1.0);
    assertThat(e.path("precision_at_high").asDouble(-1)).isBetween(0.0, 1.0);
    assertThat(e.path("ring_accounts").asInt()).isEqualTo(34 + 5);
    assertThat(e.path("evaders")).hasSize(5).allSatisfy(v -> assertThat(v.path("reused")).isNotEmpty());
    assertThat(e.path("emerging_tags")).hasSize(4);
    assertThat(e.path("targets")).hasSize(6);
    // The bank beside the events was used: the rings' known media were matched.
    assertThat(Files.readString(out.resolve("verdicts.jsonl"))).contains("synthetic-known-");
  }

  @Test
  void checkExitsOneExactlyWhenATargetIsMissedAndAGivenBankReplacesTheOneBeside() throws Exception {
    Path out = dir.resolve("out");
    Path emptyBank = Files.writeString(dir.resolve("empty-bank.csv"), "signal_type,signal,label\n");

    Run r = MainTest.run("evaluate", "--events", sim.resolve("events.jsonl").toString(),
        "--truth", sim.resolve("truth.json").toString(), "--out", out.toString(), "--bank", emptyBank.toString(),
        "--check");

    JsonNode e = ContractJson.mapper().readTree(out.resolve("evaluation.json").toFile());
    boolean met = e.path("all_targets_met").asBoolean();
    assertThat(r.exit()).as(r.err()).isEqualTo(met ? 0 : 1);
    assertThat(met).isEqualTo(Arrays.stream(r.out().split("\n")).noneMatch(l -> l.endsWith("FAIL")));
    assertThat(Files.readString(out.resolve("verdicts.jsonl"))).doesNotContain("synthetic-known-");
  }

  @Test
  void aMissingTruthFileIsExit2WithOneLine() {
    Path missing = dir.resolve("no-truth.json");

    Run r = MainTest.run("evaluate", "--events", sim.resolve("events.jsonl").toString(), "--truth", missing.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip().lines()).singleElement().asString()
        .isEqualTo("ringbreaker evaluate: cannot read truth file " + missing + " (no such file)");
  }

  @Test
  void aTruthFileThatDoesNotParseIsExit2NamingIt() throws Exception {
    Path notJson = Files.writeString(dir.resolve("truth.json"), "{not json");
    Path wrongShape = Files.writeString(dir.resolve("other.json"), "{\"listed_tag\":\"x\"}");

    Run a = MainTest.run("evaluate", "--events", sim.resolve("events.jsonl").toString(), "--truth", notJson.toString());
    Run b = MainTest.run("evaluate", "--events", sim.resolve("events.jsonl").toString(), "--truth",
        wrongShape.toString());

    assertThat(a.exit()).isEqualTo(2);
    assertThat(a.err().strip().lines()).singleElement().asString()
        .startsWith("ringbreaker evaluate: truth file " + notJson + " is not JSON: ");
    assertThat(b.exit()).isEqualTo(2);
    assertThat(b.err().strip().lines()).singleElement().asString()
        .isEqualTo("ringbreaker evaluate: truth file " + wrongShape
            + ": not a truth.json written by the simulator: missing field config");
  }

  @Test
  void badSeedsAndMixedModesAreExit2WithOneLine() {
    String events = sim.resolve("events.jsonl").toString();
    String truth = sim.resolve("truth.json").toString();
    List<List<String>> cases = List.of(
        List.of("--seeds", "1-x"),
        List.of("--seeds", "5-1"),
        List.of("--seeds", "1,,2"),
        List.of("--seeds", "1", "--size", "lots"),
        List.of("--seeds", "1", "--events", events, "--truth", truth),
        List.of("--events", events),
        List.of());
    List<String> expected = List.of(
        "--seeds: expected seeds like 1,2,3 or 1-5, got '1-x'",
        "--seeds: the range 5-1 runs backwards",
        "--seeds: expected seeds like 1,2,3 or 1-5, got '1,,2'",
        "--size: expected 'default' or a number of events, got 'lots'",
        "give either --events and --truth, or --seeds, not both",
        "--events and --truth go together: give both",
        "give --events FILE and --truth FILE, or --seeds (e.g. --seeds 1-5)");
    for (int i = 0; i < cases.size(); i++) {
      List<String> args = new java.util.ArrayList<>(List.of("evaluate"));
      args.addAll(cases.get(i));

      Run r = MainTest.run(args.toArray(String[]::new));

      assertThat(r.exit()).as(args.toString()).isEqualTo(2);
      assertThat(r.err().strip().lines()).as(args.toString()).singleElement().asString()
          .isEqualTo("ringbreaker evaluate: " + expected.get(i));
    }
  }

  @Test
  void seedSpecsTakeListsAndRangesOnceEach() {
    assertThat(EvaluateCommand.seeds("1-3,7,2")).containsExactly(1L, 2L, 3L, 7L);
    assertThat(EvaluateCommand.seeds(" 4 ")).containsExactly(4L);
    assertThatThrownBy(() -> EvaluateCommand.seeds("1-5000")).isInstanceOf(UserError.class)
        .hasMessage("--seeds: at most 1000 seeds, got '1-5000'");
    assertThat(EvaluateCommand.size("default")).isEmpty();
    assertThat(EvaluateCommand.size("100_000")).contains(100_000L);
  }

  @Test
  void helpNamesBothWaysToRunIt() {
    Run r = MainTest.run("evaluate", "--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage: ringbreaker evaluate [", "--seeds", "--events", "--truth", "--check");
  }
}
