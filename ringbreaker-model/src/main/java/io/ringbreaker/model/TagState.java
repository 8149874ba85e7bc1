package io.ringbreaker.model;

import java.util.Optional;

/**
 * The state of a hashtag or lexicon term. {@code NONE} is a tag on no list; the others are the
 * lexicon states of the contract.
 */
public enum TagState {
  NONE, ALLOWED, WATCH, RESTRICTED, BLOCKED;

  public String wire() {
    return Wire.name(this);
  }

  public static Optional<TagState> fromWire(String s) {
    return Wire.parse(values(), s);
  }
}
