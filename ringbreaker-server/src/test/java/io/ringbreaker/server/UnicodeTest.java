package io.ringbreaker.server;

import static io.ringbreaker.server.Served.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.store.JournalEntry;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Emoji, right-to-left text and combining marks pass through the API unchanged: no normalization, no mangling. */
class UnicodeTest {
  @TempDir Path dir;

  // Combining marks written decomposed on purpose (e + U+0301, n + U+0303): they must stay so.
  private static final String EVENT_ID = "ev-🦊-مرحبا-e\u0301";
  private static final String ACTOR = "user-שלום-👩\u200D👩\u200D👧-n\u0303";
  private static final String POST_ID = "post-🇺🇦-\u200Fالعالم-𠜎";
  private static final String TEXT = "مرحبا بالعالم #dropboxlinks 🦊 cafe\u0301 \u202Ereversed\u202C a\u0308\u0323 👩\u200D👩\u200D👧";

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void textAndIdsRoundTripUnchanged(Served.Vendor vendor) throws Exception {
    try (Served s = Served.start(vendor, dir)) {
      ObjectNode account = Events.account("acct-" + EVENT_ID, ACTOR, "שלום_world_🦊",
          "Zoe\u0308 ✨ مرحبا", "bio with RTL \u200Fשלום\u200F and e\u0301 and 🏳\uFE0F\u200D🌈");
      ObjectNode post = Events.postText(EVENT_ID, ACTOR, POST_ID, TEXT);

      HttpResponse<String> r = s.postEvents(Events.array(List.of(account, post)));

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode results = json(r).path("results");
      assertThat(results.get(0).path("event_id").asText()).isEqualTo("acct-" + EVENT_ID);
      assertThat(results.get(1).path("event_id").asText()).isEqualTo(EVENT_ID);
      assertThat(results.get(1).path("status").asText()).isEqualTo("accepted");

      // The journal holds exactly what was sent.
      for (ObjectNode sent : List.of(account, post)) {
        JournalEntry stored = s.store.journal().find(sent.path("event_id").asText()).orElseThrow();
        assertThat(ContractJson.mapper().readTree(stored.json())).isEqualTo(sent);
      }
      JsonNode storedPost = ContractJson.mapper().readTree(s.store.journal().find(EVENT_ID).orElseThrow().json());
      assertThat(storedPost.path("post").path("text").asText().codePoints().toArray())
          .containsExactly(TEXT.codePoints().toArray());

      // The verdict's evidence names the subject and the event exactly as sent.
      s.awaitProcessed();
      JsonNode verdicts = json(s.get("/v1/verdicts?subject_type=account&subject_id=" + enc(ACTOR))).path("verdicts");
      assertThat(verdicts).hasSize(1);
      JsonNode v = verdicts.get(0);
      assertThat(v.path("subject").path("id").asText()).isEqualTo(ACTOR);
      JsonNode signal = v.path("signals").get(0);
      assertThat(signal.path("event_id").asText()).isEqualTo(EVENT_ID);
      assertThat(signal.path("value").asText()).isEqualTo("dropboxlinks");
      // The span points at the tag in the text as sent (UTF-16 offsets).
      int start = signal.path("span").path("start").asInt();
      int end = signal.path("span").path("end").asInt();
      assertThat(TEXT.substring(start, end)).isEqualTo("#dropboxlinks");

      JsonNode postVerdicts = json(s.get("/v1/verdicts?subject_type=post&subject_id=" + enc(POST_ID))).path("verdicts");
      assertThat(postVerdicts).hasSize(1);
      assertThat(postVerdicts.get(0).path("subject").path("id").asText()).isEqualTo(POST_ID);

      // Ids are opaque: the composed spelling of the same name is another subject.
      String composed = Normalizer.normalize(ACTOR, Normalizer.Form.NFC);
      assertThat(composed).isNotEqualTo(ACTOR);
      assertThat(json(s.get("/v1/verdicts?subject_id=" + enc(composed))).path("verdicts")).isEmpty();
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
