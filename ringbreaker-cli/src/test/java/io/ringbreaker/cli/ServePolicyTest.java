package io.ringbreaker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringbreaker.policy.RulePolicy;
import io.ringbreaker.store.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which policy {@code serve} starts on: --policy FILE, else the one saved from the console, else the shipped default. */
class ServePolicyTest {
  @TempDir Path dir;

  static final String SAVED = """
      policy: saved
      version: 2
      rules:
        - id: everything
          when: "true"
          severity: low
          actions: [monitor]
      """;

  @Test
  void theSavedPolicyIsLoadedAndAnExplicitOneBeatsIt() throws Exception {
    String db = TestDatabases.sqliteUrl(dir);
    Path saved = dir.resolve("policy.yaml"); // beside the SQLite file: the store's home
    Files.writeString(saved, SAVED, StandardCharsets.UTF_8);
    Path explicit = dir.resolve("mine.yaml");
    Files.writeString(explicit, SAVED.replace("policy: saved", "policy: mine"), StandardCharsets.UTF_8);

    try (ServeProcess serve = ServeProcess.start(db, dir.resolve("data"), dir.resolve("logs"))) {
      assertThat(serve.out()).contains("policy " + RulePolicy.parse(SAVED, "x", m -> {}).version()
          + " from the saved policy " + saved.toAbsolutePath());
    }
    try (ServeProcess serve = ServeProcess.start(db, dir.resolve("data"), dir.resolve("logs"),
        "--policy", explicit.toString())) {
      assertThat(serve.out()).contains("policy mine/2#").contains("from the file " + explicit + " (serve --policy");
    }

    Files.writeString(saved, SAVED.replace("severity: low", "severity: lwo"), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ServeProcess.start(db, dir.resolve("data"), dir.resolve("logs")))
        .hasMessageContaining("ringbreaker serve: the saved policy " + saved.toAbsolutePath() + " does not check: "
            + "policy.yaml:6:15: rule 'everything': severity 'lwo' is not one of");
  }
}
