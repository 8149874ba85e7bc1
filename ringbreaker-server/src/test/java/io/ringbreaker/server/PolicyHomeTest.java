package io.ringbreaker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringbreaker.policy.RulePolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the policy in force is kept: precedence, saving in one step, the history. */
class PolicyHomeTest {
  @TempDir Path dir;

  private static RulePolicy policy(int version) {
    return RulePolicy.parse(PolicyPagesTest.STRICT.replace("version: 7", "version: " + version), "x", m -> {});
  }

  @Test
  void anExplicitPolicyFileBeatsTheSavedOneAndTheShippedDefaultIsTheLastResort() throws Exception {
    Path explicit = dir.resolve("mine.yaml");
    PolicyHome saved = PolicyHome.saved(dir);
    assertThat(saved.read(m -> {})).isEmpty();
    assertThat(saved.describe()).startsWith("the shipped default");

    saved.save(Optional.empty(), policy(1));
    Files.writeString(explicit, policy(2).source(), StandardCharsets.UTF_8);

    assertThat(saved.read(m -> {}).orElseThrow().version()).isEqualTo(policy(1).version());
    assertThat(saved.describe()).startsWith("the saved policy " + dir.resolve("policy.yaml"));
    PolicyHome both = new PolicyHome(dir, Optional.of(explicit));
    assertThat(both.read(m -> {}).orElseThrow().version()).isEqualTo(policy(2).version());
    assertThat(both.file()).isEqualTo(explicit);
  }

  @Test
  void aSavedPolicyThatNoLongerChecksStopsTheStartWithEveryProblem() throws Exception {
    Files.writeString(dir.resolve(PolicyHome.SAVED), "policy: x\nversion: 1\nrules: []\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> PolicyHome.saved(dir).read(m -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the saved policy " + dir.resolve("policy.yaml") + " does not check: policy.yaml:3:8: "
            + "rules: the list is empty")
        .hasMessageContaining("move it away to start on the shipped default, or start with --policy FILE");
  }

  @Test
  void savingKeepsBothVersionsAndLeavesTheOperatorsFileModes() throws Exception {
    Path explicit = dir.resolve("conf").resolve("mine.yaml");
    Files.createDirectories(explicit.getParent());
    Files.writeString(explicit, policy(1).source(), StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(explicit, PosixFilePermissions.fromString("rw-r-----"));
    PolicyHome home = new PolicyHome(dir, Optional.of(explicit));

    home.save(Optional.of(policy(1)), policy(2));

    assertThat(Files.readString(explicit, StandardCharsets.UTF_8)).isEqualTo(policy(2).source());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(explicit))).isEqualTo("rw-r-----");
    assertThat(home.history()).extracting(PolicyHome.Kept::fileName).containsExactlyInAnyOrder(
        PolicyHome.historyName(policy(1).version()), PolicyHome.historyName(policy(2).version()));
    assertThat(home.kept(PolicyHome.historyName(policy(1).version()))).hasValue(policy(1).source());
    assertThat(Files.list(explicit.getParent()).map(p -> p.getFileName().toString())).containsExactly("mine.yaml");
    assertThat(home.kept("../mine.yaml")).isEmpty();
    assertThat(home.kept("00000000-nothing.yaml")).isEmpty();
    assertThat(PolicyHome.historyName("strict/7#0a1b2c3d")).isEqualTo("0a1b2c3d-strict-7.yaml");
    assertThat(PolicyHome.historyName("odd/v 1.0 ü#0a1b2c3d")).isEqualTo("0a1b2c3d-odd-v_1.0__.yaml");
  }
}
