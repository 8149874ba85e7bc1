package io.ringbreaker.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The latest verdict on a subject. {@code severity} is a wire name (none, low, medium, high,
 * critical); {@code score} is finite; {@code updatedAt} is stored to the microsecond.
 */
public record VerdictRow(
    String subjectType, String subjectId, String severity, double score, Instant updatedAt, String json) {
  public VerdictRow {
    Objects.requireNonNull(subjectType, "subjectType");
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(json, "json");
    Severities.rank(severity);
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException("score must be finite, got " + score);
    }
  }
}
