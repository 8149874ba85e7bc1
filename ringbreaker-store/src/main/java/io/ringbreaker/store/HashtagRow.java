package io.ringbreaker.store;

import java.util.Objects;

/** What the engine knows of one hashtag, keyed by {@code tag}. */
public record HashtagRow(String tag, String json) {
  public HashtagRow {
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(json, "json");
  }
}
