package io.ringbreaker.model;

import java.util.Optional;

/** {@code high} and above: a person must look soon, or it has already been acted on. */
public enum Severity {
  NONE, LOW, MEDIUM, HIGH, CRITICAL;

  public String wire() {
    return Wire.name(this);
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }

  public static Optional<Severity> fromWire(String s) {
    return Wire.parse(values(), s);
  }
}
