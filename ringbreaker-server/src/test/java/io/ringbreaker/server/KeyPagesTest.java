package io.ringbreaker.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.store.AuditEntry;
import io.ringbreaker.store.Role;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /admin/keys over HTTP: a key created with a scope works for it and nothing else, is shown once, and revoking ends it. */
class KeyPagesTest {
  @TempDir Path dir;

  private static String csrf(Served.Browser b) {
    return "&csrf=" + Served.enc(b.csrf());
  }

  private static HttpResponse<String> withKey(Served s, String key, HttpRequest.Builder r) {
    return s.send(r.header("Authorization", "Bearer " + key));
  }

  private static HttpResponse<String> postEvent(Served s, String key, String id) {
    return withKey(s, key, s.request("/v1/events").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Events.array(List.of(Events.post(id, "u1", "p-" + id, "sunrise"))))));
  }

  @Test
  void aKeyIsShownOnceWorksForItsScopeOnlyAndStopsWhenRevoked() {
    try (Served s = Served.start(Served.Vendor.SQLITE, dir)) {
      Served.Browser reviewer = s.signIn("rita", Role.REVIEWER);
      assertThat(s.getAs(reviewer, "/admin/keys").statusCode()).isEqualTo(403);
      assertThat(s.postForm(reviewer, "/admin/keys", "name=mine&scope=admin" + csrf(reviewer)).statusCode()).isEqualTo(403);
      Served.Browser admin = s.signIn("ada", Role.ADMIN);
      HttpResponse<String> page = s.getAs(admin, "/admin/keys");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<b>default</b>").contains("name=scope value=\"events:write\"")
          .contains("accesskey=c>Create the key</button> <kbd>Alt+C</kbd>").contains("<kbd>Alt+X</kbd>");

      HttpResponse<String> created = s.postForm(admin, "/admin/keys",
          "name=platform-ingest&scope=" + Served.enc("events:write") + csrf(admin));

      assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
      assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
      Matcher m = Pattern.compile("<code id=secret>(rbk_[A-Za-z0-9_-]{43})</code>").matcher(created.body());
      assertThat(m.find()).as(created.body()).isTrue();
      String key = m.group(1);
      assertThat(s.getAs(admin, "/admin/keys").body()).as("shown once").doesNotContain(key)
          .contains("<b>platform-ingest</b>").contains(key.substring(0, 10) + "…");

      assertThat(postEvent(s, key, "k1").statusCode()).isEqualTo(200);
      HttpResponse<String> read = withKey(s, key, s.request("/v1/verdicts").GET());
      assertThat(read.statusCode()).isEqualTo(403);
      assertThat(read.body()).contains("API key 'platform-ingest' lacks scope verdicts:read for GET /v1/verdicts");

      HttpResponse<String> taken = s.postForm(admin, "/admin/keys", "name=platform-ingest&scope=admin" + csrf(admin));
      assertThat(taken.statusCode()).isEqualTo(400);
      assertThat(taken.body()).contains("an API key named &quot;platform-ingest&quot; is in use");
      HttpResponse<String> noScope = s.postForm(admin, "/admin/keys", "name=reader" + csrf(admin));
      assertThat(noScope.body()).contains("an API key needs at least one scope");
      HttpResponse<String> hostile = s.postForm(admin, "/admin/keys",
          "name=" + Served.enc("<script>x</script>") + "&scope=admin" + csrf(admin));
      assertThat(hostile.statusCode()).isEqualTo(400);
      assertThat(hostile.body()).contains("API key name &quot;&lt;script&gt;x&lt;/script&gt;&quot; must be 1 to 64")
          .doesNotContain("<script>");
      assertThat(s.postForm(admin, "/admin/keys", "name=sneaky&scope=admin").statusCode())
          .as("without the CSRF token").isEqualTo(403);

      long id = s.store.apiKeys().list().stream().filter(k -> k.name().equals("platform-ingest")).findFirst()
          .orElseThrow().id();
      HttpResponse<String> revoked = s.postForm(admin, "/admin/keys/revoke", "id=" + id + csrf(admin));

      assertThat(revoked.statusCode()).isEqualTo(303);
      assertThat(postEvent(s, key, "k2").statusCode()).as("refused at once, not after the key cache's 10 s")
          .isEqualTo(401);
      assertThat(s.getAs(admin, "/admin/keys").body()).contains("revoked ");
      assertThat(s.postForm(admin, "/admin/keys/revoke", "id=" + id + csrf(admin)).body())
          .contains("is revoked already");

      List<AuditEntry> entries = new ArrayList<>();
      s.store.audit().export(e -> {
        if (e.action().startsWith("apikey.")) {
          entries.add(e);
        }
      });
      assertThat(entries).extracting(e -> e.actor() + " " + e.action() + " " + e.target())
          .containsExactly("ada apikey.create api-key:platform-ingest", "ada apikey.revoke api-key:platform-ingest");
      assertThat(entries.getFirst().detailJson()).contains("\"scopes\":[\"events:write\"]").doesNotContain(key)
          .doesNotContain(key.substring(10));
      assertThat(created.body().toLowerCase(Locale.ROOT)).doesNotContain("<script");
    }
  }
}
