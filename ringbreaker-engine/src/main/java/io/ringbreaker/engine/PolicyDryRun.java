package io.ringbreaker.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ringbreaker.model.Severity;
import io.ringbreaker.model.Subject;
import io.ringbreaker.model.Verdict;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.policy.Decision;
import io.ringbreaker.policy.Policy;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.VerdictRow;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a changed policy would decide on what is stored, before it goes live: every stored
 * verdict's evidence is decided again with the new policy and compared with the verdict in force.
 * Reads only; nothing is written to the store.
 */
public final class PolicyDryRun {

  /** One subject the new policy decides differently. */
  public record Change(Subject subject, Severity before, Severity after, List<String> actionsBefore,
                       List<String> actionsAfter, List<String> rulesBefore, List<String> rulesAfter, double score) {}

  /**
   * The outcome: subjects decided again, how many moved from each severity to each other one
   * ({@code moves[before][after]}), how many kept their severity but not their actions; {@code
   * complete} is false when the run stopped at its limit with more verdicts stored.
   */
  public record Report(String policyBefore, String policyAfter, long subjects, long changed,
                       Map<Severity, Map<Severity, Long>> moves, long actionsOnly, boolean complete) {}

  /** Ends the verdict scan at the limit: the store's scan has no other way to stop early. */
  private static final class Limit extends RuntimeException {
    Limit() {
      super("dry-run limit", null, false, false);
    }
  }

  private PolicyDryRun() {}

  /** Decides every stored verdict again with {@code next}; each change goes to {@code changes}. */
  public static Report run(Store store, Policy next, Consumer<Change> changes) {
    return run(store, next, Long.MAX_VALUE, changes);
  }

  /**
   * Decides the first {@code limit} stored verdicts (by subject type and id) again with {@code next},
   * so a dry run asked for from a page costs a bounded time; each change goes to {@code changes}.
   */
  public static Report run(Store store, Policy next, long limit, Consumer<Change> changes) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit: must be 1 or more, got " + limit);
    }
    Map<Severity, Map<Severity, Long>> moves = new EnumMap<>(Severity.class);
    long[] counts = new long[3];
    String[] before = {""};
    boolean complete = true;
    try {
      store.state().forEachVerdict(row -> {
        if (counts[0] == limit) {
          throw new Limit();
        }
        decideAgain(row, next, moves, counts, before, changes);
      });
    } catch (Limit e) {
      complete = false;
    }
    return new Report(before[0], next.version(), counts[0], counts[1], moves, counts[2], complete);
  }

  private static void decideAgain(VerdictRow row, Policy next,
                                  Map<Severity, Map<Severity, Long>> moves, long[] counts, String[] before,
                                  Consumer<Change> changes) {
    Verdict v;
    try {
      v = ContractJson.readVerdict(ContractJson.mapper().readTree(row.json()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored verdict of " + row.subjectType() + ":" + row.subjectId()
          + " does not parse: " + e.getOriginalMessage(), e);
    }
    if (before[0].isEmpty()) {
      before[0] = v.decidedBy().policy();
    }
    Decision d = next.decide(v.subject(), v.signals());
    counts[0]++;
    if (d.severity() != v.severity()) {
      moves.computeIfAbsent(v.severity(), k -> new EnumMap<>(Severity.class)).merge(d.severity(), 1L, Long::sum);
    } else if (!d.actions().equals(v.actions())) {
      counts[2]++;
    } else {
      return;
    }
    counts[1]++;
    changes.accept(new Change(v.subject(), v.severity(), d.severity(), v.actions(), d.actions(),
        v.decidedBy().rules(), d.rules(), d.score()));
  }

  /** A change as one JSON line, for {@code --out}. */
  public static String json(Change c) {
    var o = ContractJson.mapper().createObjectNode();
    var s = o.putObject("subject");
    s.put("type", c.subject().type().wire());
    s.put("id", c.subject().id());
    o.put("before", c.before().wire());
    o.put("after", c.after().wire());
    o.put("score", Math.round(c.score() * 1000) / 1000.0);
    c.actionsBefore().forEach(o.putArray("actions_before")::add);
    c.actionsAfter().forEach(o.putArray("actions_after")::add);
    c.rulesBefore().forEach(o.putArray("rules_before")::add);
    c.rulesAfter().forEach(o.putArray("rules_after")::add);
    return ContractJson.write(o);
  }

  /** Severity moves as rows "before → after: n", most severe first. */
  public static List<String> describe(Report r) {
    List<String> out = new ArrayList<>();
    for (Severity b : reversed()) {
      for (Severity a : reversed()) {
        long n = r.moves().getOrDefault(b, Map.of()).getOrDefault(a, 0L);
        if (n > 0) {
          out.add(String.format(java.util.Locale.ROOT, "%-8s -> %-8s %,d", b.wire(), a.wire(), n));
        }
      }
    }
    return out;
  }

  private static List<Severity> reversed() {
    List<Severity> s = new ArrayList<>(List.of(Severity.values()));
    java.util.Collections.reverse(s);
    return s;
  }
}
