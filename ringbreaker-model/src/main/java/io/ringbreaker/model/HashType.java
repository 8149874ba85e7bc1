package io.ringbreaker.model;

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
    return Wire.name(this);
  }

  public static Optional<HashType> fromWire(String s) {
    return Wire.parse(values(), s);
  }
}
