package io.ringbreaker.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The state of a hashtag or lexicon term. {@code NONE} is a tag on no list; the others are the
 * lexicon states of the contract.
 */
public enum TagState {
  NONE, ALLOWED, WATCH, RESTRICTED, BLOCKED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<TagState> fromWire(String s) {
    for (TagState v : values()) {
      if (v.wire().equals(s)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
