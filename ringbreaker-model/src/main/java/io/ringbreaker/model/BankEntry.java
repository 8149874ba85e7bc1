package io.ringbreaker.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A known hash in a named bank. {@code hash} is lower-case hex of the type's length; an entry is
 * identified by (bank, type, hash). {@code source} says where it came from (a file, an exchange,
 * a reviewer's decision); a disabled entry stays stored but never matches.
 */
public record BankEntry(String bank, HashType type, String hash, String label, String source,
                        Instant added, boolean enabled) {
  public BankEntry {
    Objects.requireNonNull(bank, "bank");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(added, "added");
    if (hash.length() != type.hexLength() || !isLowerHex(hash)) {
      throw new IllegalArgumentException("a " + type.wire() + " hash is " + type.hexLength()
          + " lower-case hex characters, got '" + abbreviate(hash) + "'");
    }
  }

  /** An enabled entry whose source and time are not tracked (a one-off scan, a test): added at the epoch. */
  public static BankEntry of(String bank, HashType type, String hash, String label) {
    return new BankEntry(bank, type, hash, label, "", Instant.EPOCH, true);
  }

  public BankEntry withEnabled(boolean e) {
    return new BankEntry(bank, type, hash, label, source, added, e);
  }

  private static boolean isLowerHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}
