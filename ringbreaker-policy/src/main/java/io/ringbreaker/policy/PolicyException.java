package io.ringbreaker.policy;

import java.util.List;

/**
 * A policy file that cannot be used, with every problem found, each naming the file, the line and
 * column, and the rule: {@code policy.yaml:14:11: rule 'high-score': when: undeclared reference to 'scor'}.
 */
public final class PolicyException extends RuntimeException {
  private final List<String> problems;

  PolicyException(List<String> problems) {
    super(problems.size() == 1 ? problems.getFirst()
        : problems.size() + " problems:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
