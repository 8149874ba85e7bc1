package io.ringbreaker.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What Ringbreaker thinks of a subject after the events so far. {@code signals} is the evidence
 * (capped; {@code signalCount} is how many were seen in all), {@code reasons} the policy's words,
 * {@code decidedBy} the policy and rules that made it.
 */
public record Verdict(Subject subject, Severity severity, double score, List<String> actions,
                      List<Signal> signals, int signalCount, List<String> reasons, Optional<String> ring,
                      Optional<Instant> firstFlaggedAt, DecidedBy decidedBy) {
  public Verdict {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(decidedBy, "decidedBy");
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score must be in [0, 1]: " + score);
    }
    actions = List.copyOf(actions);
    signals = List.copyOf(signals);
    reasons = List.copyOf(reasons);
  }
}
