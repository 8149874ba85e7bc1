package io.ringbreaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.server.auth.FirstAdmin;
import io.ringbreaker.server.auth.PasswordHasher;
import io.ringbreaker.store.AuditEntry;
import io.ringbreaker.store.Role;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ringbreaker user …} and {@code ringbreaker audit …} on a real store. */
class UserAuditCommandTest {
  @TempDir Path dir;
  String db;

  @BeforeEach
  void store() {
    db = TestDatabases.sqliteUrl(dir);
  }

  private MainTest.Run run(String... args) {
    return runWithStdin(null, args);
  }

  /** Runs with {@code stdin} as standard input (null: leave it). */
  private MainTest.Run runWithStdin(String stdin, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--db");
    all.add(db);
    synchronized (MainTest.class) {
      InputStream old = System.in;
      try {
        if (stdin != null) {
          System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        }
        return MainTest.run(all.toArray(String[]::new));
      } finally {
        System.setIn(old);
      }
    }
  }

  private String hashOf(String name) {
    try (Store store = Store.open(db)) {
      return store.users().credentials(name).orElseThrow().passwordHash();
    }
  }

  @Test
  void addWithAGeneratedPasswordPrintsItOnce() {
    MainTest.Run add = run("user", "add", "alice", "--role", "reviewer");

    assertThat(add.exit()).as(add.err()).isZero();
    Matcher m = Pattern.compile("password: (\\S+)").matcher(add.out());
    assertThat(m.find()).as(add.out()).isTrue();
    assertThat(m.group(1)).hasSize(20);
    assertThat(PasswordHasher.verify(m.group(1).toCharArray(), hashOf("alice"))).isTrue();

    MainTest.Run list = run("user", "list");
    assertThat(list.out()).contains("alice").contains("reviewer").contains("active").doesNotContain(m.group(1));
  }

  @Test
  void addReadsThePasswordFromStdinAndChecksIt() {
    MainTest.Run add = runWithStdin("a long enough password\n", "user", "add", "bob", "--role", "lead", "--password-stdin");
    MainTest.Run weak = runWithStdin("short\n", "user", "add", "carol", "--role", "viewer", "--password-stdin");
    MainTest.Run badRole = run("user", "add", "dave", "--role", "boss");
    MainTest.Run taken = run("user", "add", "BOB", "--role", "viewer");

    assertThat(add.exit()).as(add.err()).isZero();
    assertThat(add.out()).contains("added bob (lead)").doesNotContain("password:");
    assertThat(PasswordHasher.verify("a long enough password".toCharArray(), hashOf("bob"))).isTrue();
    assertThat(weak.exit()).isEqualTo(2);
    assertThat(weak.err()).contains("ringbreaker user add: password must be at least 12 characters, got 5");
    assertThat(badRole.exit()).isEqualTo(2);
    assertThat(badRole.err()).contains("'boss' is not one of viewer, reviewer, lead, admin");
    assertThat(taken.exit()).isEqualTo(2);
    assertThat(taken.err()).contains("user name \"BOB\" is taken (by \"bob\")");
  }

  @Test
  void roleDisableAndPasswordChangeAreAudited() {
    run("user", "add", "erin", "--role", "viewer");

    assertThat(run("user", "role", "erin", "admin").out()).contains("erin: viewer -> admin");
    MainTest.Run pw = runWithStdin("another long password", "user", "password", "erin", "--password-stdin");
    assertThat(pw.exit()).as(pw.err()).isZero();
    assertThat(run("user", "disable", "erin").out()).contains("erin: disabled");
    assertThat(run("user", "disable", "nobody").err()).contains("no user named nobody");
    assertThat(run("user", "list").out()).contains("admin").contains("disabled");
    assertThat(PasswordHasher.verify("another long password".toCharArray(), hashOf("erin"))).isTrue();

    try (Store store = Store.open(db)) {
      List<String> actions = new ArrayList<>();
      store.audit().export(e -> actions.add(e.actor() + " " + e.action() + " " + e.target()));
      assertThat(actions).containsExactly("system user.create user:erin", "system user.role user:erin",
          "system user.password user:erin", "system user.disable user:erin");
    }
  }

  @Test
  void auditVerifyAndExport() throws Exception {
    try (Store store = Store.open(db)) {
      store.audit().append("alice", "media.reveal", "media:1", "{}");
      store.audit().append("alice", "case.decide", "case:1", "{\"decision\":\"confirm\"}");
    }

    MainTest.Run ok = run("audit", "verify");
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("audit log ok: 2 entries");

    Path out = dir.resolve("audit.jsonl");
    MainTest.Run export = run("audit", "export", "--out", out.toString());
    assertThat(export.exit()).as(export.err()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(3); // the export records itself first
    assertThat(ContractJson.mapper().readTree(lines.get(1)).path("action").asText()).isEqualTo("case.decide");
    assertThat(ContractJson.mapper().readTree(lines.get(2)).path("action").asText()).isEqualTo("audit.export");
    MainTest.Run toStdout = run("audit", "export");
    assertThat(toStdout.out().lines().count()).isEqualTo(4);

    try (Connection c = DriverManager.getConnection(db); Statement s = c.createStatement()) {
      s.execute("DROP TRIGGER audit_log_no_update");
      s.execute("UPDATE audit_log SET detail = '{\"decision\":\"dismiss\"}' WHERE seq = 2");
    }
    MainTest.Run broken = run("audit", "verify");
    assertThat(broken.exit()).isEqualTo(1);
    assertThat(broken.err()).contains("audit log broken at seq 2: hash does not match the entry's contents");
  }

  @Test
  void theFirstStartCreatesAnAdminWithAPasswordOnlyItsOwnerReads() throws Exception {
    Path data = dir.resolve("data");
    try (Store store = Store.open(db)) {
      FirstAdmin.Bootstrap first = FirstAdmin.ensure(store, data);
      FirstAdmin.Bootstrap again = FirstAdmin.ensure(store, data);

      String password = first.createdPassword().orElseThrow();
      assertThat(again.createdPassword()).isEmpty();
      assertThat(Files.readString(first.file()).trim()).isEqualTo(password);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.file()))).isEqualTo("rw-------");
      assertThat(store.users().find("admin").orElseThrow().role()).isEqualTo(Role.ADMIN);
      assertThat(PasswordHasher.verify(password.toCharArray(),
          store.users().credentials("admin").orElseThrow().passwordHash())).isTrue();
      List<AuditEntry> log = new ArrayList<>();
      store.audit().export(log::add);
      assertThat(log).extracting(AuditEntry::action).containsExactly("user.create");
    }
  }

  @Test
  void helpListsTheNewCommands() {
    assertThat(MainTest.run("--help").out()).contains("user").contains("audit");
    assertThat(MainTest.run("user", "--help").out()).contains("add").contains("disable").contains("password");
  }
}
