package io.ringbreaker.policy;

import io.ringbreaker.model.Severity;
import java.util.List;

/** What the policy decided for a subject, with the reasons in words a reviewer reads. */
public record Decision(Severity severity, double score, List<String> actions, List<String> reasons) {
  public Decision {
    actions = List.copyOf(actions);
    reasons = List.copyOf(reasons);
  }

  public static final Decision NONE = new Decision(Severity.NONE, 0, List.of(), List.of());
}
