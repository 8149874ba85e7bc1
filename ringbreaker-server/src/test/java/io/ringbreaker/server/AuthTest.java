package io.ringbreaker.server;

import static io.ringbreaker.server.Served.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** API keys: every /v1 route and /metrics need one; /healthz does not. */
class AuthTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void eventsNeedTheRightKey(Served.Vendor vendor) throws Exception {
    try (Served s = Served.start(vendor, dir)) {
      String event = Events.json(Events.post("e1", "u1", "p1"));
      HttpResponse<String> none = s.send(s.request("/v1/events").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(event)));
      HttpResponse<String> wrong = s.send(s.request("/v1/events").header("Authorization", "Bearer rbk_not-a-key")
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(event)));
      HttpResponse<String> right = s.postEvents(event);

      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
      assertThat(json(none).path("error").asText()).startsWith("missing API key");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
      assertThat(json(wrong).path("error").asText()).isEqualTo("invalid API key");
      assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
      assertThat(s.store.journal().count()).as("only the authorized request was journaled").isEqualTo(1);
      // The key the first start created is in the data directory, for its owner only.
      assertThat(Files.readString(ApiKeyFile.path(dir.resolve("data"))).trim()).isEqualTo(s.key);
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void readingNeedsAKeyToo(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      for (String path : new String[] {"/v1/verdicts", "/v1/hashtags"}) {
        HttpResponse<String> none = s.send(s.request(path).GET());
        HttpResponse<String> wrong = s.send(s.request(path).header("Authorization", "Bearer " + s.key + "x").GET());
        assertThat(none.statusCode()).as(path).isEqualTo(401);
        assertThat(wrong.statusCode()).as(path).isEqualTo(401);
        assertThat(s.get(path).statusCode()).as(path).isEqualTo(200);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void healthNeedsNoKey(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      s.postEvents(Events.json(Events.post("e1", "u1", "p1")));
      s.awaitProcessed();

      HttpResponse<String> r = s.send(s.request("/healthz").GET());

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(json(r).path("status").asText()).isEqualTo("ok");
      assertThat(json(r).path("journal_seq").asLong()).isEqualTo(s.pipeline.journaledSeq());
      assertThat(json(r).path("processed_seq").asLong()).isEqualTo(s.pipeline.journaledSeq());
      assertThat(json(r).path("store").asText()).isEqualTo(s.store.describe());
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void metricsNeedTheKeyAndCountEvents(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      s.postEvents(Events.array(java.util.List.of(Events.post("e1", "u1", "p1"), Events.post("e2", "u1", "p2"))));
      s.postEvents(Events.json(Events.post("e1", "u1", "p1")));

      HttpResponse<String> none = s.send(s.request("/metrics").GET());
      HttpResponse<String> r = s.get("/metrics");

      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
      assertThat(r.body()).contains("ringbreaker_events_total")
          .contains("ringbreaker_events_total{outcome=\"accepted\"} 2.0")
          .contains("ringbreaker_events_total{outcome=\"duplicate\"} 1.0");
    }
  }
}
