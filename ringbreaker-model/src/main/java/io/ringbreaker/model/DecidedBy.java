package io.ringbreaker.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which policy made a verdict and how: its version ({@code name/version#digest}), the rules that
 * held (the deciding rule first), the review queue and priority (0–100), and which of the actions
 * the policy lets go out without a person. {@link #UNKNOWN} for verdicts stored before policies
 * were recorded.
 */
public record DecidedBy(String policy, List<String> rules, Optional<String> queue, int priority,
                        List<String> automatic) {
  public static final DecidedBy UNKNOWN = new DecidedBy("", List.of(), Optional.empty(), 0, List.of());

  public DecidedBy {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(queue, "queue");
    rules = List.copyOf(rules);
    automatic = List.copyOf(automatic);
    if (priority < 0 || priority > 100) {
      throw new IllegalArgumentException("priority must be 0 to 100: " + priority);
    }
  }
}
