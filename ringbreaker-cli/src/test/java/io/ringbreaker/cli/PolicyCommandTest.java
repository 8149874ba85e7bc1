package io.ringbreaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringbreaker.cli.MainTest.Run;
import io.ringbreaker.model.contract.ContractJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ringbreaker policy show|check|dry-run} and {@code --policy} on a simulated platform scanned into a real store. */
class PolicyCommandTest {
  @TempDir static Path shared;
  @TempDir Path dir;

  private static Path sim;
  private static String db;

  @BeforeAll
  static void scanIntoAStore() {
    sim = shared.resolve("sim");
    Run s = MainTest.run("simulate", "--seed", "3", "--out", sim.toString());
    assertThat(s.exit()).as(s.err()).isZero();
    db = "jdbc:sqlite:" + shared.resolve("rb.db");
    Run r = MainTest.run("scan", sim.resolve("events.jsonl").toString(), "--out", shared.resolve("out").toString(),
        "--lexicon", sim.resolve("lexicon.csv").toString(), "--bank", sim.resolve("bank.csv").toString(), "--db", db);
    assertThat(r.exit()).as(r.err()).isZero();
  }

  private Path defaultPolicyWith(String from, String to) throws Exception {
    Run show = MainTest.run("policy", "show");
    assertThat(show.exit()).isZero();
    assertThat(show.out()).contains(from);
    Path p = dir.resolve("policy.yaml");
    Files.writeString(p, show.out().replace(from, to), StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void theDefaultPolicyChecks() throws Exception {
    Path p = defaultPolicyWith("policy: default", "policy: default");
    Run r = MainTest.run("policy", "check", p.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).matches("(?s).*policy.yaml: ok, default/3#[0-9a-f]{8}, 6 rules\\s*");
  }

  @Test
  void checkNamesEveryProblemWithLineColumnAndRuleAndExits2() throws Exception {
    Path p = defaultPolicyWith("when: score >= 0.70", "when: scor >= 0.70");
    Files.writeString(p, Files.readString(p).replace("severity: medium", "severity: mediun"));
    Run r = MainTest.run("policy", "check", p.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).containsPattern("policy.yaml:\\d+:11: rule 'high-score': when: undeclared reference to 'scor'")
        .containsPattern("policy.yaml:\\d+:\\d+: rule 'medium': severity 'mediun' is not one of");
  }

  @Test
  void dryRunShowsWhatALowerBarWouldRaiseAndChangesNothing() throws Exception {
    Path p = defaultPolicyWith("when: score >= 0.70", "when: score >= 0.40");
    Path changes = dir.resolve("changes.jsonl");
    long highBefore = count(shared.resolve("out/verdicts.jsonl"), "high");

    Run r = MainTest.run("policy", "dry-run", p.toString(), "--db", db, "--out", changes.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("in force: default/3#[0-9a-f]{8}\\) -> default/3#[0-9a-f]{8}")
        .containsPattern("medium\\s+-> high\\s+[1-9]");
    List<String> lines = Files.readAllLines(changes);
    assertThat(lines).isNotEmpty().allSatisfy(l -> {
      JsonNode n = ContractJson.mapper().readTree(l);
      assertThat(n.get("before").asText()).isEqualTo("medium");
      assertThat(n.get("after").asText()).isEqualTo("high");
      assertThat(n.get("rules_after").get(0).asText()).isEqualTo("high-score");
    });
    // Nothing was written: the same dry run again finds the same changes.
    Run again = MainTest.run("policy", "dry-run", p.toString(), "--db", db);
    assertThat(again.out()).contains(String.format("%,d would change", lines.size()));

    Path out = dir.resolve("out");
    Run scan = MainTest.run("scan", sim.resolve("events.jsonl").toString(), "--out", out.toString(),
        "--lexicon", sim.resolve("lexicon.csv").toString(), "--bank", sim.resolve("bank.csv").toString(),
        "--policy", p.toString());
    assertThat(scan.exit()).as(scan.err()).isZero();
    assertThat(count(out.resolve("verdicts.jsonl"), "high")).isGreaterThan(highBefore);
  }

  @Test
  void aBrokenPolicyFileStopsScanWithTheProblem() throws Exception {
    Path p = defaultPolicyWith("actions: [monitor]", "actions: [monitr]");
    Run r = MainTest.run("scan", sim.resolve("events.jsonl").toString(), "--out", dir.resolve("o").toString(),
        "--policy", p.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("rule 'low': actions: unknown action 'monitr'");
  }

  private static long count(Path verdicts, String severity) throws Exception {
    return Files.readAllLines(verdicts).stream()
        .filter(l -> l.contains("\"severity\":\"" + severity + "\"") && l.contains("\"type\":\"account\"")).count();
  }
}
