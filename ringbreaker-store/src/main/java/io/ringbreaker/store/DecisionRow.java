package io.ringbreaker.store;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A recorded decision about one subject. {@code appliedAt}: when its feedback reached the lists. */
public record DecisionRow(long id, long caseId, String subjectType, String subjectId, String reviewer,
                          DecisionKind decision, String category, String reason, List<String> actions, State state,
                          Instant decidedAt, Optional<String> secondReviewer, Optional<Instant> confirmedAt,
                          Optional<Instant> appliedAt) {
  public DecisionRow {
    actions = List.copyOf(actions);
  }

  /** Whether the decision is in force. */
  public enum State {
    /** In force. */
    FINAL,
    /** A "clear" of a reported subject: a lead must confirm it before it is in force. */
    AWAITING_CONFIRMATION,
    /** Confirmed by a lead: in force. */
    CONFIRMED,
    /** A lead disagreed with the "clear": never in force; the case went back for a new decision. */
    REJECTED;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    static State fromWire(String wire) {
      return valueOf(wire.toUpperCase(Locale.ROOT));
    }
  }

  public boolean inForce() {
    return state == State.FINAL || state == State.CONFIRMED;
  }

  /** Whether this decision still stands or waits to (so the subject needs no new decision). */
  public boolean standing() {
    return state != State.REJECTED;
  }
}
