package io.ringbreaker.store;

import java.time.Instant;
import java.util.Objects;

/** A subject whose evidence is to be preserved, asked for by the policy or a person ({@code requestedBy}). */
public record PreservationRequest(String subjectType, String subjectId, Instant requestedAt, String requestedBy) {
  public PreservationRequest {
    Objects.requireNonNull(subjectType, "subjectType");
    Objects.requireNonNull(subjectId, "subjectId");
    requestedAt = Objects.requireNonNull(requestedAt, "requestedAt").truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    Objects.requireNonNull(requestedBy, "requestedBy");
  }
}
