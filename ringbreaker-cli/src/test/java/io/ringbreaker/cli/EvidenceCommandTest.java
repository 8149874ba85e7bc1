package io.ringbreaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.cli.MainTest.Run;
import io.ringbreaker.model.contract.ContractJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan --db} preserves what the policy asks for; {@code ringbreaker evidence} lists, opens,
 * holds and deletes it, on a simulated platform.
 */
class EvidenceCommandTest {
  @TempDir static Path shared;
  @TempDir Path dir;
  private static String db;
  private static String flagged;

  @BeforeAll
  static void scan() throws Exception {
    Path sim = shared.resolve("sim");
    assertThat(MainTest.run("simulate", "--seed", "4", "--out", sim.toString()).exit()).isZero();
    db = "jdbc:sqlite:" + shared.resolve("store/rb.db");
    Run r = MainTest.run("scan", sim.resolve("events.jsonl").toString(), "--out", shared.resolve("out").toString(),
        "--lexicon", sim.resolve("lexicon.csv").toString(), "--bank", sim.resolve("bank.csv").toString(), "--db", db);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("evidence preserved about [1-9][\\d,]* subject");
    flagged = Files.readAllLines(shared.resolve("out/verdicts.jsonl")).stream()
        .filter(l -> l.contains("\"type\":\"account\"") && l.contains("\"severity\":\"high\""))
        .map(l -> ContractJson.readVerdict(read(l)).subject().id()).findFirst().orElseThrow();
    assertThat(shared.resolve("store/evidence-keys")).exists();
  }

  private static com.fasterxml.jackson.databind.JsonNode read(String l) {
    try {
      return ContractJson.mapper().readTree(l);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The id of the subject's {@code nth} event item (tests share the store: each takes its own item). */
  private static long eventItem(int nth) {
    Run list = MainTest.run("evidence", "list", "account:" + flagged, "--db", db);
    assertThat(list.exit()).as(list.err()).isZero();
    Matcher m = Pattern.compile("(?m)^\\s*(\\d+)\\s+event\\s+(\\S+)").matcher(list.out());
    for (int i = 0; i <= nth; i++) {
      assertThat(m.find()).as(list.out()).isTrue();
    }
    return Long.parseLong(m.group(1));
  }

  @Test
  void aFlaggedAccountsEventsAreKeptAndOpenAsThePlatformSentThem() throws Exception {
    Run list = MainTest.run("evidence", "list", "account:" + flagged, "--db", db);
    assertThat(list.out()).contains(" verdict ").contains("kept until");
    long id = eventItem(0);
    Path out = dir.resolve("item.json");
    Run open = MainTest.run("evidence", "open", String.valueOf(id), "--out", out.toString(), "--db", db);
    assertThat(open.exit()).as(open.err()).isZero();
    var event = ContractJson.mapper().readTree(Files.readString(out));
    assertThat(event.path("event_id").asText()).isNotEmpty();
    assertThat(Files.getPosixFilePermissions(out)).hasSize(2);
    Run again = MainTest.run("evidence", "open", String.valueOf(id), "--out", out.toString(), "--db", db);
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("exists; evidence is never written over a file");
    Run audit = MainTest.run("audit", "export", "--db", db);
    assertThat(audit.out()).contains("\"evidence.open\"").contains("evidence:" + id);
  }

  @Test
  void aHeldItemCannotBeDeletedUntilReleased() {
    long id = eventItem(1);
    assertThat(MainTest.run("evidence", "hold", String.valueOf(id), "--reason", "case 17", "--db", db).exit()).isZero();
    Run refused = MainTest.run("evidence", "delete", String.valueOf(id), "--reason", "court order", "--db", db);
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err()).contains("under legal hold (case 17)");
    assertThat(MainTest.run("evidence", "release", String.valueOf(id), "--db", db).exit()).isZero();
    Run deleted = MainTest.run("evidence", "delete", String.valueOf(id), "--reason", "court order", "--db", db);
    assertThat(deleted.exit()).as(deleted.err()).isZero();
    assertThat(MainTest.run("evidence", "list", "account:" + flagged, "--db", db).out())
        .containsPattern(id + ".*DELETED .*: court order");
    Run open = MainTest.run("evidence", "open", String.valueOf(id), "--out", dir.resolve("x").toString(), "--db", db);
    assertThat(open.exit()).isEqualTo(2);
    assertThat(open.err()).contains("was deleted");
  }

  @Test
  void retentionUnderAYearIsRefusedNamingTheOption() {
    EvidenceOptions o = new EvidenceOptions();
    o.retentionDays = 30;
    org.assertj.core.api.Assertions.assertThatThrownBy(o::retention).isInstanceOf(UserError.class)
        .hasMessageStartingWith("--evidence-retention-days: 30 is under the one year");
  }
}
