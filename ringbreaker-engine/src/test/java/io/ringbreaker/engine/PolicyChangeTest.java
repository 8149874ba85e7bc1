package io.ringbreaker.engine;

import static io.ringbreaker.engine.EngineTest.engine;
import static io.ringbreaker.engine.EngineTest.event;
import static io.ringbreaker.engine.EngineTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringbreaker.model.Severity;
import io.ringbreaker.model.Subject;
import io.ringbreaker.model.Verdict;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.policy.RulePolicy;
import io.ringbreaker.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A policy put in force while the engine runs decides every subject again, and verdicts name it. */
class PolicyChangeTest {
  @TempDir Path dir;

  static final String STRICT = """
      policy: strict
      version: 7
      rules:
        - id: any-listed-tag
          when: family.hashtag > 0.0
          severity: high
          actions: {account: [review, restrict_messaging], content: [review, hide]}
          automatic: [hide]
        - id: rest
          when: "true"
          severity: low
          actions: [monitor]
      """;

  @Test
  void aNewPolicyDecidesEverySubjectAgainAndTheVerdictsNameIt() {
    Engine e = engine();
    e.apply(event(post("e1", "p1", "u1", "#examplelinks")));
    assertThat(e.verdict(Subject.account("u1")).orElseThrow().severity()).isEqualTo(Severity.LOW);
    assertThat(e.verdict(Subject.account("u1")).orElseThrow().decidedBy().policy()).startsWith("default/3#");
    e.drainChanges();

    RulePolicy strict = RulePolicy.parse(STRICT, "strict.yaml", m -> {});
    e.policy(strict);

    Verdict account = e.verdict(Subject.account("u1")).orElseThrow();
    assertThat(account.severity()).isEqualTo(Severity.HIGH);
    assertThat(account.actions()).containsExactly("review", "restrict_messaging");
    assertThat(account.decidedBy().policy()).isEqualTo(strict.version());
    assertThat(account.decidedBy().rules()).containsExactly("any-listed-tag");
    assertThat(e.verdict(Subject.post("p1")).orElseThrow().decidedBy().automatic()).containsExactly("hide");
    assertThat(e.drainChanges().verdicts()).extracting(Verdict::subject)
        .contains(Subject.account("u1"), Subject.post("p1"));
  }

  @Test
  void aServerFollowsThePolicyFileAndKeepsTheOldOneWhenTheFileBreaks() throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, RulePolicy.defaultSource(), StandardCharsets.UTF_8);
    List<String> problems = new CopyOnWriteArrayList<>();
    try (Store store = Store.openDefault(dir);
         DurablePipeline p = DurablePipeline.open(store, List.of(), List.of(), true)) {
      p.followPolicy(file, problems::add);
      long seq = p.submit(List.of(event(post("e1", "p1", "u1", "#dropboxlinks new")))).join().getLast().seq();
      assertThat(p.awaitProcessed(seq, Duration.ofSeconds(10))).isTrue();
      assertThat(storedVerdict(store, "u1").path("severity").asText()).isNotEqualTo("high");

      Files.writeString(file, STRICT, StandardCharsets.UTF_8);
      Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 2_000));
      String strict = RulePolicy.parse(STRICT, "x", m -> {}).version();
      assertThat(waitFor(() -> storedVerdict(store, "u1").path("decided_by").path("policy").asText().equals(strict)))
          .as("the stored verdict is decided by the new policy; problems: %s", problems).isTrue();
      assertThat(storedVerdict(store, "u1").path("severity").asText()).isEqualTo("high");

      Files.writeString(file, STRICT.replace("severity: high", "severity: hihg"), StandardCharsets.UTF_8);
      Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 4_000));
      assertThat(waitFor(() -> !problems.isEmpty())).isTrue();
      assertThat(problems.getFirst()).contains("policy not reloaded, " + strict + " stays in force")
          .contains("rule 'any-listed-tag': severity 'hihg'");
      assertThat(p.engine().policyVersion()).isEqualTo(strict);
    }
  }

  @Test
  void aDryRunFromAPageStopsAtItsLimitAndSaysSo() throws Exception {
    try (Store store = Store.openDefault(dir);
         DurablePipeline p = DurablePipeline.open(store, List.of(), List.of(), true)) {
      long seq = p.submit(List.of(event(post("e1", "p1", "u1", "#dropboxlinks new")),
          event(post("e2", "p2", "u2", "#dropboxlinks new")))).join().getLast().seq();
      assertThat(p.awaitProcessed(seq, Duration.ofSeconds(10))).isTrue();
      RulePolicy strict = RulePolicy.parse(STRICT, "x", m -> {});

      PolicyDryRun.Report all = PolicyDryRun.run(store, strict, c -> {});
      List<PolicyDryRun.Change> seen = new ArrayList<>();
      PolicyDryRun.Report first = PolicyDryRun.run(store, strict, 2, seen::add);

      assertThat(all.complete()).isTrue();
      assertThat(all.subjects()).isEqualTo(4); // two accounts, two posts
      assertThat(first.complete()).isFalse();
      assertThat(first.subjects()).isEqualTo(2);
      assertThat(seen).hasSize((int) first.changed());
      assertThat(PolicyDryRun.run(store, strict, 4, c -> {}).complete()).as("exactly the limit is all").isTrue();
    }
  }

  @Test
  void aPolicyAlreadyInForceIsNotPutInForceAgain() throws Exception {
    try (Store store = Store.openDefault(dir);
         DurablePipeline p = DurablePipeline.open(store, List.of(), List.of(), true)) {
      String before = p.engine().policyVersion();
      RulePolicy strict = RulePolicy.parse(STRICT, "x", m -> {});

      assertThat(p.policy(strict).get(10, java.util.concurrent.TimeUnit.SECONDS)).hasValue(before);
      assertThat(p.policy(RulePolicy.parse(STRICT, "y", m -> {})).get(10, java.util.concurrent.TimeUnit.SECONDS))
          .as("the same text is the same version").isEmpty();
      assertThat(p.engine().policyVersion()).isEqualTo(strict.version());
    }
  }

  private static JsonNode storedVerdict(Store store, String account) {
    try {
      return ContractJson.mapper().readTree(store.state().verdict("account", account).orElseThrow().json());
    } catch (Exception ex) {
      throw new AssertionError(ex);
    }
  }

  private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }
}
