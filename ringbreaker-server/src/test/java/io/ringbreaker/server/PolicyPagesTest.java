package io.ringbreaker.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.policy.RulePolicy;
import io.ringbreaker.store.AuditEntry;
import io.ringbreaker.store.Role;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /admin/policy over HTTP on a real server: who may see it, a dry run that finds problems or
 * changes, applying only the text that was dry-run, and the applied policy surviving a restart.
 */
class PolicyPagesTest {
  @TempDir Path dir;

  /** Any use of a listed tag is high: the default policy leaves a single #dropboxlinks post low. */
  static final String STRICT = """
      policy: strict
      version: 7
      description: "tighter for the <script>alert(1)</script> test"
      rules:
        - id: any-listed-tag
          when: family.hashtag > 0.0
          severity: high
          actions: {account: [review, restrict_messaging], content: [review, hide]}
          automatic: [hide]
          reason: "a listed tag: <img src=x onerror=alert(2)>"
        - id: rest
          when: "true"
          severity: low
          actions: [monitor]
      """;

  private static String csrf(Served.Browser b) {
    return "&csrf=" + Served.enc(b.csrf());
  }

  private static HttpResponse<String> dryRun(Served s, Served.Browser b, String text) {
    return s.postForm(b, "/admin/policy/dry-run", "text=" + Served.enc(text) + csrf(b));
  }

  private static HttpResponse<String> apply(Served s, Served.Browser b, String text, String sha) {
    return s.postForm(b, "/admin/policy/apply", "text=" + Served.enc(text) + "&sha256=" + sha + csrf(b));
  }

  private static String sha(HttpResponse<String> dryRun) {
    Matcher m = Pattern.compile("name=sha256 value=([0-9a-f]{64})>").matcher(dryRun.body());
    assertThat(m.find()).as("an apply form on the dry run's page: %s", dryRun.body()).isTrue();
    return m.group(1);
  }

  private static List<AuditEntry> audit(Served s, String action) {
    List<AuditEntry> out = new ArrayList<>();
    s.store.audit().export(e -> {
      if (e.action().equals(action)) {
        out.add(e);
      }
    });
    return out;
  }

  private static void postListedTag(Served s) {
    assertThat(s.postEvents(Events.array(List.of(Events.postText("e1", "u1", "p1", "#dropboxlinks new"))))
        .statusCode()).isEqualTo(200);
    s.awaitProcessed();
  }

  private static JsonNode verdict(Served s, String account) {
    return Served.json(s.get("/v1/verdicts?subject_type=account&subject_id=" + account)).path("verdicts").path(0);
  }

  @Test
  void reviewersAndViewersAreRefusedLeadsReadAndAdminsSeeEverything() {
    try (Served s = Served.start(Served.Vendor.SQLITE, dir)) {
      for (Role role : List.of(Role.VIEWER, Role.REVIEWER)) {
        Served.Browser b = s.signIn(role.wire() + "1", role);
        assertThat(s.getAs(b, "/admin/policy").statusCode()).as(role.wire()).isEqualTo(403);
        assertThat(s.getAs(b, "/admin/keys").statusCode()).as(role.wire()).isEqualTo(403);
        assertThat(dryRun(s, b, STRICT).statusCode()).as(role.wire()).isEqualTo(403);
      }
      Served.Browser lead = s.signIn("lena", Role.LEAD);
      HttpResponse<String> read = s.getAs(lead, "/admin/policy");
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(read.body()).contains("default/3#").contains("known-image").doesNotContain("name=text")
          .contains("Admins change the policy here").contains("href=/admin/policy accesskey=p")
          .doesNotContain("href=/admin/keys");
      assertThat(dryRun(s, lead, STRICT).statusCode()).as("a lead cannot dry-run").isEqualTo(403);
      assertThat(s.getAs(lead, "/admin/keys").statusCode()).isEqualTo(403);

      Served.Browser admin = s.signIn("ada", Role.ADMIN);
      HttpResponse<String> page = s.getAs(admin, "/admin/policy");
      String version = s.pipeline.engine().policyVersion();
      assertThat(page.body()).contains("In force: <b>" + version + "</b>")
          .contains("digest <code>" + version.substring(version.indexOf('#') + 1) + "</code>")
          .contains("the shipped default").contains("<li id=L1># Ringbreaker&#39;s default policy.")
          .contains("<td><b>high-score</b>").contains("<code>score &gt;= 0.70</code>")
          .contains("name=text").contains("accesskey=y>Dry run</button> <kbd>Alt+Y</kbd>")
          .contains("href=/admin/keys accesskey=i").contains("No change recorded yet");
      // A long policy (well past a servlet container's usual 200 kB form limit) is tried like a short one.
      HttpResponse<String> large = dryRun(s, admin, STRICT + ("# a comment line to make the text long\n").repeat(10_000));
      assertThat(large.statusCode()).as(large.body()).isEqualTo(200);
      assertThat(large.body()).contains("Dry run of strict/7#");
    }
  }

  @Test
  void aPolicyThatDoesNotCheckIsShownWithLineAndColumnAndNothingChanges() {
    try (Served s = Served.start(Served.Vendor.SQLITE, dir)) {
      postListedTag(s);
      Served.Browser admin = s.signIn("ada", Role.ADMIN);
      String before = s.pipeline.engine().policyVersion();
      String broken = STRICT.replace("family.hashtag > 0.0", "famly.hashtag > 0.0").replace("severity: low", "severity: lwo");

      HttpResponse<String> r = dryRun(s, admin, broken);

      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("2 problems; nothing was tried and nothing changed")
          .contains("draft.yaml:6:11: rule &#39;any-listed-tag&#39;: when: undeclared reference to &#39;famly&#39;")
          .contains("<a href=#L6>line 6, column 11</a>")
          .contains("draft.yaml:13:15: rule &#39;rest&#39;: severity &#39;lwo&#39; is not one of")
          .doesNotContain("action=/admin/policy/apply");
      HttpResponse<String> yaml = dryRun(s, admin, "policy: x\nrules: [\n");
      assertThat(yaml.statusCode()).isEqualTo(400);
      assertThat(yaml.body()).containsPattern("draft\\.yaml:3:1: not valid YAML");
      assertThat(s.pipeline.engine().policyVersion()).isEqualTo(before);
      assertThat(verdict(s, "u1").path("decided_by").path("policy").asText()).isEqualTo(before);
      assertThat(dir.resolve("data").resolve(PolicyHome.SAVED)).doesNotExist();
      assertThat(audit(s, "policy.change")).isEmpty();
    }
  }

  @Test
  void aDryRunShowsWhatChangesOnlyThatTextIsAppliedAndItSurvivesARestart() throws Exception {
    Path data = dir.resolve("data");
    String strict = RulePolicy.parse(STRICT, "x", m -> {}).version();
    String before;
    try (Served s = Served.start(Served.Vendor.SQLITE, dir)) {
      postListedTag(s);
      before = s.pipeline.engine().policyVersion();
      assertThat(verdict(s, "u1").path("severity").asText()).isNotEqualTo("high");
      Served.Browser admin = s.signIn("ada", Role.ADMIN);

      HttpResponse<String> tried = dryRun(s, admin, STRICT);

      assertThat(tried.statusCode()).as(tried.body()).isEqualTo(200);
      assertThat(tried.body()).contains("Dry run of " + strict).contains("Nothing was applied")
          .contains("<td>account:u1</td>").contains("→ <b>high</b>")
          .contains("any-listed-tag").contains("Apply " + strict + "</button> <kbd>Alt+A</kbd>");
      assertThat(s.pipeline.engine().policyVersion()).as("a dry run applies nothing").isEqualTo(before);
      String sha = sha(tried);

      HttpResponse<String> edited = apply(s, admin, STRICT + "# edited after the dry run\n", sha);
      assertThat(edited.statusCode()).isEqualTo(409);
      assertThat(edited.body()).contains("Not applied: this text is not the one that was dry-run");
      String other = STRICT.replace("version: 7", "version: 8");
      HttpResponse<String> untried = apply(s, admin, other, sha256(other));
      assertThat(untried.statusCode()).isEqualTo(409);
      assertThat(untried.body()).contains("this text has not been dry-run here in the last 60 minutes");
      assertThat(s.postForm(admin, "/admin/policy/apply", "text=" + Served.enc(STRICT) + "&sha256=" + sha).statusCode())
          .as("without the CSRF token").isEqualTo(403);
      assertThat(s.pipeline.engine().policyVersion()).isEqualTo(before);

      // A browser sends the form's line breaks as CR LF: the same text all the same.
      HttpResponse<String> applied = apply(s, admin, STRICT.replace("\n", "\r\n"), sha);

      assertThat(applied.statusCode()).as(applied.body()).isEqualTo(303);
      assertThat(s.pipeline.engine().policyVersion()).isEqualTo(strict);
      JsonNode v = verdict(s, "u1");
      assertThat(v.path("decided_by").path("policy").asText()).isEqualTo(strict);
      assertThat(v.path("severity").asText()).isEqualTo("high");
      assertThat(Files.readString(data.resolve(PolicyHome.SAVED), StandardCharsets.UTF_8)).isEqualTo(STRICT);
      assertThat(Files.list(data.resolve(PolicyHome.HISTORY)).map(p -> p.getFileName().toString()).toList())
          .containsExactlyInAnyOrder(PolicyHome.historyName(before), PolicyHome.historyName(strict));
      // The file's follower reads the version now in force and leaves it: one change, not two.
      Thread.sleep(2_500);
      List<AuditEntry> changes = audit(s, "policy.change");
      assertThat(changes).hasSize(1);
      JsonNode detail = ContractJson.mapper().readTree(changes.getFirst().detailJson());
      assertThat(changes.getFirst().actor()).isEqualTo("ada");
      assertThat(changes.getFirst().target()).isEqualTo("policy:strict");
      assertThat(detail.path("from").asText()).isEqualTo(before);
      assertThat(detail.path("to").asText()).isEqualTo(strict);
      assertThat(detail.path("dry_run_by").asText()).isEqualTo("ada");
      assertThat(audit(s, "policy.dry_run")).hasSize(1);

      String page = s.getAs(admin, applied.headers().firstValue("Location").orElseThrow()).body();
      assertThat(page).contains(strict + " is in force; every subject was decided again")
          .contains("In force: <b>" + strict + "</b>").contains("the saved policy " + data.resolve(PolicyHome.SAVED))
          .contains("<td>ada</td>")
          .contains("<a href=\"/admin/policy/history/" + PolicyHome.historyName(before) + "\">" + before + "</a>");
      // What an analyst typed is text on every page, never markup.
      assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("&lt;img src=x onerror=alert(2)&gt;");
      assertThat(tried.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
      for (String html : List.of(page, tried.body(), edited.body())) {
        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script").doesNotContain("<img");
      }
      HttpResponse<String> kept = s.getAs(admin, "/admin/policy/history/" + PolicyHome.historyName(before));
      assertThat(kept.statusCode()).isEqualTo(200);
      assertThat(kept.body()).contains("<li id=L1># Ringbreaker&#39;s default policy.").contains("Go back to it");
      assertThat(s.getAs(admin, "/admin/policy/history/..%2Fpolicy.yaml").statusCode()).isEqualTo(404);
    }

    try (Served again = Served.start(Served.Vendor.SQLITE, dir)) {
      assertThat(again.pipeline.engine().policyVersion()).as("the saved policy is loaded on start").isEqualTo(strict);
      assertThat(verdict(again, "u1").path("decided_by").path("policy").asText()).isEqualTo(strict);
      Served.Browser admin = again.signIn("ada");
      assertThat(again.getAs(admin, "/admin/policy").body()).contains("In force: <b>" + strict + "</b>")
          .contains("the saved policy");
    }
  }

  @Test
  void withAPolicyFileTheConsoleWritesThatFileAndThePolicyChangesOnce() throws Exception {
    Path file = dir.resolve("my-policy.yaml");
    Files.writeString(file, RulePolicy.defaultSource(), StandardCharsets.UTF_8);
    String strict = RulePolicy.parse(STRICT, "x", m -> {}).version();
    try (Served s = Served.start(Served.Vendor.SQLITE, dir,
        c -> c.withPolicy(new PolicyHome(c.dataDir(), Optional.of(file))))) {
      postListedTag(s);
      Served.Browser admin = s.signIn("ada", Role.ADMIN);
      assertThat(s.getAs(admin, "/admin/policy").body()).contains("the file " + file + " (serve --policy");

      HttpResponse<String> applied = apply(s, admin, STRICT, sha(dryRun(s, admin, STRICT)));

      assertThat(applied.statusCode()).as(applied.body()).isEqualTo(303);
      assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(STRICT);
      assertThat(Files.exists(dir.resolve("data").resolve(PolicyHome.SAVED))).as("--policy's file, not the saved one")
          .isFalse();
      Thread.sleep(2_500);
      assertThat(audit(s, "policy.change")).hasSize(1);
      assertThat(s.pipeline.engine().policyVersion()).isEqualTo(strict);

      // Editing the file by hand is followed, and recorded too.
      String hand = STRICT.replace("version: 7", "version: 9");
      Files.writeString(file, hand, StandardCharsets.UTF_8);
      Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
      String nine = RulePolicy.parse(hand, "x", m -> {}).version();
      // The follower records the change once the re-decided verdicts are committed, just after the switch.
      for (int i = 0; i < 100 && audit(s, "policy.change").size() < 2; i++) {
        Thread.sleep(100);
      }
      assertThat(s.pipeline.engine().policyVersion()).isEqualTo(nine);
      assertThat(audit(s, "policy.change")).extracting(AuditEntry::actor).containsExactly("ada", "system");
    }
  }

  /** The SHA-256 the apply form carries, computed as a client that never dry-ran would. */
  private static String sha256(String text) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
