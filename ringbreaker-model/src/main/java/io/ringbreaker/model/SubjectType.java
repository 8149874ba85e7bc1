package io.ringbreaker.model;

import java.util.Locale;
import java.util.Optional;

/** What a verdict can be about. */
public enum SubjectType {
  ACCOUNT, POST, COMMENT, MESSAGE, HASHTAG, LINK;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<SubjectType> fromWire(String s) {
    for (SubjectType t : values()) {
      if (t.wire().equals(s)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
