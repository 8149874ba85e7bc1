package io.ringbreaker.server;

import static io.ringbreaker.server.Served.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.store.AuditEntry;
import io.ringbreaker.store.Role;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** People signing in over real HTTP: sessions, lockout, rate limits, fixation, CSRF and roles. */
class ConsoleAuthTest {
  @TempDir Path dir;

  private static List<AuditEntry> audit(Served s) {
    List<AuditEntry> out = new ArrayList<>();
    s.store.audit().export(out::add);
    return out;
  }

  private static String cookieOf(HttpResponse<String> r) {
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void theRightPasswordOpensASessionAndAWrongOneDoesNot(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      s.person("alice", Role.REVIEWER);

      HttpResponse<String> wrong = s.login("alice", "not the password at all");
      HttpResponse<String> nobody = s.login("nobody", "not the password at all");
      HttpResponse<String> ok = s.login("ALICE", Served.PASSWORD);

      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
      // Whether the name exists is not told: the same answer either way.
      assertThat(nobody.statusCode()).isEqualTo(401);
      assertThat(nobody.body()).contains("Wrong user name or password, or too many failed attempts");
      assertThat(wrong.body()).contains("Wrong user name or password, or too many failed attempts");

      assertThat(ok.statusCode()).isEqualTo(303);
      assertThat(ok.headers().firstValue("Location")).hasValue("/");
      String setCookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(setCookie).startsWith("rb_session=").contains("HttpOnly").contains("SameSite=Strict")
          .contains("Path=/").doesNotContain("Secure"); // plain http here
      assertThat(s.send(s.request("/").header("Cookie", cookieOf(ok)).GET()).statusCode()).isEqualTo(200);

      List<AuditEntry> log = audit(s);
      assertThat(log).extracting(AuditEntry::action).containsExactly("login.failed", "login.failed", "login.ok");
      assertThat(log.get(0).target()).isEqualTo("user:alice");
      assertThat(log.get(0).detailJson()).contains("\"reason\":\"wrong password\"");
      assertThat(log.get(2).actor()).isEqualTo("alice");
      assertThat(log).allSatisfy(e -> assertThat(e.detailJson()).doesNotContain("not the password")
          .doesNotContain(Served.PASSWORD));
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void fiveFailuresLockTheNameAndTheRightPasswordIsRefusedWhileLocked(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      s.person("bob", Role.REVIEWER);
      for (int i = 0; i < 5; i++) {
        assertThat(s.login("bob", "guess number " + i).statusCode()).isEqualTo(401);
      }

      HttpResponse<String> right = s.login("bob", Served.PASSWORD);

      assertThat(right.statusCode()).isEqualTo(401);
      assertThat(right.headers().firstValue("Set-Cookie")).isEmpty();
      assertThat(right.body()).contains("Wrong user name or password, or too many failed attempts");
      assertThat(audit(s).get(4).detailJson()).contains("locked_until");
      assertThat(audit(s).get(5).detailJson()).contains("\"reason\":\"locked\"");
      // Another person is not affected.
      s.person("carol", Role.VIEWER);
      assertThat(s.login("carol", Served.PASSWORD).statusCode()).isEqualTo(303);
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void oneAddressFailingTwentyTimesGets429WithRetryAfter(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      s.person("dana", Role.VIEWER);
      for (int i = 0; i < 20; i++) {
        assertThat(s.login("user" + i, "wrong password " + i).statusCode()).isEqualTo(401);
      }

      HttpResponse<String> limited = s.login("dana", Served.PASSWORD);

      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(v ->
          assertThat(Long.parseLong(v)).isBetween(1L, 600L));
      assertThat(limited.body()).contains("Too many failed sign-ins from your address");
      assertThat(limited.headers().firstValue("Set-Cookie")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void aSessionIdFromBeforeSignInIsNeverTheOneAfter(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      s.person("erin", Role.REVIEWER);
      // An attacker plants a session: a real one of their own, or a made-up id.
      s.person("mallory", Role.VIEWER);
      String planted = s.signIn("mallory").cookie();

      HttpResponse<String> r = s.login("erin", Served.PASSWORD, planted);

      String after = cookieOf(r);
      assertThat(after).startsWith("rb_session=").isNotEqualTo(planted);
      assertThat(s.send(s.request("/").header("Cookie", planted).GET()).statusCode())
          .as("the planted session was ended").isEqualTo(302);
      assertThat(s.send(s.request("/").header("Cookie", after).GET()).body()).contains("signed in as <b>erin</b>");

      HttpResponse<String> madeUp = s.login("erin", Served.PASSWORD, "rb_session=" + "A".repeat(43));
      assertThat(cookieOf(madeUp)).isNotEqualTo("rb_session=" + "A".repeat(43));
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void logoutEndsTheSession(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      Served.Browser b = s.signIn("finn", Role.VIEWER);

      HttpResponse<String> noToken = s.postForm(b, "/logout", "");
      assertThat(noToken.statusCode()).as("logout needs the CSRF token too").isEqualTo(403);
      HttpResponse<String> out = s.postForm(b, "/logout", "csrf=" + Served.enc(b.csrf()));

      assertThat(out.statusCode()).isEqualTo(303);
      assertThat(out.headers().firstValue("Location")).hasValue("/login");
      assertThat(out.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
      assertThat(s.getAs(b, "/").statusCode()).isEqualTo(302);
      assertThat(audit(s)).extracting(AuditEntry::action).endsWith("logout");
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void consolePostsNeedTheSessionsCsrfToken(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      Served.Browser admin = s.signIn("ada", Role.ADMIN);
      String form = "name=gus&role=viewer&password=" + Served.enc("a long enough password");

      HttpResponse<String> missing = s.postForm(admin, "/admin/users", form);
      HttpResponse<String> wrong = s.postForm(admin, "/admin/users", form + "&csrf=" + "x".repeat(43));
      HttpResponse<String> otherSessions = s.postForm(admin, "/admin/users",
          form + "&csrf=" + Served.enc(s.signIn("ada").csrf()));
      HttpResponse<String> header = s.send(s.request("/admin/users").header("Cookie", admin.cookie())
          .header("Content-Type", "application/x-www-form-urlencoded").header("X-CSRF-Token", "nope")
          .POST(HttpRequest.BodyPublishers.ofString(form)));

      assertThat(missing.statusCode()).isEqualTo(403);
      assertThat(missing.body()).contains("missing CSRF token");
      assertThat(wrong.statusCode()).isEqualTo(403);
      assertThat(wrong.body()).contains("wrong CSRF token");
      assertThat(otherSessions.statusCode()).as("a token is good for its own session only").isEqualTo(403);
      assertThat(header.statusCode()).isEqualTo(403);
      assertThat(s.store.users().find("gus")).isEmpty();

      HttpResponse<String> right = s.postForm(admin, "/admin/users", form + "&csrf=" + Served.enc(admin.csrf()));
      HttpResponse<String> rightHeader = s.send(s.request("/admin/users").header("Cookie", admin.cookie())
          .header("Content-Type", "application/x-www-form-urlencoded").header("X-CSRF-Token", admin.csrf())
          .POST(HttpRequest.BodyPublishers.ofString(form.replace("gus", "hal"))));

      assertThat(right.statusCode()).as(right.body()).isEqualTo(303);
      assertThat(rightHeader.statusCode()).as(rightHeader.body()).isEqualTo(303);
      assertThat(s.store.users().find("gus")).isPresent();
      assertThat(s.store.users().find("hal")).isPresent();
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void bearerApiCallsNeedNoCsrfToken(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      assertThat(s.postEvents(Events.json(Events.post("e1", "u1", "p1"))).statusCode()).isEqualTo(200);
      s.store.outbox().enqueue(List.of(io.ringbreaker.store.OutboxAction.create("a1", "account", "u1", "suspend",
          "{}", io.ringbreaker.store.OutboxState.AWAITING_PERSON, java.time.Instant.now())));

      HttpResponse<String> approve = s.send(s.authorized("/v1/actions/a1/approve").POST(HttpRequest.BodyPublishers.noBody()));

      assertThat(approve.statusCode()).as(approve.body()).isEqualTo(200);
      AuditEntry last = audit(s).get(audit(s).size() - 1);
      assertThat(last.actor()).isEqualTo("api-key:default");
      assertThat(last.action()).isEqualTo("action.approve");
      assertThat(last.target()).isEqualTo("a1");
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void rolesDecideWhoOpensTheAdminPages(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      Served.Browser viewer = s.signIn("vic", Role.VIEWER);
      Served.Browser lead = s.signIn("lee", Role.LEAD);
      Served.Browser admin = s.signIn("ada", Role.ADMIN);

      HttpResponse<String> anonymous = s.send(s.request("/admin/users").GET());
      HttpResponse<String> asViewer = s.getAs(viewer, "/admin/users");
      HttpResponse<String> asLead = s.getAs(lead, "/admin/audit");
      HttpResponse<String> asAdmin = s.getAs(admin, "/admin/users");
      HttpResponse<String> asJson = s.send(s.request("/admin/users").header("Cookie", viewer.cookie())
          .header("Accept", "application/json").GET());

      assertThat(anonymous.statusCode()).isEqualTo(302);
      assertThat(anonymous.headers().firstValue("Location")).hasValue("/login?next=%2Fadmin%2Fusers");
      assertThat(asViewer.statusCode()).isEqualTo(403);
      assertThat(asViewer.body()).contains("this needs the admin role; vic is viewer");
      assertThat(asLead.statusCode()).isEqualTo(403);
      assertThat(asAdmin.statusCode()).isEqualTo(200);
      assertThat(asJson.statusCode()).isEqualTo(403);
      assertThat(json(asJson).path("error").asText()).isEqualTo("this needs the admin role; vic is viewer");
      // A viewer's forged POST is refused by role, even with its own valid token.
      assertThat(s.postForm(viewer, "/admin/users", "name=x1&role=admin&password=" + Served.enc("long enough password!")
          + "&csrf=" + Served.enc(viewer.csrf())).statusCode()).isEqualTo(403);
      assertThat(s.store.users().find("x1")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void signInReturnsToThePageAskedForButNeverOffSite(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      s.person("ada", Role.ADMIN);
      HttpResponse<String> local = s.send(s.request("/login").header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("name=ada&password=" + Served.enc(Served.PASSWORD)
              + "&next=" + Served.enc("/admin/audit?actor=x"))));
      HttpResponse<String> offSite = s.send(s.request("/login").header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("name=ada&password=" + Served.enc(Served.PASSWORD)
              + "&next=" + Served.enc("//evil.example/"))));

      assertThat(local.headers().firstValue("Location")).hasValue("/admin/audit?actor=x");
      assertThat(offSite.headers().firstValue("Location")).hasValue("/");
    }
  }
}
