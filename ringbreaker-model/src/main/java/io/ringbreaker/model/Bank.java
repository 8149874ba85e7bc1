package io.ringbreaker.model;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A named hash bank and how it matches. A {@link Kind#MATCH} bank holds hashes of known material:
 * media within its PDQ threshold (and above its quality floor) raise a signal. An
 * {@link Kind#ALLOW} bank holds known memes and known false positives: media that matches one is
 * never flagged by any bank.
 *
 * @param pdqThreshold largest Hamming distance counted as a PDQ match, 0 to {@value #MAX_PDQ_THRESHOLD}
 * @param qualityFloor PDQ hashes of media below this quality (0 to 100) are not matched against this bank
 */
public record Bank(String name, Kind kind, int pdqThreshold, int qualityFloor, boolean enabled,
                   String description) {

  public static final int DEFAULT_PDQ_THRESHOLD = 31;
  public static final int DEFAULT_QUALITY_FLOOR = 50;
  /** The index answers radius searches up to this distance. */
  public static final int MAX_PDQ_THRESHOLD = 63;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  public enum Kind {
    MATCH, ALLOW;

    public String wire() {
      return Wire.name(this);
    }

    public static Optional<Kind> fromWire(String s) {
      return Wire.parse(values(), s);
    }
  }

  public Bank {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(description, "description");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("bank name '" + name
          + "' must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit");
    }
    if (pdqThreshold < 0 || pdqThreshold > MAX_PDQ_THRESHOLD) {
      throw new IllegalArgumentException("bank " + name + ": pdq threshold must be 0 to "
          + MAX_PDQ_THRESHOLD + ", got " + pdqThreshold);
    }
    if (qualityFloor < 0 || qualityFloor > 100) {
      throw new IllegalArgumentException("bank " + name + ": quality floor must be 0 to 100, got " + qualityFloor);
    }
  }

  /** A match bank with the default threshold (31) and quality floor (50), enabled. */
  public static Bank named(String name) {
    return new Bank(name, Kind.MATCH, DEFAULT_PDQ_THRESHOLD, DEFAULT_QUALITY_FLOOR, true, "");
  }

  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  public Bank withKind(Kind k) {
    return new Bank(name, k, pdqThreshold, qualityFloor, enabled, description);
  }

  public Bank withPdqThreshold(int t) {
    return new Bank(name, kind, t, qualityFloor, enabled, description);
  }

  public Bank withQualityFloor(int q) {
    return new Bank(name, kind, pdqThreshold, q, enabled, description);
  }

  public Bank withEnabled(boolean e) {
    return new Bank(name, kind, pdqThreshold, qualityFloor, e, description);
  }

  public Bank withDescription(String d) {
    return new Bank(name, kind, pdqThreshold, qualityFloor, enabled, d);
  }
}
