package io.ringbreaker.model;

import java.util.Locale;
import java.util.Optional;

/** {@code high} and above: a person must look soon, or it has already been acted on. */
public enum Severity {
  NONE, LOW, MEDIUM, HIGH, CRITICAL;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }

  public static Optional<Severity> fromWire(String s) {
    for (Severity v : values()) {
      if (v.wire().equals(s)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
