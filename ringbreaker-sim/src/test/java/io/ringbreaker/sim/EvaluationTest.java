package io.ringbreaker.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringbreaker.model.contract.ContractJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scoring hand-written scan output against a small hand-written truth. */
class EvaluationTest {
  @TempDir Path dir;

  private static final Instant T0 = Instant.parse("2019-01-01T00:00:00Z");

  /**
   * Ring 1: u1, u2, u3 (suspended, came back as u4 reusing a folder). Ring 2: u5 (suspended, came
   * back as u6 reusing a kik handle and a folder). A flooder u7, a card trader u8, an ordinary u9.
   */
  private static Truth truth() {
    List<Truth.Account> accounts = new ArrayList<>();
    accounts.add(ring("u1", "ring-1"));
    accounts.add(ring("u2", "ring-1"));
    accounts.add(ring("u3", "ring-1"));
    accounts.add(evader("u4", "ring-1", "u3"));
    accounts.add(ring("u5", "ring-2"));
    accounts.add(evader("u6", "ring-2", "u5"));
    accounts.add(other("u7", Truth.Role.FLOODER));
    accounts.add(other("u8", Truth.Role.LOOKALIKE_CARDS));
    accounts.add(other("u9", Truth.Role.ORDINARY));
    return new Truth(new SimConfig(1, 50, 2, 3, 30, T0), "dropboxlinks", List.of(),
        List.of(new Truth.EmergingTag("boxfolderswap", "ring-1", 11, T0.plus(Duration.ofDays(11))),
            new Truth.EmergingTag("vaultcrew", "ring-2", 12, T0.plus(Duration.ofDays(12)))),
        new Truth.Restriction("dropboxlinks", 10, T0.plus(Duration.ofDays(10))),
        new Truth.Flood("dropboxlinks", 9, 17, List.of()),
        List.of(new Truth.Suspension("u3", "ring-1", T0.plus(Duration.ofDays(12)), Optional.of("u4"),
                Optional.of(T0.plus(Duration.ofDays(14))), List.of("folder")),
            new Truth.Suspension("u5", "ring-2", T0.plus(Duration.ofDays(13)), Optional.of("u6"),
                Optional.of(T0.plus(Duration.ofDays(15))), List.of("kik", "folder"))),
        List.of(), List.of(new Truth.Ring("ring-1", List.of("u1", "u2", "u3", "u4")),
            new Truth.Ring("ring-2", List.of("u5", "u6"))), accounts);
  }

  private static Truth.Account ring(String id, String ring) {
    return new Truth.Account(id, "h" + id, Truth.Role.RING, Optional.of(ring), Optional.empty(), false, false, List.of());
  }

  private static Truth.Account evader(String id, String ring, String replaces) {
    return new Truth.Account(id, "h" + id, Truth.Role.EVADER, Optional.of(ring), Optional.of(replaces), false, false,
        List.of());
  }

  private static Truth.Account other(String id, Truth.Role role) {
    return new Truth.Account(id, "h" + id, role, Optional.empty(), Optional.empty(), false, false, List.of());
  }

  /** Each account's first act: u1 at 01:00 on day 0, u2 at 02:00… (u7 to u9 too). */
  private Path events() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= 9; i++) {
      String at = T0.plus(Duration.ofHours(i)).toString();
      sb.append("{\"event_id\":\"e").append(i).append("\",\"type\":\"follow\",\"occurred_at\":\"").append(at)
          .append("\",\"actor\":\"u").append(i).append("\",\"follow\":{\"target\":\"u9\"}}\n");
      // A later act counts for nothing: the first one is what a flag is timed from.
      sb.append("{\"event_id\":\"f").append(i).append("\",\"type\":\"follow\",\"occurred_at\":\"")
          .append(T0.plus(Duration.ofDays(20)).toString()).append("\",\"actor\":\"u").append(i)
          .append("\",\"follow\":{\"target\":\"u9\"}}\n");
    }
    return write("events.jsonl", sb.toString());
  }

  private static String verdict(String id, String severity, String ring, String flaggedAt, String linkedTo) {
    String signals = linkedTo == null ? "[]"
        : "[{\"kind\":\"evasion.linked\",\"value\":\"" + linkedTo + "\",\"event_id\":\"e1\",\"at\":\"2019-01-15T00:00:00Z\"}]";
    return "{\"subject\":{\"type\":\"account\",\"id\":\"" + id + "\"},\"severity\":\"" + severity
        + "\",\"score\":0.9,\"actions\":[],\"signals\":" + signals + ",\"reasons\":[],\"ring\":"
        + (ring == null ? "null" : "\"" + ring + "\"") + ",\"first_flagged_at\":"
        + (flaggedAt == null ? "null" : "\"" + flaggedAt + "\"") + "}";
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private Evaluation score(String verdicts, String hashtags) throws IOException {
    return Evaluation.read("seed 1", truth(), events(), write("verdicts.jsonl", verdicts),
        write("hashtags.jsonl", hashtags));
  }

  @Test
  void aHitAMissAndAFlooderAtHighGiveRecallPrecisionAndFailedTargets() throws IOException {
    String verdicts = String.join("\n",
        verdict("u1", "high", "rb-1", "2019-01-01T03:00:00Z", null), // a hit, 2h after its first act
        verdict("u2", "medium", "rb-1", null, null), // a miss
        verdict("u3", "critical", "rb-1", "2019-01-01T04:00:00Z", null),
        verdict("u4", "high", "rb-9", "2019-01-01T14:00:00Z", "u3"), // signalled, but in another ring
        verdict("u5", "high", "rb-2", "2019-01-01T05:00:00Z", null),
        verdict("u6", "high", "rb-2", "2019-01-01T05:00:00Z", "u5"), // linked; flagged before it acted: 0
        verdict("u7", "high", null, "2019-01-10T00:00:00Z", null), // a flooder at high
        verdict("u8", "medium", null, null, null),
        "{\"subject\":{\"type\":\"post\",\"id\":\"p1\"},\"severity\":\"critical\",\"signals\":[]}") + "\n";
    String hashtags = String.join("\n",
        "{\"tag\":\"dropboxlinks\",\"matched\":\"dropboxlinks\",\"state\":\"restricted\",\"proposed_state\":\"blocked\",\"flooded\":true}",
        "{\"tag\":\"BoxFolderSwap\",\"matched\":null,\"state\":\"allowed\",\"proposed_state\":\"watch\",\"proposed_at\":\"2019-01-12T05:00:00Z\"}",
        "{\"tag\":\"vaultcrew\",\"matched\":null,\"state\":\"allowed\",\"proposed_state\":null}") + "\n";

    Evaluation e = score(verdicts, hashtags);

    assertThat(e.ringAccounts()).isEqualTo(6);
    assertThat(e.ringAtHigh()).isEqualTo(5);
    assertThat(e.accountsAtHigh()).isEqualTo(6); // the post verdict is not an account
    assertThat(e.recall()).isEqualTo(5 / 6.0);
    assertThat(e.precision()).isEqualTo(5 / 6.0);
    assertThat(e.floodersAtHigh()).containsExactly("u7");
    assertThat(e.lookalikesAtHigh()).isEmpty();
    assertThat(e.ordinaryAtHigh()).isEmpty();
    assertThat(e.floodDetected()).isTrue();
    // u1 2h, u3 1h, u4 10h, u5 0 (05:00 is its first act), u6 0 (flagged 05:00, acted 06:00): u2 never.
    assertThat(e.timesToFlag()).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ofHours(1),
        Duration.ofHours(2), Duration.ofHours(10));
    assertThat(e.neverFlagged()).isEqualTo(1);
    assertThat(e.timeToFlag(50)).contains(Duration.ofHours(1));
    assertThat(e.timeToFlag(90)).contains(Duration.ofHours(10));
    assertThat(e.timeToFlag(100)).contains(Duration.ofHours(10));

    assertThat(e.emergingTags()).extracting(Evaluation.Tag::tag, Evaluation.Tag::proposed)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("boxfolderswap", true),
            org.assertj.core.groups.Tuple.tuple("vaultcrew", false));
    assertThat(e.emergingTags().get(0).timeToPropose()).contains(Duration.ofHours(5));

    assertThat(e.evaders()).extracting(Evaluation.Evader::evader, Evaluation.Evader::signalled,
            Evaluation.Evader::linked)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("u4", true, false),
            org.assertj.core.groups.Tuple.tuple("u6", true, true));
    assertThat(e.byReusedKind()).containsExactly(new Evaluation.KindTally("folder", 1, 2),
        new Evaluation.KindTally("kik", 1, 1));

    assertThat(e.targets()).extracting(Evaluation.Target::name, Evaluation.Target::met).containsExactly(
        org.assertj.core.groups.Tuple.tuple("recall at high", false),
        org.assertj.core.groups.Tuple.tuple("precision at high", false),
        org.assertj.core.groups.Tuple.tuple("flooders at high", false),
        org.assertj.core.groups.Tuple.tuple("look-alikes at high", true),
        org.assertj.core.groups.Tuple.tuple("emerging tags proposed", false),
        org.assertj.core.groups.Tuple.tuple("evaders linked", false));
    assertThat(e.allTargetsMet()).isFalse();
  }

  @Test
  void anEvaderInTheRightRingWithoutTheSignalOrWithoutARingIsNotLinked() throws IOException {
    String verdicts = String.join("\n",
        verdict("u3", "high", "rb-1", "2019-01-01T04:00:00Z", null),
        verdict("u4", "high", "rb-1", "2019-01-01T05:00:00Z", null), // same ring, no signal
        verdict("u5", "high", null, "2019-01-01T05:00:00Z", null),
        verdict("u6", "high", null, "2019-01-01T06:00:00Z", "u5")) + "\n"; // signal, no ring on either

    Evaluation e = score(verdicts, "");

    assertThat(e.evaders()).noneMatch(Evaluation.Evader::linked);
    assertThat(e.evadersLinked()).isZero();
    assertThat(e.floodDetected()).isFalse();
    assertThat(e.tagsProposed()).isZero();
  }

  @Test
  void everyRingAccountAtHighAndNothingElseMeetsEveryTarget() throws IOException {
    StringBuilder v = new StringBuilder();
    for (String id : List.of("u1", "u2", "u3", "u4", "u5", "u6")) {
      String ring = id.compareTo("u5") < 0 ? "a" : "b";
      String linked = id.equals("u4") ? "u3" : id.equals("u6") ? "u5" : null;
      v.append(verdict(id, "high", ring, "2019-01-02T00:00:00Z", linked)).append('\n');
    }
    v.append(verdict("u8", "medium", null, null, null)).append('\n');
    String tags = "{\"tag\":\"boxfolderswap\",\"proposed_state\":\"watch\"}\n"
        + "{\"tag\":\"vaultcrew\",\"proposed_state\":\"restricted\",\"proposed_at\":\"2019-01-14T00:00:00Z\"}\n";

    Evaluation e = score(v.toString(), tags);

    assertThat(e.recall()).isEqualTo(1.0);
    assertThat(e.precision()).isEqualTo(1.0);
    assertThat(e.targets()).allMatch(Evaluation.Target::met);
    assertThat(e.allTargetsMet()).isTrue();
    assertThat(e.emergingTags().get(0).timeToPropose()).isEmpty(); // proposed, but the line does not say when
    assertThat(e.emergingTags().get(1).timeToPropose()).contains(Duration.ofDays(1));
  }

  @Test
  void theJsonIsSnakeCaseAndTheTextIsAnAlignedTable() throws IOException {
    Evaluation e = score(verdict("u1", "high", "rb-1", "2019-01-01T03:00:00Z", null) + "\n"
        + verdict("u7", "critical", null, "2019-01-10T00:00:00Z", null) + "\n", "");

    JsonNode j = ContractJson.mapper().readTree(e.toJsonText());
    assertThat(j.path("scenario").asText()).isEqualTo("seed 1");
    assertThat(j.path("recall_at_high").asDouble()).isEqualTo(0.1667);
    assertThat(j.path("precision_at_high").asDouble()).isEqualTo(0.5);
    assertThat(j.path("time_to_first_flag").path("median").asText()).isEqualTo("PT2H");
    assertThat(j.path("time_to_first_flag").path("never_flagged").asInt()).isEqualTo(5);
    assertThat(j.path("flooders_at_high").path("ids").get(0).asText()).isEqualTo("u7");
    assertThat(j.path("evaders").get(0).path("reused").get(0).asText()).isEqualTo("folder");
    assertThat(j.path("evaders").get(0).path("linked").asBoolean()).isFalse();
    assertThat(j.path("targets").get(0).path("name").asText()).isEqualTo("recall at high");
    assertThat(j.path("all_targets_met").asBoolean()).isFalse();

    String text = e.toText();
    assertThat(text).contains("recall at high", "0.167", ">= 0.95", "FAIL", "flooders at high: u7", "2h 00m");
    List<String> rows = text.lines().filter(l -> l.startsWith("recall at high") || l.startsWith("precision at high"))
        .toList();
    assertThat(rows).hasSize(2);
    // Aligned: the value column ends at the same place in both rows.
    assertThat(rows.get(0).indexOf("0.167") + 5).isEqualTo(rows.get(1).indexOf("0.500") + 5);
  }

  @Test
  void pooledScenariosCountEveryAccountOnce() throws IOException {
    Evaluation a = score(verdict("u1", "high", "x", "2019-01-01T03:00:00Z", null) + "\n", "");
    Evaluation b = Evaluation.read("seed 2", truth(), events(),
        write("v2.jsonl", verdict("u1", "high", "x", "2019-01-01T02:00:00Z", null) + "\n"
            + verdict("u2", "high", "x", "2019-01-01T02:00:00Z", null) + "\n"
            + verdict("u9", "high", null, "2019-01-01T09:00:00Z", null) + "\n"), write("h2.jsonl", ""));

    Evaluation all = Evaluation.pool("all", List.of(a, b));

    assertThat(all.ringAccounts()).isEqualTo(12);
    assertThat(all.recall()).isEqualTo(3 / 12.0);
    assertThat(all.precision()).isEqualTo(3 / 4.0);
    assertThat(all.ordinaryAtHigh()).containsExactly("seed 2/u9");
    assertThat(all.evaders()).hasSize(4).extracting(Evaluation.Evader::evader).contains("seed 1/u4", "seed 2/u6");
    // seed 1: u1 2h; seed 2: u1 1h, u2 0 (flagged as it first acted).
    assertThat(all.timesToFlag()).containsExactly(Duration.ZERO, Duration.ofHours(1), Duration.ofHours(2));
    String table = Evaluation.table(List.of(a, b, all));
    assertThat(table.lines()).anyMatch(l -> l.startsWith("seed 1 ")).anyMatch(l -> l.startsWith("seed 2 "))
        .anyMatch(l -> l.startsWith("all ")).anyMatch(l -> l.startsWith("recall at high") && l.endsWith("FAIL"));
  }

  @Test
  void aLineThatIsNotJsonIsRefusedWithTheFileAndLine() throws IOException {
    Path verdicts = write("verdicts.jsonl", verdict("u1", "high", null, null, null) + "\n{not json\n");

    assertThatThrownBy(() -> Evaluation.read("s", truth(), events(), verdicts, write("hashtags.jsonl", "")))
        .isInstanceOf(IOException.class).hasMessageStartingWith(verdicts + " line 2: not JSON");
    Path badTime = write("v3.jsonl", verdict("u1", "high", null, "yesterday", null) + "\n");
    assertThatThrownBy(() -> Evaluation.read("s", truth(), events(), badTime, write("hashtags.jsonl", "")))
        .isInstanceOf(IOException.class).hasMessageStartingWith(badTime + " line 1: ");
  }
}
