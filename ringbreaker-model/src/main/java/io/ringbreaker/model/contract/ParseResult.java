package io.ringbreaker.model.contract;

import io.ringbreaker.model.Event;
import java.util.List;
import java.util.Optional;

/** The outcome of reading one event: accepted, or rejected with reasons that name the field. */
public sealed interface ParseResult {

  record Accepted(Event event) implements ParseResult {}

  /** {@code eventId} is present when the id itself could be read. */
  record Rejected(Optional<String> eventId, List<String> reasons) implements ParseResult {
    public Rejected {
      reasons = List.copyOf(reasons);
      if (reasons.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs a reason");
      }
    }

    public String reason() {
      return String.join("; ", reasons);
    }
  }
}
