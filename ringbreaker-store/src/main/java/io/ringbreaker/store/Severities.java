package io.ringbreaker.store;

import io.ringbreaker.model.Severity;

/** Severity wire names and their stored rank (none=0 .. critical=4). */
final class Severities {
  private Severities() {}

  static int rank(String severity) {
    return Severity.fromWire(severity)
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown severity \"" + severity + "\": want none, low, medium, high or critical"))
        .ordinal();
  }

  static String name(int rank) {
    return Severity.values()[rank].wire();
  }
}
