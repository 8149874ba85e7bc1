package io.ringbreaker.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One line of the audit log: who ({@code actor}: a user name, {@code api-key:<name>} or
 * {@code system}) did what ({@code action}, e.g. {@code case.decide}) to what ({@code target}),
 * with details as JSON. {@code hash} chains it to the entry before: see {@link #chainHash}.
 */
public record AuditEntry(long seq, Instant at, String actor, String action, String target, String detailJson,
                         String prevHash, String hash) {
  /** The prev_hash of the first entry. */
  public static final String GENESIS = "0".repeat(64);

  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(detailJson, "detailJson");
    Objects.requireNonNull(prevHash, "prevHash");
    Objects.requireNonNull(hash, "hash");
  }

  /** True when {@link #hash} is what {@link #chainHash} computes from the other fields. */
  public boolean hashMatches() {
    return hash.equals(chainHash(prevHash, seq, Times.micros(at), actor, action, target, detailJson));
  }

  /**
   * Lowercase hex SHA-256 of the UTF-8 of {@code prevHash \n seq \n atMicros \n actor \n action \n
   * target \n detail}, where seq and atMicros (epoch microseconds) are decimal. Anyone can recompute it
   * from an export to check the chain without Ringbreaker.
   */
  public static String chainHash(String prevHash, long seq, long atMicros, String actor, String action, String target,
                                 String detail) {
    String text = prevHash + "\n" + seq + "\n" + atMicros + "\n" + actor + "\n" + action + "\n" + target + "\n" + detail;
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
