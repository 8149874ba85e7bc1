package io.ringbreaker.store;

import java.util.Objects;
import java.util.Optional;

/**
 * A filter over verdicts. {@code severity} matches exactly, {@code minSeverity} matches that
 * severity and above; {@code after} is the {@link Page#next()} cursor of the previous page.
 */
public record VerdictQuery(
    Optional<String> subjectType,
    Optional<String> subjectId,
    Optional<String> severity,
    Optional<String> minSeverity,
    int limit,
    Optional<String> after) {
  public static final int MAX_LIMIT = 10_000;

  public VerdictQuery {
    Objects.requireNonNull(subjectType, "subjectType");
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(minSeverity, "minSeverity");
    Objects.requireNonNull(after, "after");
    severity.ifPresent(Severities::rank);
    minSeverity.ifPresent(Severities::rank);
    if (limit <= 0 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
    }
  }

  /** All verdicts, {@code limit} at a time. */
  public static VerdictQuery all(int limit) {
    return new VerdictQuery(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), limit, Optional.empty());
  }

  public VerdictQuery withAfter(Optional<String> cursor) {
    return new VerdictQuery(subjectType, subjectId, severity, minSeverity, limit, cursor);
  }
}
