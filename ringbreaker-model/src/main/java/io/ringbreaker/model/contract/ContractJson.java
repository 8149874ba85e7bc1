package io.ringbreaker.model.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringbreaker.model.DecidedBy;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.EventBody;
import io.ringbreaker.model.HashtagOpinion;
import io.ringbreaker.model.Media;
import io.ringbreaker.model.Severity;
import io.ringbreaker.model.Signal;
import io.ringbreaker.model.Span;
import io.ringbreaker.model.Subject;
import io.ringbreaker.model.SubjectType;
import io.ringbreaker.model.TagState;
import io.ringbreaker.model.Verdict;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the contract's JSON shapes (events, verdicts, hashtag opinions) and reads back the ones
 * Ringbreaker stores. Field names and order follow {@code docs/contract/events.md}.
 */
public final class ContractJson {

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ContractJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * JSON this program wrote to its store (verdicts, state, audit details), read back. It parsed
   * when written, so a failure here means the store was damaged: said as such, not as bad input.
   */
  public static JsonNode readStored(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON does not parse: " + e.getOriginalMessage(), e);
    }
  }

  // ---- events -------------------------------------------------------------------------------

  public static ObjectNode event(Event e) {
    ObjectNode o = F.objectNode();
    o.put("event_id", e.eventId());
    o.put("type", e.type().wire());
    o.put("occurred_at", e.occurredAt().toString());
    o.put("actor", e.actor());
    ObjectNode b = o.putObject(e.type().wire());
    switch (e.body()) {
      case EventBody.Account a -> {
        b.put("id", a.id());
        b.put("handle", a.handle());
        a.displayName().ifPresent(v -> b.put("display_name", v));
        a.bio().ifPresent(v -> b.put("bio", v));
        if (!a.links().isEmpty()) {
          strings(b.putArray("links"), a.links());
        }
        a.createdAt().ifPresent(v -> b.put("created_at", v.toString()));
      }
      case EventBody.Post p -> {
        b.put("id", p.id());
        p.text().ifPresent(v -> b.put("text", v));
        p.hashtags().ifPresent(v -> strings(b.putArray("hashtags"), v));
        media(b, p.media());
      }
      case EventBody.Comment c -> {
        b.put("id", c.id());
        b.put("post_id", c.postId());
        b.put("text", c.text());
      }
      case EventBody.Message m -> {
        b.put("id", m.id());
        b.put("conversation_id", m.conversationId());
        strings(b.putArray("to"), m.to());
        m.text().ifPresent(v -> b.put("text", v));
        media(b, m.media());
      }
      case EventBody.Follow f -> {
        b.put("target", f.target());
        if (!f.active()) {
          b.put("active", false);
        }
      }
      case EventBody.Report r -> {
        b.put("id", r.id());
        b.put("target_type", r.targetType().wire());
        b.put("target_id", r.targetId());
        r.reason().ifPresent(v -> b.put("reason", v));
        r.text().ifPresent(v -> b.put("text", v));
      }
      case EventBody.Appeal ap -> {
        b.put("id", ap.id());
        b.put("target_type", ap.targetType().wire());
        b.put("target_id", ap.targetId());
        ap.actionId().ifPresent(v -> b.put("action_id", v));
        ap.action().ifPresent(v -> b.put("action", v));
        ap.text().ifPresent(v -> b.put("text", v));
      }
      case EventBody.Enforcement en -> {
        b.put("target_type", en.targetType().wire());
        b.put("target_id", en.targetId());
        b.put("action", en.action().wire());
      }
    }
    return o;
  }

  public static String eventLine(Event e) {
    return write(event(e));
  }

  private static void media(ObjectNode b, List<Media> media) {
    if (media.isEmpty()) {
      return;
    }
    ArrayNode arr = b.putArray("media");
    for (Media m : media) {
      ObjectNode o = arr.addObject();
      o.put("id", m.id());
      m.mime().ifPresent(v -> o.put("mime", v));
      m.url().ifPresent(v -> o.put("url", v.toString()));
      m.dataBase64().ifPresent(v -> o.put("data_base64", v));
      m.pdq().ifPresent(v -> o.put("pdq", v));
      m.pdqQuality().ifPresent(v -> o.put("pdq_quality", v));
      m.md5().ifPresent(v -> o.put("md5", v));
      m.sha256().ifPresent(v -> o.put("sha256", v));
    }
  }

  private static void strings(ArrayNode arr, List<String> values) {
    values.forEach(arr::add);
  }

  // ---- verdicts -----------------------------------------------------------------------------

  public static ObjectNode verdict(Verdict v) {
    ObjectNode o = F.objectNode();
    ObjectNode s = o.putObject("subject");
    s.put("type", v.subject().type().wire());
    s.put("id", v.subject().id());
    o.put("severity", v.severity().wire());
    o.put("score", Math.round(v.score() * 1000) / 1000.0);
    strings(o.putArray("actions"), v.actions());
    ArrayNode sigs = o.putArray("signals");
    v.signals().forEach(sig -> sigs.add(signal(sig)));
    if (v.signalCount() != v.signals().size()) {
      o.put("signal_count", v.signalCount());
    }
    strings(o.putArray("reasons"), v.reasons());
    if (v.ring().isPresent()) {
      o.put("ring", v.ring().get());
    } else {
      o.putNull("ring");
    }
    if (v.firstFlaggedAt().isPresent()) {
      o.put("first_flagged_at", v.firstFlaggedAt().get().toString());
    } else {
      o.putNull("first_flagged_at");
    }
    DecidedBy d = v.decidedBy();
    if (!d.policy().isEmpty()) {
      ObjectNode by = o.putObject("decided_by");
      by.put("policy", d.policy());
      strings(by.putArray("rules"), d.rules());
      d.queue().ifPresent(q -> by.put("queue", q));
      by.put("priority", d.priority());
      strings(by.putArray("automatic"), d.automatic());
    }
    return o;
  }

  public static ObjectNode signal(Signal sig) {
    ObjectNode o = F.objectNode();
    o.put("kind", sig.kind());
    o.put("value", sig.value());
    o.put("event_id", sig.eventId());
    o.put("at", sig.at().toString());
    sig.span().ifPresent(sp -> {
      ObjectNode span = o.putObject("span");
      span.put("field", sp.field());
      span.put("start", sp.start());
      span.put("end", sp.end());
    });
    if (!sig.detail().isEmpty()) {
      ObjectNode d = o.putObject("detail");
      sig.detail().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(en -> d.put(en.getKey(), en.getValue()));
    }
    return o;
  }

  /** Reads a verdict written by {@link #verdict}. */
  public static Verdict readVerdict(JsonNode o) {
    JsonNode s = o.get("subject");
    Subject subject = new Subject(SubjectType.fromWire(s.get("type").asText()).orElseThrow(), s.get("id").asText());
    List<String> actions = new ArrayList<>();
    o.get("actions").forEach(a -> actions.add(a.asText()));
    List<Signal> signals = new ArrayList<>();
    o.get("signals").forEach(n -> signals.add(readSignal(n)));
    List<String> reasons = new ArrayList<>();
    if (o.has("reasons")) {
      o.get("reasons").forEach(a -> reasons.add(a.asText()));
    }
    int count = o.has("signal_count") ? o.get("signal_count").asInt() : signals.size();
    return new Verdict(subject, Severity.fromWire(o.get("severity").asText()).orElseThrow(), o.get("score").asDouble(),
        actions, signals, count, reasons, text(o, "ring"), text(o, "first_flagged_at").map(Instant::parse),
        readDecidedBy(o.path("decided_by")));
  }

  private static DecidedBy readDecidedBy(JsonNode by) {
    if (!by.isObject()) {
      return DecidedBy.UNKNOWN;
    }
    List<String> rules = new ArrayList<>();
    by.path("rules").forEach(r -> rules.add(r.asText()));
    List<String> automatic = new ArrayList<>();
    by.path("automatic").forEach(r -> automatic.add(r.asText()));
    return new DecidedBy(by.path("policy").asText(""), rules, text(by, "queue"), by.path("priority").asInt(0), automatic);
  }

  public static Signal readSignal(JsonNode n) {
    Optional<Span> span = Optional.empty();
    if (n.hasNonNull("span")) {
      JsonNode sp = n.get("span");
      span = Optional.of(new Span(sp.get("field").asText(), sp.get("start").asInt(), sp.get("end").asInt()));
    }
    Map<String, String> detail = new LinkedHashMap<>();
    if (n.hasNonNull("detail")) {
      n.get("detail").properties().forEach(en -> detail.put(en.getKey(), en.getValue().asText()));
    }
    return new Signal(n.get("kind").asText(), n.get("value").asText(), n.get("event_id").asText(),
        Instant.parse(n.get("at").asText()), span, detail);
  }

  // ---- hashtags -----------------------------------------------------------------------------

  public static ObjectNode hashtag(HashtagOpinion h) {
    ObjectNode o = F.objectNode();
    o.put("tag", h.tag());
    if (h.matched().isPresent()) {
      o.put("matched", h.matched().get());
    } else {
      o.putNull("matched");
    }
    o.put("state", h.state().wire());
    if (h.proposedState().isPresent()) {
      o.put("proposed_state", h.proposedState().get().wire());
    } else {
      o.putNull("proposed_state");
    }
    o.put("reason", h.reason());
    o.put("posts", h.posts());
    o.put("flagged_accounts", h.flaggedAccounts());
    o.put("flooded", h.flooded());
    h.proposedAt().ifPresent(at -> o.put("proposed_at", at.toString()));
    h.evidence().ifPresent(ev -> o.putObject("evidence")
        .put("users", ev.users())
        .put("co_listed_posts", ev.coListedPosts())
        .put("lift", Math.round(ev.lift() * 100) / 100.0)
        .put("flagged_share", Math.round(ev.flaggedShare() * 1000) / 1000.0)
        .put("growth", Math.round(ev.growth() * 100) / 100.0));
    return o;
  }

  public static HashtagOpinion readHashtag(JsonNode o) {
    return new HashtagOpinion(o.get("tag").asText(), text(o, "matched"),
        TagState.fromWire(o.get("state").asText()).orElseThrow(),
        text(o, "proposed_state").flatMap(TagState::fromWire), o.path("reason").asText(""),
        o.path("posts").asLong(), o.path("flagged_accounts").asLong(), o.path("flooded").asBoolean(),
        text(o, "proposed_at").map(Instant::parse),
        o.hasNonNull("evidence") ? Optional.of(new io.ringbreaker.model.TagEvidence(o.get("evidence").path("users").asLong(),
            o.get("evidence").path("co_listed_posts").asLong(), o.get("evidence").path("lift").asDouble(),
            o.get("evidence").path("flagged_share").asDouble(), o.get("evidence").path("growth").asDouble()))
            : Optional.empty());
  }

  private static Optional<String> text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
  }
}
