package io.ringbreaker.model;

import java.util.Locale;
import java.util.Optional;

/** What a report or an enforcement is about. */
public enum TargetType {
  ACCOUNT, POST, COMMENT, MESSAGE, HASHTAG;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public SubjectType subjectType() {
    return SubjectType.valueOf(name());
  }

  public static Optional<TargetType> fromWire(String s) {
    for (TargetType t : values()) {
      if (t.wire().equals(s)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
