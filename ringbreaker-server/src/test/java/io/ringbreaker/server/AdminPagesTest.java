package io.ringbreaker.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.store.AuditEntry;
import io.ringbreaker.store.Role;
import io.ringbreaker.store.User;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** /admin/users and /admin/audit as an admin uses them: changes audited, output escaped. */
class AdminPagesTest {
  @TempDir Path dir;

  private static List<AuditEntry> audit(Served s) {
    List<AuditEntry> out = new ArrayList<>();
    s.store.audit().export(out::add);
    return out;
  }

  private static String csrf(Served.Browser b) {
    return "&csrf=" + Served.enc(b.csrf());
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void anAdminAddsPeopleChangesTheirRoleAndDisablesThem(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      Served.Browser admin = s.signIn("ada", Role.ADMIN);

      HttpResponse<String> add = s.postForm(admin, "/admin/users",
          "name=rita&role=reviewer&password=" + Served.enc(Served.PASSWORD) + csrf(admin));
      assertThat(add.statusCode()).as(add.body()).isEqualTo(303);
      assertThat(s.store.users().find("rita").orElseThrow().role()).isEqualTo(Role.REVIEWER);

      HttpResponse<String> shortPassword = s.postForm(admin, "/admin/users",
          "name=sam&role=viewer&password=short" + csrf(admin));
      assertThat(shortPassword.statusCode()).isEqualTo(400);
      assertThat(shortPassword.body()).contains("password must be at least 12 characters, got 5");
      HttpResponse<String> taken = s.postForm(admin, "/admin/users",
          "name=RITA&role=viewer&password=" + Served.enc("twelve chars!") + csrf(admin));
      assertThat(taken.body()).contains("user name &quot;RITA&quot; is taken (by &quot;rita&quot;)");

      assertThat(s.postForm(admin, "/admin/users/rita/role", "role=lead" + csrf(admin)).statusCode()).isEqualTo(303);
      assertThat(s.store.users().find("rita").orElseThrow().role()).isEqualTo(Role.LEAD);
      HttpResponse<String> self = s.postForm(admin, "/admin/users/ada/role", "role=viewer" + csrf(admin));
      assertThat(self.statusCode()).isEqualTo(400);
      assertThat(self.body()).contains("you cannot change your own role");

      Served.Browser rita = s.signIn("rita");
      assertThat(s.postForm(admin, "/admin/users/rita/disable", csrf(admin).substring(1)).statusCode()).isEqualTo(303);
      assertThat(s.store.users().find("rita").orElseThrow().disabled()).isTrue();
      assertThat(s.getAs(rita, "/").statusCode()).as("her session ended").isEqualTo(302);

      HttpResponse<String> page = s.getAs(admin, "/admin/users");
      assertThat(page.body()).contains("<b>rita</b>").contains("disabled").contains("accesskey=n")
          .contains("<kbd>Alt+N</kbd>");

      assertThat(audit(s)).filteredOn(e -> e.action().startsWith("user."))
          .extracting(e -> e.actor() + " " + e.action() + " " + e.target() + " " + e.detailJson())
          .containsExactly("ada user.create user:rita {\"role\":\"reviewer\"}",
              "ada user.role user:rita {\"from\":\"reviewer\",\"to\":\"lead\"}",
              "ada user.disable user:rita {}");
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void theAuditPageFiltersPagesVerifiesAndRecordsEachView(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      Served.Browser admin = s.signIn("ada", Role.ADMIN);
      for (int i = 0; i < 60; i++) {
        s.store.audit().append("rev" + (i % 2), "media.reveal", "media:" + i, "{}");
      }

      HttpResponse<String> first = s.getAs(admin, "/admin/audit");
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.body()).contains("audit.view").contains("media:59").doesNotContain("media:5<")
          .contains("Older entries").contains("accesskey=v");
      java.util.regex.Matcher older = java.util.regex.Pattern.compile("href=\"(/admin/audit\\?after=[^\"]+)\"")
          .matcher(first.body());
      assertThat(older.find()).isTrue();
      HttpResponse<String> second = s.getAs(admin, older.group(1).replace("&amp;", "&"));
      assertThat(second.body()).contains("media:0<").contains("login.ok");

      HttpResponse<String> filtered = s.getAs(admin, "/admin/audit?actor=rev1&action=media.reveal");
      assertThat(filtered.body()).contains("media:59").doesNotContain("media:58<");

      HttpResponse<String> verified = s.getAs(admin, "/admin/audit?verify=1");
      assertThat(verified.body()).contains("Chain verified: ok: ");

      // Every view is itself in the log.
      assertThat(audit(s)).filteredOn(e -> e.action().equals("audit.view")).hasSize(4)
          .allSatisfy(e -> assertThat(e.actor()).isEqualTo("ada"));

      allowTampering(s);
      s.sql("UPDATE {schema}audit_log SET target = 'media:x' WHERE seq = 7");
      assertThat(s.getAs(admin, "/admin/audit?verify=1").body()).contains("Chain BROKEN: broken at seq 7: ");
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void theExportIsJsonLinesOldestFirst(Served.Vendor vendor) throws Exception {
    try (Served s = Served.start(vendor, dir)) {
      Served.Browser admin = s.signIn("ada", Role.ADMIN);
      s.store.audit().append("system", "policy.change", "policy:default", "{\"version\":\"default/3\"}");

      HttpResponse<String> r = s.getAs(admin, "/admin/audit/export");

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
      assertThat(r.headers().firstValue("Content-Disposition")).hasValueSatisfying(t -> assertThat(t).contains("attachment"));
      List<String> lines = r.body().lines().toList();
      assertThat(lines).hasSize((int) s.store.audit().count());
      var mapper = io.ringbreaker.model.contract.ContractJson.mapper();
      var firstLine = mapper.readTree(lines.get(0));
      assertThat(firstLine.path("seq").asLong()).isEqualTo(1);
      assertThat(firstLine.path("prev_hash").asText()).isEqualTo("0".repeat(64));
      // Anyone can recompute a hash from the export alone.
      for (String line : lines) {
        var e = mapper.readTree(line);
        assertThat(AuditEntry.chainHash(e.path("prev_hash").asText(), e.path("seq").asLong(), e.path("at_us").asLong(),
            e.path("actor").asText(), e.path("action").asText(), e.path("target").asText(), e.path("detail").asText()))
            .isEqualTo(e.path("hash").asText());
      }
      assertThat(lines.get(lines.size() - 1)).contains("audit.export");
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void hostileNamesAndDetailsAreRenderedInert(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      Served.Browser admin = s.signIn("ada", Role.ADMIN);
      String hostile = "\"><img src=x onerror=alert(1)>";
      s.store.audit().append("<script>alert(2)</script>", "case.decide", "<script>alert(3)</script>",
          "{\"note\":\"" + hostile.replace("\"", "\\\"") + "\"}");
      // A name with markup is refused at the door…
      HttpResponse<String> add = s.postForm(admin, "/admin/users",
          "name=" + Served.enc("<script>") + "&role=viewer&password=" + Served.enc("long enough pass") + csrf(admin));
      assertThat(add.statusCode()).isEqualTo(400);
      assertThat(add.body()).contains("user name &quot;&lt;script&gt;&quot; must be 1 to 64 letters");
      // …and a failed sign-in with one is recorded without it.
      s.login("<script>alert(4)</script>", "whatever password");

      String html = s.getAs(admin, "/admin/audit").body();
      String filtered = s.getAs(admin, "/admin/audit?target=" + Served.enc("<script>alert(3)</script>")).body();

      assertThat(html).contains("&lt;script&gt;alert(2)&lt;/script&gt;").contains("&lt;script&gt;alert(3)&lt;/script&gt;")
          .contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
      assertThat(filtered).contains("value=\"&lt;script&gt;alert(3)&lt;/script&gt;\"");
      for (String page : List.of(html, filtered, add.body())) {
        String lower = page.toLowerCase(Locale.ROOT);
        assertThat(lower).doesNotContain("<script").doesNotContain("<img").doesNotContain("onerror=alert(1)>");
      }
      User ada = s.store.users().find("ada").orElseThrow();
      assertThat(ada.name()).isEqualTo("ada");
    }
  }

  private static void allowTampering(Served s) {
    if (s.vendor == Served.Vendor.POSTGRES) {
      s.sql("ALTER TABLE {schema}audit_log DISABLE TRIGGER audit_log_append_only");
    } else {
      s.sql("DROP TRIGGER audit_log_no_update");
    }
  }
}
