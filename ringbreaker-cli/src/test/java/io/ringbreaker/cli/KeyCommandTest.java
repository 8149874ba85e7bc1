package io.ringbreaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.store.Store;
import io.ringbreaker.store.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ringbreaker key …} on a real store. */
class KeyCommandTest {
  @TempDir Path dir;
  String db;

  @BeforeEach
  void store() {
    db = TestDatabases.sqliteUrl(dir);
  }

  private MainTest.Run run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--db");
    all.add(db);
    return MainTest.run(all.toArray(String[]::new));
  }

  @Test
  void addPrintsTheKeyOnceListShowsItsScopesAndRevokeEndsIt() {
    MainTest.Run add = run("key", "add", "platform", "--scope", "events:write,verdicts:read");

    assertThat(add.exit()).as(add.err()).isZero();
    assertThat(add.out()).contains("added API key platform (events:write, verdicts:read)");
    Matcher m = Pattern.compile("key: (rbk_\\S{43})").matcher(add.out());
    assertThat(m.find()).as(add.out()).isTrue();
    String key = m.group(1);
    try (Store store = Store.open(db)) {
      assertThat(store.apiKeys().authenticate(key)).hasValueSatisfying(k ->
          assertThat(k.scopes()).containsExactly("events:write", "verdicts:read"));
    }

    MainTest.Run list = run("key", "list");
    assertThat(list.out()).contains("platform").contains(key.substring(0, 10)).contains("active")
        .contains("events:write,verdicts:read").doesNotContain(key);

    MainTest.Run revoke = run("key", "revoke", "platform");
    assertThat(revoke.exit()).as(revoke.err()).isZero();
    assertThat(revoke.out()).contains("revoked API key platform (" + key.substring(0, 10) + "…");
    assertThat(run("key", "list").out()).contains("revoked ");
    try (Store store = Store.open(db)) {
      assertThat(store.apiKeys().authenticate(key)).isEmpty();
      List<String> audit = new ArrayList<>();
      store.audit().export(e -> audit.add(e.actor() + " " + e.action() + " " + e.target() + " " + e.detailJson()));
      String actor = "cli:" + System.getProperty("user.name");
      assertThat(audit).hasSize(2);
      assertThat(audit.get(0)).startsWith(actor + " apikey.create api-key:platform ")
          .contains("\"scopes\":[\"events:write\",\"verdicts:read\"]").doesNotContain(key.substring(10));
      assertThat(audit.get(1)).startsWith(actor + " apikey.revoke api-key:platform ");
    }
  }

  @Test
  void mistakesAreNamed() {
    MainTest.Run badScope = run("key", "add", "x", "--scope", "events:write,everything");
    MainTest.Run noScope = run("key", "add", "x");
    MainTest.Run badName = run("key", "add", "two words", "--scope", "admin");
    run("key", "add", "dup", "--scope", "admin");
    MainTest.Run dup = run("key", "add", "dup", "--scope", "admin");
    MainTest.Run nobody = run("key", "revoke", "nobody");

    assertThat(badScope.exit()).isEqualTo(2);
    assertThat(badScope.err()).contains("ringbreaker key add: unknown API key scope \"everything\" (expected "
        + "events:write, verdicts:read, actions:write, lookup:read, admin)");
    assertThat(noScope.exit()).isEqualTo(2);
    assertThat(noScope.err()).contains("Missing required option: '--scope=SCOPE'");
    assertThat(badName.err()).contains("API key name \"two words\" must be 1 to 64 letters, digits, '.', '_' or '-'");
    assertThat(dup.err()).contains("an API key named \"dup\" is in use: revoke it first, or choose another name");
    assertThat(nobody.exit()).isEqualTo(2);
    assertThat(nobody.err()).contains("ringbreaker key revoke: no API key named \"nobody\" is in use (see: ringbreaker key list)");
  }
}
