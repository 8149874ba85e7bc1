package io.ringbreaker.policy;

import io.ringbreaker.model.Severity;
import io.ringbreaker.model.Signal;
import io.ringbreaker.model.Subject;
import io.ringbreaker.model.SubjectType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The first, built-in policy: each family of signals (the part of the kind before the dot) has a
 * weight per piece of evidence and a cap, pieces of one family combine as independent evidence
 * (noisy-OR) up to the cap, and families combine the same way into the score. Severity comes from the score, except that a known-image match is
 * always critical. Readable rules as data (YAML with CEL) replace this in the policy work; the
 * weights here are documented in docs/policy.md.
 */
public final class FirstPolicy implements Policy {

  /** A family's weight per distinct piece of evidence and the most it can add up to. */
  record Weight(double each, double cap) {}

  static final double MEDIUM = 0.40;
  static final double HIGH = 0.70;
  static final double CRITICAL = 0.95;
  static final Weight UNKNOWN_KIND = new Weight(0.30, 0.60);

  private static final Map<String, Double> LEXICON_STATE = Map.of(
      "blocked", 0.55, "restricted", 0.45, "watch", 0.35);

  @Override
  public String version() {
    return "first-policy/2";
  }

  @Override
  public Decision decide(Subject subject, List<Signal> signals) {
    if (signals.isEmpty()) {
      return Decision.NONE;
    }
    // Signals combine by family (contact.kik and contact.telegram are both "contact"), so several
    // kinds of one family cannot add up past the family's cap.
    Map<String, List<Signal>> byFamily = new LinkedHashMap<>();
    for (Signal s : signals) {
      byFamily.computeIfAbsent(family(s.kind()), k -> new ArrayList<>()).add(s);
    }
    boolean offPlatform = byFamily.containsKey("link") || byFamily.containsKey("contact")
        || byFamily.containsKey("payment");
    double keep = 1;
    boolean knownImage = false;
    boolean reported = false;
    boolean otherRisk = false;
    // Reasons are listed strongest first: the first one is what a reviewer reads.
    List<Map.Entry<Double, String>> weighted = new ArrayList<>();
    for (var en : byFamily.entrySet()) {
      String family = en.getKey();
      List<Signal> list = en.getValue();
      double familyScore = switch (family) {
        case "hashtag" -> {
          otherRisk = true;
          yield listed(list, 1, 0.75);
        }
        case "lexicon" -> {
          // A listed term written out in running text: the same advertisement, a little less sure.
          otherRisk = true;
          yield listed(list, 0.8, 0.60);
        }
        case "ring" -> {
          // In a ring through its ties alone (only messages and follows) is as telling as adverts.
          otherRisk = true;
          yield perValue(list, s -> "tied".equals(s.detail().get("role"))
              ? (parse(s.detail().get("share")) >= 0.5 ? 0.80 : 0.72) : 0.25, 0.80);
        }
        case "evasion" -> {
          otherRisk = true;
          yield perValue(list, s -> 0.80, 0.85);
        }
        case "media" -> {
          knownImage = true;
          otherRisk = true;
          yield 0.99;
        }
        case "report" -> {
          reported = true;
          yield perValue(list, s -> "flooding".equals(s.detail().get("reporter")) ? 0.02
              : "child_safety".equals(s.detail().get("reason")) ? 0.20 : 0.02, 0.40);
        }
        case "enforcement" -> perValue(list, s -> 0.30, 0.30);
        case "trade" -> {
          otherRisk = true;
          // Trade talk alone is weak (card traders talk like this too); beside a listed tag or an
          // off-platform identity it is what the storefront looks like.
          yield listedOutsideFlood(byFamily) ? perEvent(list, s -> 0.30, 0.45)
              : offPlatform ? perEvent(list, s -> 0.25, 0.30)
              : perEvent(list, s -> 0.10, 0.15);
        }
        case "link" -> {
          otherRisk = true;
          yield perValue(list, s -> "folder".equals(s.detail().get("kind")) ? 0.20 : 0.08, 0.30);
        }
        case "contact", "payment" -> {
          otherRisk = true;
          yield perValue(list, s -> 0.12, 0.20);
        }
        default -> {
          otherRisk = true;
          yield perEvent(list, s -> UNKNOWN_KIND.each(), UNKNOWN_KIND.cap());
        }
      };
      keep *= 1 - familyScore;
      weighted.add(Map.entry(familyScore, describe(family, list)));
    }
    weighted.sort(Map.Entry.<Double, String>comparingByKey().reversed());
    List<String> reasons = new ArrayList<>(weighted.stream().map(Map.Entry::getValue).toList());
    double score = Math.min(1, Math.max(0, 1 - keep));
    Severity severity = knownImage || score >= CRITICAL ? Severity.CRITICAL
        : score >= HIGH ? Severity.HIGH
        : score >= MEDIUM ? Severity.MEDIUM
        : Severity.LOW;
    if (reported && otherRisk && !severity.atLeast(Severity.MEDIUM)) {
      severity = Severity.MEDIUM;
    }
    if (reported && otherRisk) {
      reasons.add("reported by users while risk signals exist: a person decides; never closed as no violation");
    }
    return new Decision(severity, score, actions(subject.type(), severity, reported && otherRisk), reasons);
  }

  static List<String> actions(SubjectType type, Severity severity, boolean priorityReview) {
    boolean account = type == SubjectType.ACCOUNT;
    boolean content = type == SubjectType.POST || type == SubjectType.COMMENT || type == SubjectType.MESSAGE;
    List<String> a = switch (severity) {
      case NONE -> List.of();
      case LOW -> List.of("monitor");
      case MEDIUM -> List.of("review");
      case HIGH -> account ? List.of("review", "restrict_messaging", "preserve")
          : content ? List.of("review", "hide", "preserve") : List.of("review");
      case CRITICAL -> account ? List.of("review", "suspend", "preserve", "draft_report")
          : content ? List.of("review", "remove", "preserve", "draft_report") : List.of("review", "preserve");
    };
    if (priorityReview) {
      List<String> withPriority = new ArrayList<>(a.isEmpty() ? List.of("review") : a);
      withPriority.add(1, "priority");
      return List.copyOf(new LinkedHashSet<>(withPriority));
    }
    return a;
  }

  /**
   * Listed tags or terms, weighted by their state. Posts that are part of a meme flood of the tag
   * (ordinary users burying it) say next to nothing about their author, however many there are:
   * together they add at most {@link #FLOOD_CAP}.
   */
  private static double listed(List<Signal> list, double factor, double cap) {
    List<Signal> own = new ArrayList<>(list.size());
    List<Signal> flood = new ArrayList<>();
    for (Signal s : list) {
      (s.detail().containsKey("flood") ? flood : own).add(s);
    }
    java.util.function.ToDoubleFunction<Signal> w =
        s -> LEXICON_STATE.getOrDefault(s.detail().getOrDefault("state", "watch"), 0.35) * factor;
    double fromOwn = own.isEmpty() ? 0 : perEvent(own, w, cap);
    double fromFlood = flood.isEmpty() ? 0 : perEvent(flood, s -> w.applyAsDouble(s) * 0.1, FLOOD_CAP);
    return Math.min(cap, 1 - (1 - fromOwn) * (1 - fromFlood));
  }

  static final double FLOOD_CAP = 0.10;

  /** Whether a listed tag or term was used other than in a meme flood. */
  private static boolean listedOutsideFlood(Map<String, List<Signal>> byFamily) {
    for (String f : List.of("hashtag", "lexicon")) {
      for (Signal s : byFamily.getOrDefault(f, List.of())) {
        if (!s.detail().containsKey("flood")) {
          return true;
        }
      }
    }
    return false;
  }

  private static double parse(String v) {
    try {
      return v == null ? 0 : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Noisy-OR over the distinct events that carried the kind: repeated use is more evidence. */
  private static double perEvent(List<Signal> list, java.util.function.ToDoubleFunction<Signal> weight, double cap) {
    Map<String, Double> byEvent = new LinkedHashMap<>();
    for (Signal s : list) {
      byEvent.merge(s.eventId(), weight.applyAsDouble(s), Math::max);
    }
    return combine(byEvent.values(), cap);
  }

  /** Noisy-OR over distinct values (reporters, actions): the same reporter twice counts once. */
  private static double perValue(List<Signal> list, java.util.function.ToDoubleFunction<Signal> weight, double cap) {
    Map<String, Double> byValue = new LinkedHashMap<>();
    for (Signal s : list) {
      byValue.merge(s.value(), weight.applyAsDouble(s), Math::max);
    }
    return combine(byValue.values(), cap);
  }

  private static double combine(Iterable<Double> weights, double cap) {
    double keep = 1;
    for (double w : weights) {
      keep *= 1 - w;
    }
    return Math.min(cap, 1 - keep);
  }

  /** {@code contact.kik} → {@code contact}: the part before the first dot. */
  static String family(String kind) {
    int dot = kind.indexOf('.');
    return dot < 0 ? kind : kind.substring(0, dot);
  }

  private static String describe(String family, List<Signal> list) {
    Set<String> values = new LinkedHashSet<>();
    Set<String> events = new LinkedHashSet<>();
    for (Signal s : list) {
      values.add(s.value());
      events.add(s.eventId());
    }
    String shown = values.stream().limit(3).map(v -> "'" + v + "'").reduce((x, y) -> x + ", " + y).orElse("");
    if (values.size() > 3) {
      shown += " and " + (values.size() - 3) + " more";
    }
    return switch (family) {
      case "hashtag" -> "used listed hashtag " + shown + " in " + plural(events.size(), "item") + flood(list);
      case "lexicon" -> "wrote listed term " + shown + " in " + plural(events.size(), "item") + flood(list);
      case "ring" -> list.stream().map(sig -> "member of " + sig.value() + " ("
          + ("tied".equals(sig.detail().get("role")) ? "through its ties to " + sig.detail().getOrDefault("tied_members", "?")
              + " members" : "on its own evidence") + ", ring of " + sig.detail().getOrDefault("size", "?") + ")")
          .distinct().reduce((x, y) -> x + "; " + y).orElse("");
      case "evasion" -> "came back for suspended account " + shown + ": " + list.stream()
          .map(sig -> sig.detail().getOrDefault("shared", "?")).distinct().limit(3)
          .reduce((x, y) -> x + ", " + y).orElse("");
      case "trade" -> "trade talk (" + shown + ") in " + plural(events.size(), "item");
      case "link" -> "cloud-storage links: " + shown;
      case "contact" -> "off-platform contacts: " + shown;
      case "payment" -> "payment ids: " + shown;
      case "media" -> "media matched a hash bank: " + list.stream()
          .map(sig -> "'" + sig.detail().getOrDefault("label", "?") + "' in " + sig.detail().getOrDefault("bank", "?"))
          .distinct().limit(3).reduce((x, y) -> x + ", " + y).orElse("") + " (" + plural(events.size(), "item") + ")";
      case "report" -> "reported by " + plural(values.size(), "user");
      case "enforcement" -> "platform action: " + shown;
      default -> list.getFirst().kind() + ": " + shown + " in " + plural(events.size(), "item");
    };
  }

  private static String flood(List<Signal> list) {
    long flood = list.stream().filter(s -> s.detail().containsKey("flood")).map(Signal::eventId).distinct().count();
    return flood == 0 ? "" : " (" + flood + " in a meme flood of the tag)";
  }

  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
