package io.ringbreaker.server.visual;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringbreaker.detect.ring.TieKind;
import io.ringbreaker.model.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What {@link RingGraph} draws: a ring's members and the ties between them. Values only, so a
 * picture can be made from the store, from the engine, or by hand in a test.
 *
 * @param ringId  the ring's id (as in {@code /v1/rings/{id}})
 * @param members every member, in the order given (the layout does not depend on it)
 * @param ties    at most one per unordered pair of members
 */
public record RingView(String ringId, List<Member> members, List<Tie> ties) {

  /**
   * @param handle    the account's handle when known (attacker-chosen text: escaped when drawn)
   * @param seed      in the ring by its own evidence, not only through its ties
   * @param severity  the severity of the verdict on the account
   * @param suspended the platform has suspended the account
   */
  public record Member(String account, Optional<String> handle, boolean seed, Severity severity, boolean suspended) {
    public Member {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(handle, "handle");
      Objects.requireNonNull(severity, "severity");
    }
  }

  /** A tie between two members: its weight per kind (kinds absent or at 0 do not tie them). */
  public record Tie(String a, String b, Map<TieKind, Double> weights) {
    public Tie {
      Objects.requireNonNull(a, "a");
      Objects.requireNonNull(b, "b");
      if (a.equals(b)) {
        throw new IllegalArgumentException("a tie joins two accounts, got '" + a + "' twice");
      }
      EnumMap<TieKind, Double> w = new EnumMap<>(TieKind.class);
      weights.forEach((k, v) -> {
        if (!(v >= 0) || !Double.isFinite(v)) {
          throw new IllegalArgumentException("tie " + a + "–" + b + " " + k.wire() + ": weight must be finite and ≥ 0, got " + v);
        }
        if (v > 0) {
          w.put(k, v);
        }
      });
      weights = Collections.unmodifiableMap(w);
    }

    public double total() {
      return weights.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The kind that weighs most (the first in {@link TieKind} order on a tie); how the line is dashed. */
    public TieKind strongest() {
      TieKind best = null;
      for (Map.Entry<TieKind, Double> e : weights.entrySet()) {
        if (best == null || e.getValue() > weights.get(best)) {
          best = e.getKey();
        }
      }
      if (best == null) {
        throw new IllegalStateException("tie " + a + "–" + b + " has no weight");
      }
      return best;
    }
  }

  /** What the verdict store says of one account; {@link #UNKNOWN} when it has no verdict. */
  public record Facts(Optional<String> handle, Severity severity, boolean suspended) {
    public static final Facts UNKNOWN = new Facts(Optional.empty(), Severity.NONE, false);

    public Facts {
      Objects.requireNonNull(handle, "handle");
      Objects.requireNonNull(severity, "severity");
    }

    /**
     * From a verdict as the API serves it: its severity, and suspended when a platform enforcement
     * signal says so (the engine attaches one for each suspension it is told of).
     */
    public static Facts ofVerdict(JsonNode verdict) {
      Severity severity = Severity.fromWire(verdict.path("severity").asText("")).orElseThrow(() ->
          new IllegalArgumentException("verdict: severity must be none, low, medium, high or critical, got '"
              + verdict.path("severity").asText("") + "'"));
      boolean suspended = false;
      for (JsonNode s : verdict.path("signals")) {
        suspended |= s.path("kind").asText().equals("enforcement.platform") && s.path("value").asText().equals("suspended");
      }
      return new Facts(Optional.empty(), severity, suspended);
    }
  }

  public RingView {
    Objects.requireNonNull(ringId, "ringId");
    members = List.copyOf(members);
    ties = List.copyOf(ties);
    Set<String> ids = new HashSet<>();
    for (Member m : members) {
      if (!ids.add(m.account())) {
        throw new IllegalArgumentException("ring " + ringId + ": member '" + m.account() + "' is listed twice");
      }
    }
    Set<String> pairs = new HashSet<>();
    for (Tie t : ties) {
      for (String x : List.of(t.a(), t.b())) {
        if (!ids.contains(x)) {
          throw new IllegalArgumentException("ring " + ringId + ": tie " + t.a() + "–" + t.b() + " names '" + x
              + "', who is not a member");
        }
      }
      String key = t.a().compareTo(t.b()) < 0 ? t.a() + "\u0000" + t.b() : t.b() + "\u0000" + t.a();
      if (!pairs.add(key)) {
        throw new IllegalArgumentException("ring " + ringId + ": the pair " + t.a() + "–" + t.b() + " is tied twice");
      }
    }
  }

  /**
   * A view of a ring as {@code GET /v1/rings/{id}} serves it ({@code id}, {@code members[].account},
   * {@code members[].seed}); {@code facts} says what is known of each member (its verdict), and
   * {@code ties} the weights per kind between two members (empty when they are not tied). Asks
   * {@code ties} once per unordered pair; in a ring of more than {@link RingGraph#MAX_MEMBERS}
   * members only pairs among the {@link RingGraph#MAX_MEMBERS} tied to most members
   * ({@code tied_members}, then {@code share}, then id) are asked, so a ring of thousands costs
   * 20,000 lookups, not millions; the rest are in the view untied (and {@link RingGraph} leaves
   * them out, saying so).
   */
  public static RingView fromJson(JsonNode ring, Function<String, Facts> facts,
                                  BiFunction<String, String, Map<TieKind, Double>> ties) {
    String id = ring.path("id").asText("");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("ring JSON: 'id' is missing or empty");
    }
    if (!ring.path("members").isArray()) {
      throw new IllegalArgumentException("ring " + id + ": 'members' must be an array");
    }
    List<Member> members = new ArrayList<>();
    for (JsonNode m : ring.path("members")) {
      String account = m.path("account").asText("");
      if (account.isEmpty()) {
        throw new IllegalArgumentException("ring " + id + ": members[" + members.size() + "].account is missing or empty");
      }
      Facts f = Objects.requireNonNullElse(facts.apply(account), Facts.UNKNOWN);
      members.add(new Member(account, f.handle(), m.path("seed").asBoolean(false), f.severity(), f.suspended()));
    }
    List<String> asked = new ArrayList<>();
    List<JsonNode> ranked = new ArrayList<>();
    ring.path("members").forEach(ranked::add);
    ranked.sort(Comparator.comparingInt((JsonNode m) -> -m.path("tied_members").asInt())
        .thenComparingDouble(m -> -m.path("share").asDouble())
        .thenComparing(m -> m.path("account").asText()));
    ranked.stream().limit(RingGraph.MAX_MEMBERS).forEach(m -> asked.add(m.path("account").asText()));
    asked.sort(Comparator.naturalOrder());
    List<Tie> out = new ArrayList<>();
    for (int i = 0; i < asked.size(); i++) {
      for (int j = i + 1; j < asked.size(); j++) {
        String a = asked.get(i);
        String b = asked.get(j);
        Tie t = new Tie(a, b, Objects.requireNonNullElse(ties.apply(a, b), Map.of()));
        if (!t.weights().isEmpty()) {
          out.add(t);
        }
      }
    }
    return new RingView(id, members, out);
  }
}
