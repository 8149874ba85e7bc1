package io.ringbreaker.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringbreaker.model.Severity;
import io.ringbreaker.model.Signal;
import io.ringbreaker.model.Subject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading policy files: what they decide, and every way a file can be wrong. */
class RulePolicyTest {

  static final String HEAD = "policy: test\nversion: 1\nrules:\n";

  static Signal signal(String kind, String value, Map<String, String> detail) {
    return new Signal(kind, value, "e-" + kind + value, Instant.parse("2019-01-02T09:00:00Z"), Optional.empty(), detail);
  }

  static RulePolicy parse(String yaml) {
    return RulePolicy.parse(yaml, "p.yaml", msg -> {});
  }

  static List<String> problems(String yaml) {
    try {
      parse(yaml);
    } catch (PolicyException e) {
      return e.problems();
    }
    throw new AssertionError("the policy was accepted:\n" + yaml);
  }

  @Test
  void firstMatchingRuleDecidesAndAlsoRulesAdd() {
    RulePolicy p = parse(HEAD + """
          - id: kik
            when: "'contact.kik' in kinds"
            severity: high
            actions: [review, restrict_messaging]
          - id: anything
            when: "true"
            severity: low
            actions: [monitor]
          - id: ringed
            also: true
            when: ring != ''
            actions: [preserve]
            reason: in a ring
        """);
    Decision kik = p.decide(Subject.account("a"), List.of(signal("contact.kik", "x", Map.of())));
    assertThat(kik.severity()).isEqualTo(Severity.HIGH);
    assertThat(kik.rules()).containsExactly("kik");
    Decision ringed = p.decide(Subject.account("a"),
        List.of(signal("trade.phrase", "x", Map.of()), signal("ring.member", "ring-4", Map.of("role", "tied"))));
    assertThat(ringed.severity()).isEqualTo(Severity.LOW);
    assertThat(ringed.actions()).containsExactly("monitor", "preserve");
    assertThat(ringed.rules()).containsExactly("anything", "ringed");
    assertThat(ringed.reasons()).last().isEqualTo("in a ring");
  }

  @Test
  void conditionsReadSignalsTheirDetailAndFamilies() {
    RulePolicy p = parse(HEAD + """
          - id: verified-bank
            when: signals.exists(s, s.kind == 'media.hash_match' && s.detail.bank == 'verified')
            severity: critical
            actions: {account: [suspend], content: [remove]}
            automatic: [suspend, remove]
          - id: folders
            when: family.link >= 0.2 && subject.type == 'account'
            severity: medium
            actions: [review]
        """);
    Decision v = p.decide(Subject.post("p"), List.of(signal("media.hash_match", "pdq:1", Map.of("bank", "verified"))));
    assertThat(v.actions()).containsExactly("remove");
    assertThat(v.automatic()).containsExactly("remove");
    Decision other = p.decide(Subject.post("p"), List.of(signal("media.hash_match", "pdq:1", Map.of("bank", "other"))));
    assertThat(other.severity()).isEqualTo(Severity.NONE);
    Decision folder = p.decide(Subject.account("a"),
        List.of(signal("link.cloud_storage", "dropbox:folder:1", Map.of("kind", "folder"))));
    assertThat(folder.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(folder.score()).isEqualTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aConditionThatFailsWhileDecidingIsReportedOnceAndDoesNotHold() {
    List<String> reported = new ArrayList<>();
    RulePolicy p = RulePolicy.parse(HEAD + """
          - id: divides
            when: 1 / (reporters - reporters) > 0
            severity: high
          - id: rest
            when: "true"
            severity: low
        """, "p.yaml", reported::add);
    for (int i = 0; i < 3; i++) {
      assertThat(p.decide(Subject.account("a"), List.of(signal("trade.phrase", "x", Map.of()))).rules())
          .containsExactly("rest");
    }
    assertThat(reported).hasSize(1);
    assertThat(reported.getFirst()).contains("rule 'divides'").contains("by zero");
  }

  @Test
  void aMisspelledVariableIsNamedWithItsLineAndColumn() {
    List<String> p = problems(HEAD + """
          - id: high
            when: scor >= 0.7
            severity: high
        """);
    assertThat(p).hasSize(1);
    assertThat(p.getFirst()).startsWith("p.yaml:5:11: rule 'high': when: undeclared reference to 'scor'");
  }

  @Test
  void aConditionThatIsNotTrueOrFalseIsRefused() {
    assertThat(problems(HEAD + "  - id: x\n    when: score\n    severity: low\n").getFirst())
        .startsWith("p.yaml:5:").contains("rule 'x': when:").contains("bool");
  }

  @Test
  void yamlSyntaxErrorsNameTheLine() {
    assertThat(problems(HEAD + "  - id: x\n    when: true\n   severity: [low\n").getFirst())
        .startsWith("p.yaml:").contains("not valid YAML");
  }

  @Test
  void everyProblemIsListedNotJustTheFirst() {
    List<String> p = problems(HEAD + """
          - id: a
            when: "true"
            severity: urgent
            actions: [review, suspnd]
            automatic: [suspend]
            sevrity: low
          - id: a
            when: "true"
            severity: low
            priority: 500
          - when: "true"
            severity: low
        """);
    assertThat(p).anySatisfy(x -> assertThat(x).startsWith("p.yaml:6:15: rule 'a': severity 'urgent' is not one of"));
    assertThat(p).anySatisfy(x -> assertThat(x).startsWith("p.yaml:7:23: rule 'a': actions: unknown action 'suspnd'"));
    assertThat(p).anySatisfy(x -> assertThat(x).contains("rule 'a': automatic: 'suspend' is not among the rule's actions"));
    assertThat(p).anySatisfy(x -> assertThat(x).startsWith("p.yaml:9:5: rule 'a': unknown key 'sevrity'"));
    assertThat(p).anySatisfy(x -> assertThat(x).startsWith("p.yaml:10:9: rule 2: id 'a' is used by an earlier rule"));
    assertThat(p).anySatisfy(x -> assertThat(x).contains("rule 'a': priority must be 0 to 100 (got 500)"));
    assertThat(p).anySatisfy(x -> assertThat(x).contains("rule 3: 'id' is required"));
  }

  @Test
  void aRuleWithoutSeverityMustBeAnAlsoRule() {
    assertThat(problems(HEAD + "  - id: x\n    when: 'true'\n").getFirst())
        .isEqualTo("p.yaml:4:5: rule 'x': 'severity' is required (only an 'also' rule may leave it out)");
  }

  @Test
  void notAPolicyAtAll() {
    assertThat(problems("- just\n- a list\n").getFirst()).startsWith("p.yaml:1:1: a policy is a mapping");
    assertThat(problems("").getFirst()).startsWith("p.yaml: empty");
    assertThat(problems("policy: x\nversion: 1\nrules: []\n").getFirst()).contains("the list is empty");
  }

  @Test
  void yamlBombsAreRefused() {
    StringBuilder y = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (int i = 0; i < 12; i++) {
      y.append("b").append(i).append(": &b").append(i).append(" [*").append(i == 0 ? "a" : "b" + (i - 1))
          .append(", *").append(i == 0 ? "a" : "b" + (i - 1)).append("]\n");
    }
    assertThat(problems(y.toString()).getFirst()).contains("not valid YAML");
  }

  @Test
  void aFileThatIsNotUtf8OrMissingSaysSo(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.write(bad, new byte[] {'p', ':', ' ', (byte) 0xC3, (byte) 0x28});
    assertThatThrownBy(() -> RulePolicy.read(bad, m -> {})).hasMessage("bad.yaml: not UTF-8 text");
    assertThatThrownBy(() -> RulePolicy.read(dir.resolve("none.yaml"), m -> {})).hasMessageEndingWith("none.yaml: no such file");
  }

  @Test
  void theSameTextHasTheSameVersionAndAnEditChangesIt(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("p.yaml");
    Files.writeString(f, HEAD + "  - id: x\n    when: 'true'\n    severity: low\n", StandardCharsets.UTF_8);
    String v1 = RulePolicy.read(f, m -> {}).version();
    assertThat(RulePolicy.read(f, m -> {}).version()).isEqualTo(v1);
    Files.writeString(f, HEAD + "  - id: x\n    when: 'true'\n    severity: medium\n", StandardCharsets.UTF_8);
    assertThat(RulePolicy.read(f, m -> {}).version()).startsWith("test/1#").isNotEqualTo(v1);
  }
}
