package io.ringbreaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringbreaker.model.contract.ContractJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line in-process, through {@link Main#run}: exit codes, files written, messages. */
class MainTest {
  @TempDir Path dir;

  /** What one run printed and returned. */
  record Run(int exit, String out, String err) {}

  /** Runs the command in-process with stdout and stderr captured; the one place the tests swap them. */
  static synchronized Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = Main.run(args);
      System.out.flush();
      System.err.flush();
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void simulateThenScanWritesTheFourFiles() throws Exception {
    Path sim = dir.resolve("sim");
    Path out = dir.resolve("out");

    Run simulate = run("simulate", "--seed", "1", "--out", sim.toString());
    assertThat(simulate.exit()).as(simulate.err()).isZero();
    for (String f : List.of("events.jsonl", "truth.json", "lexicon.csv", "bank.csv")) {
      assertThat(sim.resolve(f)).as(f).isRegularFile();
    }

    Run scan = run("scan", sim.resolve("events.jsonl").toString(), "--out", out.toString(),
        "--lexicon", sim.resolve("lexicon.csv").toString(), "--bank", sim.resolve("bank.csv").toString());

    assertThat(scan.exit()).as(scan.err()).isZero();
    for (String f : List.of("verdicts.jsonl", "hashtags.jsonl", "rejected.jsonl", "summary.json")) {
      assertThat(out.resolve(f)).as(f).isRegularFile();
    }
    List<String> verdicts = Files.readAllLines(out.resolve("verdicts.jsonl"));
    assertThat(verdicts).isNotEmpty();
    for (String line : verdicts.subList(0, Math.min(50, verdicts.size()))) {
      JsonNode v = ContractJson.mapper().readTree(line);
      assertThat(v.path("subject").path("type").asText()).isNotEmpty();
      assertThat(v.path("severity").asText()).isIn("none", "low", "medium", "high", "critical");
    }
    // Most severe first, and the simulated rings are found.
    assertThat(ContractJson.mapper().readTree(verdicts.get(0)).path("severity").asText()).isIn("high", "critical");
    assertThat(Files.readAllLines(out.resolve("hashtags.jsonl"))).isNotEmpty();
    assertThat(Files.readAllLines(out.resolve("rejected.jsonl"))).as("the simulator writes only valid events").isEmpty();
    long lines = Files.readAllLines(sim.resolve("events.jsonl")).stream().filter(l -> !l.isBlank()).count();
    JsonNode summary = ContractJson.mapper().readTree(Files.readString(out.resolve("summary.json")));
    assertThat(summary.path("events").path("read").asLong()).isEqualTo(lines);
    assertThat(summary.path("events").path("rejected").asLong()).isZero();
    assertThat(scan.out()).contains(String.format(java.util.Locale.ROOT, "%,d events read", lines));
  }

  @Test
  void aMissingEventsFileIsExit2WithOneLine() {
    Path missing = dir.resolve("no-such-events.jsonl");

    Run scan = run("scan", missing.toString(), "--out", dir.resolve("out").toString());

    assertThat(scan.exit()).isEqualTo(2);
    assertThat(scan.err().strip().lines()).singleElement().asString()
        .isEqualTo("ringbreaker scan: cannot read events file " + missing + " (no such file)");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aBadLexiconIsExit2NamingTheFileAndLine() throws Exception {
    Path events = dir.resolve("events.jsonl");
    Files.writeString(events, "{\"event_id\":\"e1\",\"type\":\"follow\",\"occurred_at\":\"2019-01-02T09:11:00Z\","
        + "\"actor\":\"u20\",\"follow\":{\"target\":\"u17\"}}\n");
    Path lexicon = dir.resolve("lexicon.csv");
    Files.writeString(lexicon, "term,category,state\nsometag,trade_advert,watch\nothertag,trade_advert,sometimes\n");

    Run scan = run("scan", events.toString(), "--out", dir.resolve("out").toString(), "--lexicon", lexicon.toString());

    assertThat(scan.exit()).isEqualTo(2);
    assertThat(scan.err().strip().lines()).singleElement().asString()
        .startsWith("ringbreaker scan: " + lexicon + " line 3")
        .contains("state").contains("sometimes");
  }

  @Test
  void aLexiconWithTheWrongHeaderIsExit2NamingTheFile() throws Exception {
    Path events = dir.resolve("events.jsonl");
    Files.writeString(events, "");
    Path lexicon = dir.resolve("lexicon.csv");
    Files.writeString(lexicon, "word,kind\nsometag,trade_advert\n");

    Run scan = run("scan", events.toString(), "--out", dir.resolve("out").toString(), "--lexicon", lexicon.toString());

    assertThat(scan.exit()).isEqualTo(2);
    assertThat(scan.err().strip().lines()).singleElement().asString()
        .startsWith("ringbreaker scan: " + lexicon).contains("header must be term,category,state");
  }

  @Test
  void rejectedLinesAreKeptWithTheirLineNumberAndTheScanSucceeds() throws Exception {
    Path events = dir.resolve("events.jsonl");
    Files.writeString(events, String.join("\n",
        "{\"event_id\":\"e1\",\"type\":\"follow\",\"occurred_at\":\"2019-01-02T09:11:00Z\",\"actor\":\"u20\",\"follow\":{\"target\":\"u17\"}}",
        "{\"event_id\":\"e2\",\"type\":\"post\",\"occurred_at\":\"2019-01-02T09:12:00Z\",\"actor\":\"u20\",\"post\":{}}",
        "not json at all") + "\n");
    Path out = dir.resolve("out");

    Run scan = run("scan", events.toString(), "--out", out.toString());

    assertThat(scan.exit()).as(scan.err()).isZero();
    List<String> rejected = Files.readAllLines(out.resolve("rejected.jsonl"));
    assertThat(rejected).hasSize(2);
    JsonNode second = ContractJson.mapper().readTree(rejected.get(0));
    assertThat(second.path("line").asLong()).isEqualTo(2);
    assertThat(second.path("event_id").asText()).isEqualTo("e2");
    assertThat(second.path("reasons").get(0).asText()).isEqualTo("post.id: required");
    JsonNode third = ContractJson.mapper().readTree(rejected.get(1));
    assertThat(third.path("line").asLong()).isEqualTo(3);
    assertThat(third.path("event_id").isNull()).isTrue();
    assertThat(third.path("reasons").get(0).asText()).startsWith("malformed JSON");
    JsonNode summary = ContractJson.mapper().readTree(Files.readString(out.resolve("summary.json")));
    assertThat(summary.path("events").path("read").asLong()).isEqualTo(3);
    assertThat(summary.path("events").path("accepted").asLong()).isEqualTo(1);
    assertThat(summary.path("events").path("rejected").asLong()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "scan", "serve", "demo", "simulate", "bench", "bench ingest"})
  void helpWorksForEveryCommand(String command) {
    List<String> args = new java.util.ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
    args.add("--help");

    Run help = run(args.toArray(String[]::new));

    assertThat(help.exit()).as(help.err()).isZero();
    assertThat(help.out()).contains("Usage: ringbreaker" + (command.isEmpty() ? " [" : " " + command + " ["));
    assertThat(help.err()).isEmpty();
  }

  @Test
  void anUnknownOptionIsExit2() {
    Run r = run("scan", dir.resolve("events.jsonl").toString(), "--out", dir.resolve("out").toString(),
        "--no-such-option");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("ringbreaker: Unknown option: '--no-such-option' (see: ringbreaker scan --help)"
        + System.lineSeparator());
  }

  @Test
  void noCommandShowsTheCommandsAndIsExit2() {
    Run r = run();

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("Usage: ringbreaker").contains("scan", "serve", "demo", "simulate", "bench");
  }
}
