package io.ringbreaker.model;

import java.util.Locale;
import java.util.Optional;

public enum EventType {
  ACCOUNT, POST, COMMENT, MESSAGE, FOLLOW, REPORT, ENFORCEMENT;

  /** The name used in JSON: {@code account}, {@code post}, … */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<EventType> fromWire(String s) {
    for (EventType t : values()) {
      if (t.wire().equals(s)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
