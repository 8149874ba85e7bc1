package io.ringbreaker.model;

import java.util.Locale;
import java.util.Optional;

/** The signal types a hash bank holds, with the hex length of each. */
public enum HashType {
  PDQ(64), MD5(32), SHA256(64);

  private final int hexLength;

  HashType(int hexLength) {
    this.hexLength = hexLength;
  }

  public int hexLength() {
    return hexLength;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<HashType> fromWire(String s) {
    for (HashType t : values()) {
      if (t.wire().equals(s)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
