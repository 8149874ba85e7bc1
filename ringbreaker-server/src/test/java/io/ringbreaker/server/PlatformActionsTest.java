package io.ringbreaker.server;

import static io.ringbreaker.server.Served.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.HashType;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.server.webhook.Receiver;
import io.ringbreaker.server.webhook.WebhookConfig;
import io.ringbreaker.server.webhook.WebhookSignature;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * From events to the platform: the policy's verdict queues platform actions in the outbox with the
 * verdict; the ones its rule makes automatic are delivered at once, the consequential ones wait for
 * a person, and deciding again never queues an action twice.
 */
class PlatformActionsTest {
  static final String PDQ = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
  static final byte[] SECRET = "platform-secret-platform-secret!".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void automaticActionsGoOutAtOnceAndSuspensionWaitsForAPerson(Served.Vendor vendor) throws Exception {
    try (Receiver platform = Receiver.always(200);
         Served s = Served.start(vendor, dir, c -> c.withWebhook(WebhookConfig.of(platform.url(), SECRET)
             .withBackoff(Duration.ofMillis(10), Duration.ofMillis(100))))) {
      // Two adverts with trade talk and the same folder: the account is high (default policy).
      String advert = "#dropboxlinks dm me https://www.dropbox.com/sh/abc123def/AAB?dl=0";
      post(s, List.of(Events.postText("e1", "u1", "p1", advert), Events.postText("e2", "u1", "p2", advert)));
      String restrict = actionId(s, "account", "u1", "restrict_messaging");
      assertThat(waitFor(() -> platform.count(restrict, 200) == 1)).as("restrict_messaging delivered").isTrue();
      JsonNode body = ContractJson.mapper().readTree(platform.received().getFirst().body());
      assertThat(body.path("action").asText()).isEqualTo("restrict_messaging");
      assertThat(body.path("subject").path("id").asText()).isEqualTo("u1");
      assertThat(body.path("approval").asText()).isEqualTo("automatic");
      assertThat(body.path("decided_by").path("policy").asText()).startsWith("default/3#");
      assertThat(body.path("decided_by").path("rules").get(0).asText()).isEqualTo("high-score");
      assertThat(body.path("evidence").findValuesAsText("event_id")).contains("e1", "e2");
      assertThat(WebhookSignature.verify(SECRET, platform.received().getFirst().signature(),
          platform.received().getFirst().body(), Instant.now()).valid()).isTrue();

      // A known image: critical; suspension and removal wait for a person.
      s.store.lists().upsertBankEntries(List.of(BankEntry.of("known", HashType.PDQ, PDQ, "synthetic-1")));
      s.pipeline.syncBanks();
      ObjectNode media = Events.postText("e3", "u1", "p3", "new");
      media.withObject("post").putArray("media").addObject().put("id", "m1").put("pdq", PDQ).put("pdq_quality", 100);
      post(s, List.of(media));
      String suspend = actionId(s, "account", "u1", "suspend");
      String remove = actionId(s, "post", "p3", "remove");
      assertThat(waitFor(() -> state(s, suspend).equals("awaiting_person"))).isTrue();
      assertThat(state(s, remove)).isEqualTo("awaiting_person");
      Thread.sleep(300);
      assertThat(platform.count(suspend, 200)).isZero();

      HttpResponse<String> approve = s.send(s.authorized("/v1/actions/" + suspend + "/approve")
          .POST(HttpRequest.BodyPublishers.noBody()));
      assertThat(approve.statusCode()).as(approve.body()).isEqualTo(200);
      assertThat(waitFor(() -> platform.count(suspend, 200) == 1)).as("suspend delivered after approval").isTrue();

      // More evidence about u1 decides it again: nothing already queued is queued twice.
      post(s, List.of(Events.postText("e4", "u1", "p4", advert)));
      Thread.sleep(300);
      assertThat(json(s.get("/v1/actions?subject_type=account&subject_id=u1")).path("actions"))
          .extracting(a -> a.path("action").asText())
          .containsOnlyOnce("restrict_messaging", "suspend");
      assertThat(platform.count(restrict, 200)).isEqualTo(1);
    }
  }

  private static void post(Served s, List<ObjectNode> events) {
    HttpResponse<String> r = s.postEvents(Events.array(events));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  /** The id of the subject's action in the outbox, waiting until it is there. */
  private static String actionId(Served s, String type, String id, String action) throws InterruptedException {
    String[] found = {""};
    waitFor(() -> {
      for (JsonNode a : json(s.get("/v1/actions?subject_type=" + type + "&subject_id=" + id)).path("actions")) {
        if (a.path("action").asText().equals(action)) {
          found[0] = a.path("action_id").asText();
          return true;
        }
      }
      return false;
    });
    assertThat(found[0]).as("%s of %s:%s queued", action, type, id).isNotEmpty();
    return found[0];
  }

  private static String state(Served s, String actionId) {
    return json(s.get("/v1/actions/" + actionId)).path("state").asText();
  }

  private static boolean waitFor(BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }
}
