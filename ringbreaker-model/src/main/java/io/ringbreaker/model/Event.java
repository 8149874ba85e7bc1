package io.ringbreaker.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing that happened on the platform, as the contract describes it. The body's kind is the
 * event's type, so the two can never disagree.
 */
public record Event(String eventId, Instant occurredAt, String actor, EventBody body) {
  public Event {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(body, "body");
  }

  public EventType type() {
    return body.type();
  }
}
