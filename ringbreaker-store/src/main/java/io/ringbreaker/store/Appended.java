package io.ringbreaker.store;

import java.util.Objects;

/**
 * The outcome of journaling one record: {@code seq} of the stored row; for a duplicate, the seq of
 * the row already journaled under that event id.
 */
public record Appended(String eventId, long seq, boolean duplicate) {
  public Appended {
    Objects.requireNonNull(eventId, "eventId");
  }
}
