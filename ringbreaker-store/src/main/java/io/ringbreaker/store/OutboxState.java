package io.ringbreaker.store;

import java.util.Locale;
import java.util.Optional;

/**
 * Where an action is on its way to the platform.
 *
 * <pre>
 * AWAITING_PERSON ─approve─▶ PENDING ─2xx─▶ DELIVERED
 *        │                    │   ▲
 *        │                    │   └─retry── FAILED ◀─4xx, or out of attempts─┘
 *        └──────cancel────────┴───────────────┴──cancel──▶ CANCELLED
 * </pre>
 */
public enum OutboxState {
  /** Consequential: waits for a person to approve (or cancel) it. */
  AWAITING_PERSON,
  /** Queued for delivery, due at its next attempt time. */
  PENDING,
  /** The platform answered 2xx. Final. */
  DELIVERED,
  /** The platform refused it, or every attempt failed; a person may retry or cancel it. */
  FAILED,
  /** A person withdrew it. Final. */
  CANCELLED;

  /** The lowercase name used in the store and the API: {@code awaiting_person}, {@code pending}, … */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state with this wire name; empty for anything else (matched exactly: wire names are lowercase). */
  public static Optional<OutboxState> fromWire(String wire) {
    for (OutboxState s : values()) {
      if (s.wire().equals(wire)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
