package io.ringbreaker.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One piece of evidence: what was seen ({@code kind}, e.g. {@code hashtag.lexicon}), its
 * normalised {@code value}, and the event it came from, so a reviewer can see why.
 * {@code detail} holds kind-specific facts (the listed term, the bank and label…).
 */
public record Signal(String kind, String value, String eventId, Instant at, Optional<Span> span,
                     Map<String, String> detail) {
  public Signal {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(span, "span");
    detail = Map.copyOf(detail);
  }

  public static Signal of(String kind, String value, Event from) {
    return new Signal(kind, value, from.eventId(), from.occurredAt(), Optional.empty(), Map.of());
  }

  public Signal withSpan(Span s) {
    return new Signal(kind, value, eventId, at, Optional.of(s), detail);
  }

  public Signal withDetail(Map<String, String> d) {
    return new Signal(kind, value, eventId, at, span, d);
  }
}
