package io.ringbreaker.server;

import static io.ringbreaker.server.Served.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringbreaker.server.webhook.Receiver;
import io.ringbreaker.server.webhook.WebhookConfig;
import io.ringbreaker.server.webhook.WebhookSignature;
import io.ringbreaker.store.OutboxAction;
import io.ringbreaker.store.OutboxState;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** /v1/actions over real HTTP on each database: listing, paging, decisions, and delivery when configured. */
class ActionsApiTest {
  private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");

  @TempDir Path dir;

  private static OutboxAction action(String id, String type, String subject, String action, OutboxState state,
                                     int second) {
    return OutboxAction.create(id, type, subject, action,
        "{\"action_id\":\"" + id + "\",\"action\":\"" + action + "\"}", state, T.plusSeconds(second));
  }

  private static void load(Served s) {
    s.store.outbox().enqueue(List.of(
        action("a1", "account", "u1", "suspend", OutboxState.AWAITING_PERSON, 1),
        action("a2", "post", "p1", "hide", OutboxState.PENDING, 2),
        action("a3", "account", "u1", "preserve", OutboxState.PENDING, 3),
        action("a4", "hashtag", "dropboxlinks", "restrict_hashtag", OutboxState.PENDING, 4),
        action("a5", "account", "u2", "draft_report", OutboxState.AWAITING_PERSON, 5)));
    s.store.outbox().failed("a4", "HTTP 400: unknown tag");
  }

  private static List<String> ids(Served s, String query) {
    HttpResponse<String> r = s.get("/v1/actions" + query);
    assertThat(r.statusCode()).as(query + ": " + r.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    json(r).path("actions").forEach(a -> out.add(a.path("action_id").asText()));
    return out;
  }

  private static HttpResponse<String> post(Served s, String path) {
    return s.send(s.authorized(path).POST(HttpRequest.BodyPublishers.noBody()));
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void actionsAreListedFilteredAndPaged(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      load(s);
      assertThat(ids(s, "")).containsExactly("a1", "a2", "a3", "a4", "a5");
      assertThat(ids(s, "?state=awaiting_person")).containsExactly("a1", "a5");
      assertThat(ids(s, "?subject_type=account&subject_id=u1")).containsExactly("a1", "a3");
      assertThat(ids(s, "?state=failed")).containsExactly("a4");

      List<String> paged = new ArrayList<>();
      String after = null;
      int pages = 0;
      do {
        HttpResponse<String> r = s.get("/v1/actions?limit=2" + (after == null ? "" : "&after=" + after));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json(r);
        body.path("actions").forEach(a -> paged.add(a.path("action_id").asText()));
        after = body.path("next").isNull() ? null : body.path("next").asText();
        pages++;
      } while (after != null && pages < 10);
      assertThat(paged).containsExactly("a1", "a2", "a3", "a4", "a5");
      assertThat(pages).isEqualTo(3);

      JsonNode a4 = json(s.get("/v1/actions/a4"));
      assertThat(a4.path("action_id").asText()).isEqualTo("a4");
      assertThat(a4.path("subject").path("type").asText()).isEqualTo("hashtag");
      assertThat(a4.path("subject").path("id").asText()).isEqualTo("dropboxlinks");
      assertThat(a4.path("action").asText()).isEqualTo("restrict_hashtag");
      assertThat(a4.path("state").asText()).isEqualTo("failed");
      assertThat(a4.path("attempts").asInt()).isEqualTo(1);
      assertThat(a4.path("created_at").asText()).isEqualTo("2025-03-01T12:00:04Z");
      assertThat(a4.path("delivered_at").isNull()).isTrue();
      assertThat(a4.path("last_error").asText()).isEqualTo("HTTP 400: unknown tag");
      assertThat(a4.path("decided_by").isNull()).isTrue();
      assertThat(a4.path("payload").path("action").asText()).isEqualTo("restrict_hashtag");

      HttpResponse<String> missing = s.get("/v1/actions/nope");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(json(missing).path("error").asText()).isEqualTo("no action 'nope'");
      for (String[] bad : new String[][] {
          {"?state=sent", "state: unknown 'sent' (expected awaiting_person, pending, delivered, failed, cancelled)"},
          {"?subject_type=user", "subject_type: unknown 'user' (expected account, post, comment, message, hashtag, link)"},
          {"?limit=0", "limit: must be a whole number from 1 to 1000, got '0'"},
          {"?after=garbage", "after: not a cursor from a previous page's 'next'"}}) {
        HttpResponse<String> r = s.get("/v1/actions" + bad[0]);
        assertThat(r.statusCode()).as(bad[0]).isEqualTo(400);
        assertThat(json(r).path("error").asText()).isEqualTo(bad[1]);
      }
      assertThat(s.send(s.request("/v1/actions").GET()).statusCode()).isEqualTo(401);
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void peopleDecideWithTheirKey(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      load(s);
      HttpResponse<String> approved = post(s, "/v1/actions/a1/approve");
      assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
      assertThat(json(approved).path("state").asText()).isEqualTo("pending");
      assertThat(json(approved).path("decided_by").asText()).isEqualTo("api-key:default");

      HttpResponse<String> again = post(s, "/v1/actions/a1/approve");
      assertThat(again.statusCode()).isEqualTo(409);
      assertThat(json(again).path("error").asText())
          .isEqualTo("action 'a1' is pending: only awaiting_person actions can be approved");

      assertThat(json(post(s, "/v1/actions/a5/cancel")).path("state").asText()).isEqualTo("cancelled");
      HttpResponse<String> retryCancelled = post(s, "/v1/actions/a5/retry");
      assertThat(retryCancelled.statusCode()).isEqualTo(409);
      assertThat(json(retryCancelled).path("error").asText())
          .isEqualTo("action 'a5' is cancelled: only failed actions can be retried");
      HttpResponse<String> cancelCancelled = post(s, "/v1/actions/a5/cancel");
      assertThat(json(cancelCancelled).path("error").asText())
          .isEqualTo("action 'a5' is cancelled: only awaiting_person, pending or failed actions can be cancelled");

      HttpResponse<String> retried = post(s, "/v1/actions/a4/retry");
      assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
      assertThat(json(retried).path("state").asText()).isEqualTo("pending");
      assertThat(json(retried).path("attempts").asInt()).isZero();

      assertThat(post(s, "/v1/actions/nope/approve").statusCode()).isEqualTo(404);
      assertThat(s.send(s.request("/v1/actions/a2/cancel").POST(HttpRequest.BodyPublishers.noBody())).statusCode())
          .isEqualTo(401);
      assertThat(s.store.outbox().get("a2").orElseThrow().state()).isEqualTo(OutboxState.PENDING);
      // No webhook configured: approved actions wait in the outbox.
      assertThat(s.server.deliversWebhooks()).isFalse();
      assertThat(s.store.outbox().countsByState()).containsEntry("pending", 4L);
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void anApprovedActionIsDeliveredAndCounted(Served.Vendor vendor) {
    byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    try (Receiver platform = Receiver.always(200);
        Served s = Served.start(vendor, dir, c -> c.withWebhook(WebhookConfig.of(platform.url(), secret)
            .withBackoff(Duration.ofMillis(10), Duration.ofMillis(100))))) {
      s.store.outbox().enqueue(List.of(action("w1", "account", "u9", "suspend", OutboxState.AWAITING_PERSON, 0)));
      assertThat(post(s, "/v1/actions/w1/approve").statusCode()).isEqualTo(200);

      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!json(s.get("/v1/actions/w1")).path("state").asText().equals("delivered")
          && System.nanoTime() - deadline < 0) {
        sleep(20);
      }
      JsonNode w1 = json(s.get("/v1/actions/w1"));
      assertThat(w1.path("state").asText()).as(w1.toString()).isEqualTo("delivered");
      assertThat(w1.path("delivered_at").isTextual()).isTrue();
      Receiver.Received got = platform.received().get(0);
      assertThat(got.actionId()).isEqualTo("w1");
      assertThat(WebhookSignature.verify(secret, got.signature(), got.body(), Instant.now()).valid()).isTrue();

      String metrics = s.get("/metrics").body();
      assertThat(metrics).contains("ringbreaker_webhook_deliveries_total{outcome=\"delivered\"} 1.0");
      assertThat(metrics).contains("ringbreaker_outbox_actions{state=\"delivered\"}");
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
