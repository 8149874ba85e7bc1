package io.ringbreaker.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of results; {@code next} is the cursor of the following page, empty on the last. */
public record Page<T>(List<T> items, Optional<String> next) {
  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(next, "next");
  }
}
