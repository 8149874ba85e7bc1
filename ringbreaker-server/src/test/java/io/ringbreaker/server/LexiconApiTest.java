package io.ringbreaker.server;

import static io.ringbreaker.server.Served.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LexiconApiTest {

  @TempDir Path dir;

  static HttpResponse<String> put(Served s, String term, String body) {
    return s.send(s.authorized("/v1/lexicon/" + term).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  static JsonNode term(Served s, String term) {
    for (JsonNode t : json(s.get("/v1/lexicon")).get("terms")) {
      if (t.get("term").asText().equals(term)) {
        return t;
      }
    }
    return null;
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void aPersonListsATermAndTheNextEventsAreJudgedByIt(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      assertThat(term(s, "boxfolderswap")).isNull();

      HttpResponse<String> r = put(s, "BoxFolderSwap", "{\"state\":\"restricted\",\"category\":\"trade_advert\"}");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(json(r).get("term").asText()).isEqualTo("boxfolderswap");
      assertThat(term(s, "boxfolderswap").get("state").asText()).isEqualTo("restricted");

      s.postEvents(Events.json(Events.post("e1", "u1", "p1", "boxfolderswap")));
      s.awaitProcessed();
      JsonNode verdict = json(s.get("/v1/verdicts?subject_type=post&subject_id=p1")).get("verdicts").get(0);
      assertThat(verdict.get("signals").get(0).get("kind").asText()).isEqualTo("hashtag.lexicon");
      assertThat(verdict.get("signals").get(0).get("detail").get("state").asText()).isEqualTo("restricted");
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void aBadStateOrBodyIs400NamingTheField(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      HttpResponse<String> r = put(s, "x", "{\"state\":\"banned\"}");
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(json(r).get("error").asText()).startsWith("state: must be one of watch, restricted, blocked, allowed");
      assertThat(put(s, "x", "[1]").statusCode()).isEqualTo(400);
      assertThat(put(s, "x", "{").statusCode()).isEqualTo(400);
      assertThat(s.send(s.request("/v1/lexicon/x").PUT(HttpRequest.BodyPublishers.ofString("{\"state\":\"watch\"}")))
          .statusCode()).isEqualTo(401);
    }
  }

  @Test
  void aChangeSurvivesARestart() {
    try (Served s = Served.start(Served.Vendor.SQLITE, dir)) {
      assertThat(put(s, "dropboxlinks", "{\"state\":\"blocked\"}").statusCode()).isEqualTo(200);
    }
    try (Served s = Served.start(Served.Vendor.SQLITE, dir)) {
      JsonNode t = term(s, "dropboxlinks");
      assertThat(t.get("state").asText()).isEqualTo("blocked");
      assertThat(t.get("category").asText()).isEqualTo("trade_advert");
    }
  }
}
