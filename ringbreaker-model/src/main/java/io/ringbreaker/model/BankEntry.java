package io.ringbreaker.model;

import java.util.Objects;

/** A known hash in a named bank; {@code hash} is lower-case hex. */
public record BankEntry(String bank, HashType type, String hash, String label) {
  public BankEntry {
    Objects.requireNonNull(bank, "bank");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(label, "label");
  }
}
