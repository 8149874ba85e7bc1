package io.ringbreaker.detect.ring;

import java.util.Locale;

/**
 * What ties two accounts, with how much one occurrence adds and the most the kind can add up to
 * between one pair, so a chatty pair cannot outweigh a pair that shares a folder.
 */
public enum TieKind {
  FOLLOW(0.5, 1.0),
  COMMENT(0.3, 1.5),
  MESSAGE(0.4, 3.0),
  /** Both used a tag few others use. */
  SHARED_TAG(0.4, 1.2),
  /** The same cloud folder, app handle, payment id or known image seen from both. */
  SHARED_IDENTITY(2.0, 4.0);

  final float each;
  final float cap;

  TieKind(double each, double cap) {
    this.each = (float) each;
    this.cap = (float) cap;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
