package io.ringbreaker.server;

import static io.ringbreaker.server.QueryParams.param;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.ringbreaker.engine.Review;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.server.RingbreakerServer.ApiError;
import io.ringbreaker.server.webhook.WebhookDeliverer;
import io.ringbreaker.store.CaseException;
import io.ringbreaker.store.CaseQuery;
import io.ringbreaker.store.CaseRow;
import io.ringbreaker.store.CaseState;
import io.ringbreaker.store.CaseSubjectRow;
import io.ringbreaker.store.DecisionKind;
import io.ringbreaker.store.DecisionRow;
import io.ringbreaker.store.Page;
import io.ringbreaker.store.QueueStats;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.SubjectDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code /v1/queues}, {@code /v1/cases}, {@code /v1/decisions}: the review console's API. The
 * reviewer is the API key's name ({@code api-key:<name>}). Decisions, confirmations and rejections
 * are in the audit log under that name.
 */
final class CaseRoutes {
  private static final String STATES =
      Arrays.stream(CaseState.values()).map(CaseState::wire).collect(Collectors.joining(", ")) + ", any";
  /** Decision bodies are small; anything larger is a mistake or an attack. */
  static final int MAX_DECISION_BODY = 64 * 1024;

  private final Store store;
  private final Review review;
  private final Optional<WebhookDeliverer> deliverer;
  private final Function<Context, String> reviewer;
  private final Function<Context, byte[]> body;

  CaseRoutes(Store store, Review review, Optional<WebhookDeliverer> deliverer, Function<Context, String> reviewer,
             Function<Context, byte[]> body) {
    this.store = store;
    this.review = review;
    this.deliverer = deliverer;
    this.reviewer = reviewer;
    this.body = body;
  }

  void queues(Context ctx) {
    Instant now = Instant.now();
    ObjectNode out = ContractJson.mapper().createObjectNode();
    ArrayNode arr = out.putArray("queues");
    for (QueueStats q : review.queues(now)) {
      ObjectNode o = arr.addObject();
      o.put("queue", q.queue());
      o.put("open", q.open());
      o.put("claimed", q.claimed());
      o.put("awaiting_confirmation", q.awaitingConfirmation());
      if (q.oldestOpenedAt().isPresent()) {
        o.put("oldest_opened_at", q.oldestOpenedAt().get().toString());
      } else {
        o.putNull("oldest_opened_at");
      }
      o.put("sla_breaches", q.slaBreaches());
    }
    json(ctx, out);
  }

  void list(Context ctx) {
    String stateName = param(ctx, "state").orElse("open");
    Optional<CaseState> state = stateName.equals("any") ? Optional.empty()
        : Optional.of(CaseState.fromWire(stateName).orElseThrow(() ->
            new ApiError(400, "state: unknown '" + stateName + "' (expected " + STATES + ")")));
    int limit = QueryParams.limit(ctx, 50, CaseQuery.MAX_LIMIT);
    Page<CaseRow> page;
    try {
      page = review.cases(new CaseQuery(param(ctx, "queue"), state, param(ctx, "q"), param(ctx, "after"), limit));
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, "after: not a cursor from a previous page's 'next'");
    }
    Instant now = Instant.now();
    ObjectNode out = ContractJson.mapper().createObjectNode();
    ArrayNode arr = out.putArray("cases");
    page.items().forEach(c -> arr.add(caseJson(c, now)));
    if (page.next().isPresent()) {
      out.put("next", page.next().get());
    } else {
      out.putNull("next");
    }
    json(ctx, out);
  }

  void get(Context ctx) {
    long id = caseId(ctx);
    Review.CaseView view = review.view(id).orElseThrow(() -> new ApiError(404, "no case " + id));
    Instant now = Instant.now();
    ObjectNode out = caseJson(view.row(), now);
    ArrayNode subjects = out.putArray("subjects");
    for (Review.SubjectView sv : view.subjects()) {
      CaseSubjectRow s = sv.subject();
      ObjectNode o = subjects.addObject();
      o.putObject("subject").put("type", s.subjectType()).put("id", s.subjectId());
      o.put("severity", s.severity());
      o.put("priority", s.priority());
      s.actions().forEach(o.putArray("actions")::add);
      o.put("reports", s.reports());
      o.put("risk", s.risk());
      optional(o, "ring", s.ring());
      optional(o, "author", s.author());
      // The verdict as stored: signals with their spans, hash matches with bank and distance.
      if (sv.verdict().isPresent()) {
        JsonNode verdict = ContractJson.readStored(sv.verdict().get().json());
        o.set("verdict", verdict);
        ArrayNode matches = o.putArray("hash_matches");
        for (JsonNode sig : verdict.path("signals")) {
          if (sig.path("kind").asText().equals("media.hash_match")) {
            JsonNode d = sig.path("detail");
            matches.addObject().put("hash", sig.path("value").asText()).put("bank", d.path("bank").asText())
                .put("distance", d.path("distance").asInt()).put("media_id", d.path("media_id").asText())
                .put("event_id", sig.path("event_id").asText());
          }
        }
      } else {
        o.putNull("verdict");
      }
    }
    ArrayNode decisions = out.putArray("decisions");
    view.decisions().forEach(d -> decisions.add(decisionJson(d)));
    json(ctx, out);
  }

  void next(Context ctx) {
    String queue = param(ctx, "queue").orElseThrow(() -> new ApiError(400, "queue: required, e.g. ?queue=triage"));
    Optional<CaseRow> taken = call(() -> review.claimNext(queue, reviewer.apply(ctx), Instant.now(), lease(ctx)));
    if (taken.isEmpty()) {
      ctx.status(204);
      return;
    }
    json(ctx, caseJson(taken.get(), Instant.now()));
  }

  void claim(Context ctx) {
    long id = caseId(ctx);
    json(ctx, caseJson(call(() -> review.claim(id, reviewer.apply(ctx), Instant.now(), lease(ctx))), Instant.now()));
  }

  void release(Context ctx) {
    long id = caseId(ctx);
    json(ctx, caseJson(call(() -> review.release(id, reviewer.apply(ctx), Instant.now())), Instant.now()));
  }

  void decide(Context ctx) {
    long id = caseId(ctx);
    String who = reviewer.apply(ctx);
    JsonNode root = readJson(ctx);
    JsonNode list = root.path("decisions");
    if (!list.isArray() || list.isEmpty()) {
      throw new ApiError(422, "decisions: expected a non-empty array of {subject, decision, category, reason, actions}");
    }
    List<SubjectDecision> decisions = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      decisions.add(subjectDecision(list.get(i), "decisions[" + i + "]"));
    }
    List<DecisionRow> made = call(() -> review.decide(id, who, decisions, Instant.now()));
    ObjectNode detail = ContractJson.mapper().createObjectNode();
    ArrayNode ids = detail.putArray("decisions");
    made.forEach(d -> ids.add(d.id()));
    store.audit().append(who, "case.decide", "case:" + id, ContractJson.write(detail));
    deliverer.ifPresent(WebhookDeliverer::wake);
    ObjectNode out = caseJson(store.cases().get(id).orElseThrow(), Instant.now());
    ArrayNode arr = out.putArray("decisions");
    made.forEach(d -> arr.add(decisionJson(d)));
    ctx.status(201);
    json(ctx, out);
  }

  private static SubjectDecision subjectDecision(JsonNode d, String at) {
    if (!d.isObject()) {
      throw new ApiError(422, at + ": expected an object");
    }
    String type = text(d.path("subject"), "type", at + ".subject.type");
    String id = text(d.path("subject"), "id", at + ".subject.id");
    String kindName = text(d, "decision", at + ".decision");
    DecisionKind kind = DecisionKind.fromWire(kindName).orElseThrow(() -> new ApiError(422,
        at + ".decision: unknown '" + kindName + "' (expected confirm, clear or escalate)"));
    String category = d.hasNonNull("category") ? text(d, "category", at + ".category")
        : kind == DecisionKind.CLEAR ? SubjectDecision.NOT_VIOLATING
        : kind == DecisionKind.ESCALATE ? "escalated" : "";
    if (category.isEmpty()) {
      throw new ApiError(422, at + ".category: required for a confirm (e.g. csam.known, solicitation)");
    }
    JsonNode reason = d.path("reason");
    if (!reason.isMissingNode() && !reason.isNull() && !reason.isTextual()) {
      throw new ApiError(422, at + ".reason: expected text");
    }
    List<String> actions = new ArrayList<>();
    JsonNode a = d.path("actions");
    if (!a.isMissingNode() && !a.isNull()) {
      if (!a.isArray()) {
        throw new ApiError(422, at + ".actions: expected an array of action names");
      }
      for (int j = 0; j < a.size(); j++) {
        if (!a.get(j).isTextual()) {
          throw new ApiError(422, at + ".actions[" + j + "]: expected an action name");
        }
        actions.add(a.get(j).asText());
      }
    }
    return new SubjectDecision(type, id, kind, category, reason.asText(""), actions);
  }

  private static String text(JsonNode o, String field, String at) {
    JsonNode v = o.path(field);
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new ApiError(422, at + ": required text");
    }
    return v.asText();
  }

  /**
   * A second reviewer agrees with a reported clear. An API key with {@code actions:write} acts as a
   * lead: keys belong to integrations whose own tooling answers for its people's roles; the store
   * still refuses the decider.
   */
  void confirm(Context ctx) {
    long id = pathId(ctx, "decision");
    String lead = reviewer.apply(ctx);
    DecisionRow d = call(() -> review.confirm(id, lead, true, Instant.now()));
    store.audit().append(lead, "decision.confirm", "decision:" + id, ContractJson.write(ContractJson.mapper()
        .createObjectNode().put("case", d.caseId()).put("subject", d.subjectType() + ":" + d.subjectId())));
    deliverer.ifPresent(WebhookDeliverer::wake);
    json(ctx, decisionJson(d));
  }

  /** A second reviewer disagrees with a reported clear ({@code {"reason": "..."}}): the case goes back for a new decision. */
  void reject(Context ctx) {
    long id = pathId(ctx, "decision");
    String lead = reviewer.apply(ctx);
    String reason = text(readJson(ctx), "reason", "reason");
    DecisionRow d = call(() -> review.reject(id, lead, true, Instant.now()));
    store.audit().append(lead, "decision.reject", "decision:" + id, ContractJson.write(ContractJson.mapper()
        .createObjectNode().put("case", d.caseId()).put("subject", d.subjectType() + ":" + d.subjectId())
        .put("reason", reason)));
    json(ctx, decisionJson(d));
  }

  // ---- helpers ------------------------------------------------------------------------------

  private JsonNode readJson(Context ctx) {
    byte[] b = body.apply(ctx);
    if (b.length > MAX_DECISION_BODY) {
      throw new ApiError(413, "request body of " + b.length + " bytes is over the limit of " + MAX_DECISION_BODY);
    }
    try {
      JsonNode root = ContractJson.mapper().readTree(b);
      if (root == null || !root.isObject()) {
        throw new ApiError(422, "body: expected an object like {\"decisions\":[…]}");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new ApiError(400, "malformed JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new ApiError(400, "cannot read the request body: " + e.getMessage());
    }
  }

  private static <T> T call(java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (CaseException e) {
      int status = switch (e.kind()) {
        case NOT_FOUND -> 404;
        case CONFLICT -> 409;
        case INVALID -> 422;
      };
      throw new ApiError(status, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ApiError(422, e.getMessage());
    }
  }

  private static Duration lease(Context ctx) {
    return param(ctx, "lease_seconds").map(s -> {
      try {
        long n = Long.parseLong(s);
        if (n < 1 || n > io.ringbreaker.store.Cases.MAX_LEASE.toSeconds()) {
          throw new NumberFormatException();
        }
        return Duration.ofSeconds(n);
      } catch (NumberFormatException e) {
        throw new ApiError(400, "lease_seconds: must be a whole number from 1 to "
            + io.ringbreaker.store.Cases.MAX_LEASE.toSeconds() + ", got '" + s + "'");
      }
    }).orElse(Review.DEFAULT_LEASE);
  }

  private static long caseId(Context ctx) {
    return pathId(ctx, "case");
  }

  private static long pathId(Context ctx, String what) {
    String raw = ctx.pathParam("id");
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new ApiError(404, "no " + what + " '" + raw + "'");
    }
  }

  static ObjectNode caseJson(CaseRow c, Instant now) {
    ObjectNode o = ContractJson.mapper().createObjectNode();
    o.put("id", c.id());
    o.put("key", c.key());
    o.put("queue", c.queue());
    o.put("state", c.state().wire());
    o.put("severity", c.severity());
    o.put("priority", Math.round(c.priorityAt(now) * 1000) / 1000.0);
    o.put("opened_at", c.openedAt().toString());
    o.put("sla_due_at", c.slaDueAt().toString());
    o.put("sla_seconds_left", c.slaLeft(now).toSeconds());
    optional(o, "claimed_by", c.claimedBy());
    optional(o, "lease_until", c.leaseUntil().map(Instant::toString));
    optional(o, "decided_at", c.decidedAt().map(Instant::toString));
    o.put("subject_count", c.subjects());
    o.put("report_count", c.reports());
    optional(o, "ring", c.ring());
    return o;
  }

  static ObjectNode decisionJson(DecisionRow d) {
    ObjectNode o = ContractJson.mapper().createObjectNode();
    o.put("id", d.id());
    o.put("case_id", d.caseId());
    o.putObject("subject").put("type", d.subjectType()).put("id", d.subjectId());
    o.put("reviewer", d.reviewer());
    o.put("decision", d.decision().wire());
    o.put("category", d.category());
    o.put("reason", d.reason());
    d.actions().forEach(o.putArray("actions")::add);
    if (d.actions().isEmpty()) {
      o.putArray("actions");
    }
    o.put("state", d.state().wire());
    o.put("decided_at", d.decidedAt().toString());
    optional(o, "second_reviewer", d.secondReviewer());
    optional(o, "confirmed_at", d.confirmedAt().map(Instant::toString));
    return o;
  }

  private static void optional(ObjectNode o, String field, Optional<String> v) {
    if (v.isPresent()) {
      o.put(field, v.get());
    } else {
      o.putNull(field);
    }
  }


  private static void json(Context ctx, JsonNode out) {
    ctx.contentType("application/json").result(ContractJson.write(out));
  }
}
