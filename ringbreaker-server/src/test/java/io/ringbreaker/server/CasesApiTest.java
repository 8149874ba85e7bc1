package io.ringbreaker.server;

import static io.ringbreaker.server.Served.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.HashType;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The review API over real HTTP: queues, cases, claims, decisions and a lead's confirmation. */
class CasesApiTest {
  static final String PDQ = PlatformActionsTest.PDQ;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void aReviewerClaimsDecidesAndALeadConfirms(Served.Vendor vendor) throws Exception {
    try (Served s = Served.start(vendor, dir)) {
      String bob = s.store.apiKeys().create("bob");
      s.store.lists().upsertBankEntries(List.of(BankEntry.of("known", HashType.PDQ, PDQ, "synthetic-1")));
      s.pipeline.syncBanks();
      ObjectNode media = Events.postText("e1", "u1", "p1", "new");
      media.withObject("post").putArray("media").addObject().put("id", "m1").put("pdq", PDQ).put("pdq_quality", 100);
      String report = "{\"event_id\":\"e3\",\"type\":\"report\",\"occurred_at\":\"2019-01-02T09:12:00Z\",\"actor\":\"u31\","
          + "\"report\":{\"id\":\"r1\",\"target_type\":\"account\",\"target_id\":\"u9\",\"reason\":\"child_safety\"}}";
      assertThat(s.postEvents("[" + Events.json(media) + ","
          + Events.json(Events.postText("e2", "u9", "p9", "my folder https://www.dropbox.com/sh/abc123def/AAB?dl=0"))
          + "," + report + "]").statusCode()).isEqualTo(200);
      s.awaitProcessed();

      JsonNode queues = json(s.get("/v1/queues")).path("queues");
      assertThat(queues.findValuesAsText("queue")).contains("child-safety");
      JsonNode cs = queues.get(queues.findValuesAsText("queue").indexOf("child-safety"));
      assertThat(cs.path("open").asInt()).isEqualTo(1);
      assertThat(cs.path("sla_breaches").asInt()).isZero();

      JsonNode list = json(s.get("/v1/cases?state=open"));
      assertThat(list.path("cases").findValuesAsText("key")).containsExactly("account:u1", "account:u9");
      assertThat(json(s.get("/v1/cases?q=%40U9")).path("cases").findValuesAsText("key")).containsExactly("account:u9");
      assertThat(json(s.get("/v1/cases?q=" + PDQ)).path("cases").findValuesAsText("key")).containsExactly("account:u1");
      assertThat(s.get("/v1/cases?state=nope").body()).contains("state: unknown 'nope'");

      HttpResponse<String> next = post(s, s.key, "/v1/cases/next?queue=child-safety", null);
      assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
      long id = json(next).path("id").asLong();
      assertThat(json(next).path("claimed_by").asText()).startsWith("api-key:");
      assertThat(json(next).path("sla_seconds_left").asLong()).isBetween(3000L, 3600L);

      JsonNode view = json(s.get("/v1/cases/" + id));
      List<String> types = new java.util.ArrayList<>();
      view.path("subjects").forEach(x -> types.add(x.path("subject").path("type").asText()));
      assertThat(types).containsExactlyInAnyOrder("account", "post");
      JsonNode post = view.path("subjects").get(types.indexOf("post"));
      assertThat(post.path("hash_matches").get(0).path("bank").asText()).isEqualTo("known");
      assertThat(post.path("hash_matches").get(0).path("distance").asInt()).isZero();
      assertThat(post.path("verdict").path("signals")).isNotEmpty();

      // Bob holds no lease: 409. A bad field: 422 naming it. Too large: 413.
      String decision = "{\"decisions\":[{\"subject\":{\"type\":\"account\",\"id\":\"u1\"},\"decision\":\"confirm\","
          + "\"category\":\"csam.known\",\"actions\":[\"suspend\"]},{\"subject\":{\"type\":\"post\",\"id\":\"p1\"},"
          + "\"decision\":\"confirm\",\"category\":\"csam.known\"}]}";
      HttpResponse<String> notHeld = post(s, bob, "/v1/cases/" + id + "/decisions", decision);
      assertThat(notHeld.statusCode()).isEqualTo(409);
      assertThat(json(notHeld).path("error").asText()).contains("api-key:bob does not hold the lease on case " + id);
      HttpResponse<String> bad = post(s, s.key, "/v1/cases/" + id + "/decisions",
          "{\"decisions\":[{\"subject\":{\"type\":\"account\",\"id\":\"u1\"},\"decision\":\"ban\"}]}");
      assertThat(bad.statusCode()).isEqualTo(422);
      assertThat(json(bad).path("error").asText()).startsWith("decisions[0].decision: unknown 'ban'");
      HttpResponse<String> big = post(s, s.key, "/v1/cases/" + id + "/decisions",
          "{\"decisions\":[], \"pad\":\"" + "x".repeat(70_000) + "\"}");
      assertThat(big.statusCode()).isEqualTo(413);

      HttpResponse<String> decided = post(s, s.key, "/v1/cases/" + id + "/decisions", decision);
      assertThat(decided.statusCode()).as(decided.body()).isEqualTo(201);
      assertThat(json(decided).path("decisions").findValuesAsText("state")).containsExactly("final", "final");
      JsonNode suspend = json(s.get("/v1/actions?subject_type=account&subject_id=u1")).path("actions");
      assertThat(suspend).anySatisfy(a -> {
        assertThat(a.path("action").asText()).isEqualTo("suspend");
        assertThat(a.path("state").asText()).isEqualTo("pending");
      });

      // The reported account, cleared: a lead (another key) confirms; the reporter's outcome is queued.
      long reported = json(post(s, bob, "/v1/cases/next?queue=triage", null)).path("id").asLong();
      HttpResponse<String> clear = post(s, bob, "/v1/cases/" + reported + "/decisions",
          "{\"decisions\":[{\"subject\":{\"type\":\"account\",\"id\":\"u9\"},\"decision\":\"clear\","
              + "\"reason\":\"a photographer's public portfolio\"}]}");
      assertThat(clear.statusCode()).as(clear.body()).isEqualTo(201);
      assertThat(json(clear).path("state").asText()).isEqualTo("awaiting_confirmation");
      long decisionId = json(clear).path("decisions").get(0).path("id").asLong();
      HttpResponse<String> self = post(s, bob, "/v1/decisions/" + decisionId + "/confirm", null);
      assertThat(self.statusCode()).isEqualTo(409);
      HttpResponse<String> confirmed = post(s, s.key, "/v1/decisions/" + decisionId + "/confirm", null);
      assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
      assertThat(json(confirmed).path("state").asText()).isEqualTo("confirmed");
      JsonNode u9 = json(s.get("/v1/actions?subject_type=account&subject_id=u9")).path("actions");
      assertThat(u9).anySatisfy(a -> {
        assertThat(a.path("action").asText()).isEqualTo("report_outcome");
        assertThat(a.path("payload").path("outcome").asText()).isEqualTo("no_violation");
      });

      assertThat(post(s, s.key, "/v1/cases/next?queue=triage", null).statusCode()).isEqualTo(204);
      assertThat(s.get("/v1/cases/999999").statusCode()).isEqualTo(404);
      assertThat(s.send(s.request("/v1/cases").GET()).statusCode()).isEqualTo(401);
    }
  }

  private static HttpResponse<String> post(Served s, String key, String path, String body) {
    return s.send(s.request(path).header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
        .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
  }
}
