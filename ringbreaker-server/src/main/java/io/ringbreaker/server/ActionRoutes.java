package io.ringbreaker.server;

import static io.ringbreaker.server.QueryParams.param;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.server.RingbreakerServer.ApiError;
import io.ringbreaker.server.webhook.WebhookDeliverer;
import io.ringbreaker.store.Outbox;
import io.ringbreaker.store.OutboxAction;
import io.ringbreaker.store.OutboxState;
import io.ringbreaker.store.Page;
import io.ringbreaker.store.Store;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code /v1/actions}: the outbox as people see it, and the decisions they take on an action
 * (approve, cancel, retry). A decision is recorded with the name of the API key that made it.
 */
final class ActionRoutes {
  private static final String STATES =
      Arrays.stream(OutboxState.values()).map(OutboxState::wire).collect(Collectors.joining(", "));

  private final Store store;
  private final Optional<WebhookDeliverer> deliverer;

  ActionRoutes(Store store, Optional<WebhookDeliverer> deliverer) {
    this.store = store;
    this.deliverer = deliverer;
  }

  private Outbox outbox() {
    return store.outbox();
  }

  void list(Context ctx) {
    Optional<OutboxState> state = param(ctx, "state").map(s -> OutboxState.fromWire(s).orElseThrow(() ->
        new ApiError(400, "state: unknown '" + s + "' (expected " + STATES + ")")));
    Optional<String> type = QueryParams.subjectType(ctx);
    int limit = QueryParams.limit(ctx, 100, 1000);
    Page<OutboxAction> page;
    try {
      page = outbox().list(state, type, param(ctx, "subject_id"), param(ctx, "after"), limit);
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, "after: not a cursor from a previous page's 'next'");
    }
    ObjectNode out = ContractJson.mapper().createObjectNode();
    ArrayNode arr = out.putArray("actions");
    page.items().forEach(a -> arr.add(json(a)));
    if (page.next().isPresent()) {
      out.put("next", page.next().get());
    } else {
      out.putNull("next");
    }
    ctx.contentType("application/json").result(ContractJson.write(out));
  }

  void get(Context ctx) {
    ctx.contentType("application/json").result(ContractJson.write(json(find(ctx.pathParam("id")))));
  }

  void approve(Context ctx) {
    decide(ctx, "approve", "approved", "awaiting_person", outbox()::approve);
  }

  void cancel(Context ctx) {
    decide(ctx, "cancel", "cancelled", "awaiting_person, pending or failed", outbox()::cancel);
  }

  void retry(Context ctx) {
    decide(ctx, "retry", "retried", "failed", outbox()::retry);
  }

  @FunctionalInterface
  private interface Transition {
    boolean apply(String actionId, String by);
  }

  private void decide(Context ctx, String action, String verb, String from, Transition transition) {
    String id = ctx.pathParam("id");
    String by = keyName(ctx);
    if (!transition.apply(id, by)) {
      OutboxAction now = find(id);
      throw new ApiError(409, "action '" + id + "' is " + now.state().wire() + ": only " + from
          + " actions can be " + verb);
    }
    OutboxAction decided = find(id);
    store.audit().append(by, "action." + action, id, ContractJson.write(ContractJson.mapper().createObjectNode()
        .put("action", decided.action()).put("subject_type", decided.subjectType())
        .put("subject_id", decided.subjectId()).put("state", decided.state().wire())));
    deliverer.ifPresent(WebhookDeliverer::wake);
    ctx.contentType("application/json").result(ContractJson.write(json(decided)));
  }

  private OutboxAction find(String id) {
    return outbox().get(id).orElseThrow(() -> new ApiError(404, "no action '" + id + "'"));
  }

  /** The name of the API key on the request (decisions need a key: a browser session only reads). */
  private String keyName(Context ctx) {
    String auth = Optional.ofNullable(ctx.header("Authorization")).orElse("");
    String key = auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : "";
    return store.apiKeys().verify(key).map(name -> "api-key:" + name)
        .orElseThrow(() -> new ApiError(401, "a decision on an action needs 'Authorization: Bearer <key>'"));
  }

  static ObjectNode json(OutboxAction a) {
    ObjectNode o = ContractJson.mapper().createObjectNode();
    o.put("action_id", a.actionId());
    o.putObject("subject").put("type", a.subjectType()).put("id", a.subjectId());
    o.put("action", a.action());
    o.put("state", a.state().wire());
    o.put("attempts", a.attempts());
    o.put("created_at", a.createdAt().toString());
    o.put("next_attempt_at", a.nextAttemptAt().toString());
    putOptional(o, "delivered_at", a.deliveredAt().map(Instant::toString));
    putOptional(o, "last_error", Optional.of(a.lastError()).filter(e -> !e.isEmpty()));
    putOptional(o, "decided_by", a.decidedBy());
    try {
      o.set("payload", ContractJson.mapper().readTree(a.payloadJson()));
    } catch (JsonProcessingException e) {
      o.put("payload", a.payloadJson()); // the store takes any text; show what would be sent
    }
    return o;
  }

  private static void putOptional(ObjectNode o, String field, Optional<String> value) {
    if (value.isPresent()) {
      o.put(field, value.get());
    } else {
      o.putNull(field);
    }
  }

  /** Counts by state for the metrics gauges, read at most once a second however many gauges ask. */
  static final class Counts {
    private final Outbox outbox;
    private volatile long readAt;
    private volatile Map<String, Long> counts = Map.of();

    Counts(Outbox outbox) {
      this.outbox = outbox;
    }

    double get(OutboxState state) {
      long now = System.nanoTime();
      if (counts.isEmpty() || now - readAt > 1_000_000_000L) {
        try {
          counts = outbox.countsByState();
          readAt = now;
        } catch (RuntimeException e) {
          return Double.NaN; // the database is away: no number rather than a stale one
        }
      }
      return counts.getOrDefault(state.wire(), 0L);
    }
  }
}
