package io.ringbreaker.store;

import java.util.Locale;
import java.util.Optional;

/** What a reviewer decided about a subject. */
public enum DecisionKind {
  /** A violation: the subject's waiting actions go out, and what it shows feeds the lists. */
  CONFIRM,
  /** No violation: the subject's waiting actions are cancelled (after a lead's confirmation when users reported it). */
  CLEAR,
  /** Needs someone more senior: the case goes back to the {@code escalated} queue. */
  ESCALATE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<DecisionKind> fromWire(String wire) {
    for (DecisionKind k : values()) {
      if (k.wire().equals(wire)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
