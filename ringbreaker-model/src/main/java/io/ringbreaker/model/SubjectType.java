package io.ringbreaker.model;

import java.util.Optional;

/** What a verdict can be about. */
public enum SubjectType {
  ACCOUNT, POST, COMMENT, MESSAGE, HASHTAG, LINK;

  public String wire() {
    return Wire.name(this);
  }

  public static Optional<SubjectType> fromWire(String s) {
    return Wire.parse(values(), s);
  }
}
