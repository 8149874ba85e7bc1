package io.ringbreaker.server;

import static io.ringbreaker.server.Served.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each API key does what its scopes allow, and a refusal names the scope it lacks. */
class ScopesTest {
  @TempDir Path dir;

  private static HttpResponse<String> send(Served s, String key, String method, String path, String body) {
    return s.send(s.request(path).header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void aReadOnlyKeyReadsButCannotWrite(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      String reader = s.store.apiKeys().create("dashboard", Set.of("verdicts:read"));
      String event = Events.json(Events.post("e1", "u1", "p1"));

      HttpResponse<String> post = send(s, reader, "POST", "/v1/events", event);
      HttpResponse<String> read = send(s, reader, "GET", "/v1/verdicts", null);
      HttpResponse<String> approve = send(s, reader, "POST", "/v1/actions/a1/approve", null);
      HttpResponse<String> lookup = send(s, reader, "GET", "/m/lookup?md5=" + "0".repeat(32), null);
      HttpResponse<String> lexicon = send(s, reader, "PUT", "/v1/lexicon/dropboxlinks", "{\"state\":\"restricted\"}");

      assertThat(post.statusCode()).isEqualTo(403);
      assertThat(json(post).path("error").asText())
          .isEqualTo("API key 'dashboard' lacks scope events:write for POST /v1/events");
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(approve.statusCode()).isEqualTo(403);
      assertThat(json(approve).path("error").asText()).contains("actions:write");
      assertThat(lookup.statusCode()).isEqualTo(403);
      assertThat(json(lookup).path("error").asText()).contains("lookup:read");
      assertThat(lexicon.statusCode()).isEqualTo(403);
      assertThat(json(lexicon).path("error").asText()).contains("admin");
      assertThat(s.store.journal().count()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void aWriteOnlyKeySendsEventsButCannotRead(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      String platform = s.store.apiKeys().create("platform", Set.of("events:write"));

      HttpResponse<String> post = send(s, platform, "POST", "/v1/events", Events.json(Events.post("e1", "u1", "p1")));
      HttpResponse<String> read = send(s, platform, "GET", "/v1/verdicts", null);

      assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
      assertThat(read.statusCode()).isEqualTo(403);
      assertThat(json(read).path("error").asText()).contains("verdicts:read");
    }
  }
}
