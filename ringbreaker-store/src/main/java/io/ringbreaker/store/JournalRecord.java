package io.ringbreaker.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An accepted event to journal. {@code occurredAt} is stored to the microsecond; {@code json} is
 * stored as given.
 */
public record JournalRecord(String eventId, String type, Instant occurredAt, String json) {
  public JournalRecord {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(json, "json");
  }
}
