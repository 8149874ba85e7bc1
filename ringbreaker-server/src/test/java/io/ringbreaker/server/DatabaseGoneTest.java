package io.ringbreaker.server;

import static io.ringbreaker.server.Served.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The journal becomes unusable while the server runs (its table is renamed away): ingest answers
 * 503 with Retry-After and acknowledges nothing; once the table is back, ingest works again.
 */
class DatabaseGoneTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void ingestSays503AndAcknowledgesNothingUntilTheJournalIsBack(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      assertThat(s.postEvents(Events.json(Events.post("before", "u1", "p0", "dropboxlinks"))).statusCode())
          .isEqualTo(200);
      s.awaitProcessed();

      s.sql("ALTER TABLE {schema}journal RENAME TO journal_away");
      HttpResponse<String> one;
      HttpResponse<String> batch;
      try {
        one = s.postEvents(Events.json(Events.post("during-1", "u1", "p1", "dropboxlinks")));
        batch = s.postEvents(Events.array(List.of(Events.post("during-2", "u1", "p2"),
            Events.post("during-3", "u1", "p3"))));
      } finally {
        s.sql("ALTER TABLE {schema}journal_away RENAME TO journal");
      }

      for (HttpResponse<String> r : List.of(one, batch)) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).as("Retry-After").isPresent();
        assertThat(json(r).path("error").asText())
            .startsWith("events not journaled, nothing was accepted; retry: ")
            .contains("journal");
      }
      assertThat(s.store.journal().find("during-1")).isEmpty();
      assertThat(s.store.journal().find("during-2")).isEmpty();
      assertThat(s.store.journal().count()).isEqualTo(1);

      // Back: the same events are new (nothing was kept of them), and they are processed.
      HttpResponse<String> retry = s.postEvents(Events.array(List.of(
          Events.post("during-1", "u1", "p1", "dropboxlinks"), Events.post("during-2", "u1", "p2"),
          Events.post("during-3", "u1", "p3"))));
      assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
      assertThat(json(retry).path("accepted").asInt()).isEqualTo(3);
      s.awaitProcessed();
      assertTagPosts(s, "dropboxlinks", 2);
    }
  }

  private static void assertTagPosts(Served s, String tag, long posts) {
    HttpResponse<String> r = s.get("/v1/hashtags");
    assertThat(r.statusCode()).isEqualTo(200);
    boolean found = false;
    for (var t : json(r).path("hashtags")) {
      if (t.path("tag").asText().equals(tag)) {
        found = true;
        assertThat(t.path("posts").asLong()).as("posts of #%s", tag).isEqualTo(posts);
      }
    }
    assertThat(found).as("#%s in %s", tag, r.body()).isTrue();
  }
}
