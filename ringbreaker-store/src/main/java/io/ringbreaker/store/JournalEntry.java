package io.ringbreaker.store;

import java.time.Instant;
import java.util.Objects;

/** A journaled event; {@code receivedAt} is when its batch was appended. */
public record JournalEntry(
    long seq, String eventId, String type, Instant occurredAt, Instant receivedAt, String json) {
  public JournalEntry {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(json, "json");
  }
}
