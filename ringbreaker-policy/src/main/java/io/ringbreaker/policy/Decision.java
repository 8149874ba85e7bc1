package io.ringbreaker.policy;

import io.ringbreaker.model.Severity;
import java.util.List;
import java.util.Optional;

/**
 * What the policy decided for a subject: severity, score and actions, the reasons in words a
 * reviewer reads, the rules that decided ({@code rules}, by id, the deciding rule first), the
 * review queue and priority (0–100) when a person should look, and which of the actions the
 * policy lets go out without a person ({@code automatic}).
 */
public record Decision(Severity severity, double score, List<String> actions, List<String> reasons,
                       List<String> rules, Optional<String> queue, int priority, List<String> automatic) {
  public Decision {
    actions = List.copyOf(actions);
    reasons = List.copyOf(reasons);
    rules = List.copyOf(rules);
    automatic = List.copyOf(automatic);
    if (!actions.containsAll(automatic)) {
      throw new IllegalArgumentException("automatic actions " + automatic + " must be among the actions " + actions);
    }
  }

  public Decision(Severity severity, double score, List<String> actions, List<String> reasons) {
    this(severity, score, actions, reasons, List.of(), Optional.empty(), 0, List.of());
  }

  public static final Decision NONE = new Decision(Severity.NONE, 0, List.of(), List.of());
}
