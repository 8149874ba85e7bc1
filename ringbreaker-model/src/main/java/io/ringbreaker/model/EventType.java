package io.ringbreaker.model;

import java.util.Optional;

public enum EventType {
  ACCOUNT, POST, COMMENT, MESSAGE, FOLLOW, REPORT, ENFORCEMENT, APPEAL;

  /** The name used in JSON: {@code account}, {@code post}, … */
  public String wire() {
    return Wire.name(this);
  }

  public static Optional<EventType> fromWire(String s) {
    return Wire.parse(values(), s);
  }
}
