package io.ringbreaker.policy;

import io.ringbreaker.model.Signal;
import io.ringbreaker.model.Subject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * What the signals about a subject add up to: a score per family of signals (the part of the kind
 * before the dot), the overall score, the facts a rule reads, and the reasons in a reviewer's
 * words. Each family has a weight per piece of evidence and a cap; pieces of one family combine as
 * independent evidence (noisy-OR, {@code 1 − Π(1 − w)}) up to the cap, and families combine the
 * same way into the score. The weights are documented in docs/policy.md; rules (the policy file)
 * decide what a score means.
 */
final class Evidence {

  /** Every family a rule may read; a family with no signal scores 0, so rules never miss a key. */
  static final List<String> FAMILIES = List.of("hashtag", "lexicon", "ring", "evasion", "media", "report",
      "enforcement", "trade", "link", "contact", "payment", "appeal", "other");

  static final double FLOOD_CAP = 0.10;
  private static final double UNKNOWN_EACH = 0.30;
  private static final double UNKNOWN_CAP = 0.60;
  private static final Map<String, Double> LEXICON_STATE = Map.of(
      "blocked", 0.55, "restricted", 0.45, "watch", 0.35);

  final Subject subject;
  final List<Signal> signals;
  final double score;
  /** Family → its score, in {@link #FAMILIES} order, every family present. */
  final Map<String, Double> family;
  final boolean knownImage;
  final boolean reported;
  /** Any signal other than user reports and the platform's own enforcement. */
  final boolean risk;
  final boolean offPlatform;
  /** A listed tag or term used other than in a meme flood. */
  final boolean listed;
  final int reporters;
  final String ring;
  final String ringRole;
  /** Strongest first: the first one is what a reviewer reads. */
  final List<String> reasons;

  private Evidence(Subject subject, List<Signal> signals) {
    this.subject = subject;
    this.signals = signals;
    Map<String, List<Signal>> byFamily = new LinkedHashMap<>();
    for (Signal s : signals) {
      byFamily.computeIfAbsent(family(s.kind()), k -> new ArrayList<>()).add(s);
    }
    this.offPlatform = byFamily.containsKey("link") || byFamily.containsKey("contact")
        || byFamily.containsKey("payment");
    this.listed = listedOutsideFlood(byFamily);
    Map<String, Double> scores = new LinkedHashMap<>();
    FAMILIES.forEach(f -> scores.put(f, 0.0));
    double keep = 1;
    boolean risky = false;
    List<Map.Entry<Double, String>> weighted = new ArrayList<>();
    for (var en : byFamily.entrySet()) {
      String f = en.getKey();
      List<Signal> list = en.getValue();
      double s = familyScore(f, list);
      risky |= !f.equals("report") && !f.equals("enforcement") && !f.equals("appeal");
      scores.merge(FAMILIES.contains(f) ? f : "other", s, (a, b) -> 1 - (1 - a) * (1 - b));
      keep *= 1 - s;
      weighted.add(Map.entry(s, describe(f, list)));
    }
    weighted.sort(Map.Entry.<Double, String>comparingByKey().reversed());
    scores.replaceAll((f, v) -> round(v));
    this.family = java.util.Collections.unmodifiableMap(scores);
    this.score = round(Math.min(1, Math.max(0, 1 - keep)));
    this.knownImage = byFamily.containsKey("media");
    this.reported = byFamily.containsKey("report");
    this.risk = risky;
    this.reporters = (int) byFamily.getOrDefault("report", List.of()).stream().map(Signal::value).distinct().count();
    Signal ringSignal = byFamily.getOrDefault("ring", List.of()).stream().findFirst().orElse(null);
    this.ring = ringSignal == null ? "" : ringSignal.value();
    this.ringRole = ringSignal == null ? "" : ringSignal.detail().getOrDefault("role", "member");
    this.reasons = weighted.stream().map(Map.Entry::getValue).toList();
  }

  /**
   * Scores to six places, so that a folder link's 0.2 is 0.2 in a rule ({@code family.link >= 0.2})
   * rather than the 0.19999999999999996 the arithmetic gives.
   */
  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }

  static Evidence of(Subject subject, List<Signal> signals) {
    return new Evidence(subject, signals);
  }

  private double familyScore(String f, List<Signal> list) {
    return switch (f) {
      case "hashtag" -> listed(list, 1, 0.75);
      // A listed term written out in running text: the same advertisement, a little less sure.
      case "lexicon" -> listed(list, 0.8, 0.60);
      // In a ring through its ties alone (only messages and follows) is as telling as adverts.
      case "ring" -> perValue(list, s -> "tied".equals(s.detail().get("role"))
          ? (parse(s.detail().get("share")) >= 0.5 ? 0.80 : 0.72) : 0.25, 0.80);
      case "evasion" -> perValue(list, s -> 0.80, 0.85);
      case "media" -> 0.99;
      case "report" -> perValue(list, s -> "flooding".equals(s.detail().get("reporter")) ? 0.02
          : "child_safety".equals(s.detail().get("reason")) ? 0.20 : 0.02, 0.40);
      case "enforcement" -> perValue(list, s -> 0.30, 0.30);
      // An appeal is the subject's own word against an action: it weighs nothing either way.
      case "appeal" -> 0;
      // Trade talk alone is weak (card traders talk like this too); beside a listed tag or an
      // off-platform identity it is what the storefront looks like.
      case "trade" -> listed ? perEvent(list, s -> 0.30, 0.45)
          : offPlatform ? perEvent(list, s -> 0.25, 0.30)
          : perEvent(list, s -> 0.10, 0.15);
      case "link" -> perValue(list, s -> "folder".equals(s.detail().get("kind")) ? 0.20 : 0.08, 0.30);
      case "contact", "payment" -> perValue(list, s -> 0.12, 0.20);
      default -> perEvent(list, s -> UNKNOWN_EACH, UNKNOWN_CAP);
    };
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
    ToDoubleFunction<Signal> w =
        s -> LEXICON_STATE.getOrDefault(s.detail().getOrDefault("state", "watch"), 0.35) * factor;
    double fromOwn = own.isEmpty() ? 0 : perEvent(own, w, cap);
    double fromFlood = flood.isEmpty() ? 0 : perEvent(flood, s -> w.applyAsDouble(s) * 0.1, FLOOD_CAP);
    return Math.min(cap, 1 - (1 - fromOwn) * (1 - fromFlood));
  }

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
  private static double perEvent(List<Signal> list, ToDoubleFunction<Signal> weight, double cap) {
    Map<String, Double> byEvent = new LinkedHashMap<>();
    for (Signal s : list) {
      byEvent.merge(s.eventId(), weight.applyAsDouble(s), Math::max);
    }
    return combine(byEvent.values(), cap);
  }

  /** Noisy-OR over distinct values (reporters, actions): the same reporter twice counts once. */
  private static double perValue(List<Signal> list, ToDoubleFunction<Signal> weight, double cap) {
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
      case "appeal" -> "appealed " + list.stream().map(sig -> sig.detail().getOrDefault("action", "an action"))
          .distinct().reduce((x, y) -> x + ", " + y).orElse("") + " (" + plural(values.size(), "appeal") + ")";
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
