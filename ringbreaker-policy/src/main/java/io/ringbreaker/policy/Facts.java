package io.ringbreaker.policy;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelVariableResolver;
import io.ringbreaker.model.Signal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables a rule's condition reads, computed from the {@link Evidence} only when a rule
 * reads them (the signal list is the costly one). Declared once here so the compiler checks every
 * rule against the same names and types, and docs/policy.md lists them.
 */
final class Facts implements CelVariableResolver {

  /** Name, type and meaning of every variable, in the order docs/policy.md lists them. */
  record Variable(String name, CelType type, String meaning) {}

  static final List<Variable> VARIABLES = List.of(
      new Variable("subject", MapType.create(SimpleType.STRING, SimpleType.STRING),
          "the subject: subject.type (account, post, comment, message, hashtag, link) and subject.id"),
      new Variable("score", SimpleType.DOUBLE, "all the evidence combined, 0 to 1"),
      new Variable("family", MapType.create(SimpleType.STRING, SimpleType.DOUBLE),
          "the score of each family of signals (family.hashtag, family.ring …; 0 when none)"),
      new Variable("kinds", ListType.create(SimpleType.STRING), "the distinct signal kinds, e.g. 'contact.kik'"),
      new Variable("signals", ListType.create(MapType.create(SimpleType.STRING, SimpleType.DYN)),
          "every signal: s.kind, s.family, s.value, s.event_id, s.detail (a map of strings)"),
      new Variable("known_image", SimpleType.BOOL, "media matched a hash bank"),
      new Variable("reported", SimpleType.BOOL, "users of the platform reported it"),
      new Variable("reporters", SimpleType.INT, "how many distinct users reported it"),
      new Variable("risk", SimpleType.BOOL, "any signal other than user reports and the platform's own actions"),
      new Variable("listed", SimpleType.BOOL, "a listed hashtag or term used other than in a meme flood"),
      new Variable("off_platform", SimpleType.BOOL, "a cloud-storage link, an off-platform contact or a payment id"),
      new Variable("ring", SimpleType.STRING, "the ring it is in, '' when none"),
      new Variable("ring_role", SimpleType.STRING,
          "'tied' (in the ring through its ties), 'seed' (on its own evidence), '' when in no ring"));

  private final Evidence e;
  private List<Map<String, Object>> signals;

  Facts(Evidence e) {
    this.e = e;
  }

  @Override
  public Optional<Object> find(String name) {
    return Optional.ofNullable(switch (name) {
      case "subject" -> Map.of("type", e.subject.type().wire(), "id", e.subject.id());
      case "score" -> e.score;
      case "family" -> e.family;
      case "kinds" -> kinds();
      case "signals" -> signals();
      case "known_image" -> e.knownImage;
      case "reported" -> e.reported;
      case "reporters" -> (long) e.reporters;
      case "risk" -> e.risk;
      case "listed" -> e.listed;
      case "off_platform" -> e.offPlatform;
      case "ring" -> e.ring;
      case "ring_role" -> e.ring.isEmpty() ? "" : "tied".equals(e.ringRole) ? "tied" : "seed";
      default -> null;
    });
  }

  private List<String> kinds() {
    LinkedHashSet<String> k = new LinkedHashSet<>();
    e.signals.forEach(s -> k.add(s.kind()));
    return List.copyOf(k);
  }

  private List<Map<String, Object>> signals() {
    if (signals == null) {
      List<Map<String, Object>> out = new ArrayList<>(e.signals.size());
      for (Signal s : e.signals) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", s.kind());
        m.put("family", Evidence.family(s.kind()));
        m.put("value", s.value());
        m.put("event_id", s.eventId());
        m.put("detail", s.detail());
        out.add(m);
      }
      signals = out;
    }
    return signals;
  }
}
