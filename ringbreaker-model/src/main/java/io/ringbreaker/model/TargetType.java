package io.ringbreaker.model;

import java.util.Optional;

/** What a report or an enforcement is about. */
public enum TargetType {
  ACCOUNT, POST, COMMENT, MESSAGE, HASHTAG;

  public String wire() {
    return Wire.name(this);
  }

  public SubjectType subjectType() {
    return SubjectType.valueOf(name());
  }

  public static Optional<TargetType> fromWire(String s) {
    return Wire.parse(values(), s);
  }
}
