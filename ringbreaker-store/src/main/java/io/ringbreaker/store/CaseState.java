package io.ringbreaker.store;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a case is in review.
 *
 * <pre>
 * OPEN ─claim─▶ CLAIMED ─decide─▶ DECIDED ─feedback applied─▶ CLOSED
 *  ▲              │  │                ▲
 *  └─release,─────┘  └─decide (a reported "clear")─▶ AWAITING_CONFIRMATION ─lead confirms─┘
 *    lease ends, escalate,                                 │
 *    a lead rejects the clear ◀────────────────────────────┘ (back OPEN, in the escalated queue)
 * </pre>
 */
public enum CaseState {
  /** Waiting for a reviewer. */
  OPEN,
  /** A reviewer holds its lease (until {@code lease_until}; then anyone may take it). */
  CLAIMED,
  /** Decided, but a "no violation" on a reported subject waits for a lead's confirmation. */
  AWAITING_CONFIRMATION,
  /** Every decision is final; its feedback (banks, lexicon, ring seeds) is being applied. */
  DECIDED,
  /** Decided and its feedback applied. */
  CLOSED;

  /** The lowercase name used in the store and the API. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<CaseState> fromWire(String wire) {
    for (CaseState s : values()) {
      if (s.wire().equals(wire)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** Evidence about the case's subjects still joins it (rather than opening a new case). */
  boolean active() {
    return this == OPEN || this == CLAIMED || this == AWAITING_CONFIRMATION;
  }
}
