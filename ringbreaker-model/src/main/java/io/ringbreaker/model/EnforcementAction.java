package io.ringbreaker.model;

import java.util.Optional;

public enum EnforcementAction {
  REMOVED, RESTORED, SUSPENDED, REINSTATED, HASHTAG_RESTRICTED, HASHTAG_BLOCKED, HASHTAG_ALLOWED;

  public String wire() {
    return Wire.name(this);
  }

  /** The lexicon state a hashtag action puts the tag in, if this is a hashtag action. */
  public Optional<TagState> tagState() {
    return switch (this) {
      case HASHTAG_RESTRICTED -> Optional.of(TagState.RESTRICTED);
      case HASHTAG_BLOCKED -> Optional.of(TagState.BLOCKED);
      case HASHTAG_ALLOWED -> Optional.of(TagState.ALLOWED);
      default -> Optional.empty();
    };
  }

  public static Optional<EnforcementAction> fromWire(String s) {
    return Wire.parse(values(), s);
  }
}
