package io.ringbreaker.store;

import java.util.Objects;

/** Engine-internal state, keyed by ({@code kind}, {@code key}); e.g. kind "tag_accounts". */
public record StateRow(String kind, String key, String json) {
  public StateRow {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(json, "json");
  }
}
