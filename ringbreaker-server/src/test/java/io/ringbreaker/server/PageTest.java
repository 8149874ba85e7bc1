package io.ringbreaker.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.store.Role;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The home page for people: sign in as a person, then a table of verdicts; user text is escaped. */
class PageTest {
  @TempDir Path dir;

  private static HttpResponse<String> page(Served s, String cookie) {
    return s.send(s.request("/").header("Cookie", cookie).GET());
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void withoutASessionThePageRedirectsToLogin(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      HttpResponse<String> r = s.send(s.request("/").GET());
      HttpResponse<String> forged = page(s, "rb_session=forged");
      HttpResponse<String> loginPage = s.send(s.request("/login").GET());

      assertThat(r.statusCode()).isEqualTo(302);
      assertThat(r.headers().firstValue("Location")).hasValue("/login");
      assertThat(forged.statusCode()).isEqualTo(302);
      assertThat(loginPage.statusCode()).isEqualTo(200);
      assertThat(loginPage.body()).contains("<form method=post action=/login>").contains("name=password type=password");
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void theApiKeyNoLongerSignsInToThePage(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      HttpResponse<String> r = s.send(s.request("/login").header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("key=" + Served.enc(s.key))));

      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void anySignedInRoleSeesTheVerdicts(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      List<com.fasterxml.jackson.databind.node.ObjectNode> events = List.of(
          Events.post("e1", "ring-member-7", "p1", "dropboxlinks"),
          Events.post("e2", "ring-member-7", "p2", "dropboxlinks"),
          Events.post("e3", "ring-member-7", "p3", "dropboxlinks"));
      assertThat(s.postEvents(Events.array(events)).statusCode()).isEqualTo(200);
      s.awaitProcessed();

      Served.Browser viewer = s.signIn("vic", Role.VIEWER);
      HttpResponse<String> page = page(s, viewer.cookie());

      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
      assertThat(page.body()).contains("ring-member-7").contains("high").contains("#dropboxlinks")
          .contains("used listed hashtag").contains("signed in as <b>vic</b> (viewer)")
          .doesNotContain("/admin/users");
      // The session reads the API as well, but cannot write through it.
      assertThat(s.send(s.request("/v1/verdicts").header("Cookie", viewer.cookie()).GET()).statusCode()).isEqualTo(200);
      assertThat(s.send(s.request("/v1/events").header("Cookie", viewer.cookie())
          .header("Content-Type", "application/json").header("X-CSRF-Token", viewer.csrf())
          .POST(HttpRequest.BodyPublishers.ofString(Events.json(Events.post("e4", "u", "p4"))))).statusCode())
          .isEqualTo(401);
      // An admin's bar links to the admin pages.
      assertThat(page(s, s.signIn("ada", Role.ADMIN).cookie()).body()).contains("href=/admin/users accesskey=u");
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void disablingAPersonEndsTheirSessions(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      Served.Browser b = s.signIn("analyst", Role.REVIEWER);
      assertThat(page(s, b.cookie()).statusCode()).isEqualTo(200);

      s.store.users().disable(s.store.users().find("analyst").orElseThrow().id(), java.time.Instant.now());

      assertThat(page(s, b.cookie()).statusCode()).isEqualTo(302);
      assertThat(s.send(s.request("/v1/verdicts").header("Cookie", b.cookie()).GET()).statusCode()).isEqualTo(401);
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void userTextIsEscaped(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      String tag = "<script>alert(1)</script>";
      String actor = "<script>alert(2)</script>";
      String postId = "<img src=x onerror=alert(3)>";
      List<com.fasterxml.jackson.databind.node.ObjectNode> events = List.of(
          Events.restrictHashtag("x1", tag),
          Events.account("x2", actor, "<script>alert(4)</script>", "\"><script>alert(5)</script>", "'><SCRIPT>x</SCRIPT>"),
          Events.post("x3", actor, postId, tag, "dropboxlinks"),
          Events.post("x4\"><script>alert(6)</script>", actor, "p2", tag));
      assertThat(s.postEvents(Events.array(events)).statusCode()).isEqualTo(200);
      s.awaitProcessed();

      String html = page(s, s.signIn("rev", Role.REVIEWER).cookie()).body();

      // The hostile strings are there, as text.
      assertThat(html).contains("&lt;script&gt;alert(2)&lt;/script&gt;")
          .contains("#&lt;script&gt;alert(1)&lt;/script&gt;")
          .contains("&lt;img src=x onerror=alert(3)&gt;")
          .contains("x4&quot;&gt;&lt;script&gt;alert(6)&lt;/script&gt;");
      // And never as markup: the page carries no script and no injected element.
      String lower = html.toLowerCase(Locale.ROOT);
      assertThat(lower).doesNotContain("<script").doesNotContain("<img").doesNotContain("onerror=alert(3)>");
    }
  }
}
