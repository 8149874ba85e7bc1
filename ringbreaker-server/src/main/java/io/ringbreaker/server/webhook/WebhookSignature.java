package io.ringbreaker.server.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature on every webhook request: {@code Ringbreaker-Signature: t=<unix seconds>,v1=<hex>}
 * where the hex is the lowercase HMAC-SHA256, keyed with the shared secret, of
 * {@code "<t>." + body}. Signing the timestamp with the body lets a receiver refuse a captured
 * request replayed later; the platform verifies with {@link #verify}.
 */
public final class WebhookSignature {
  public static final String SIGNATURE_HEADER = "Ringbreaker-Signature";
  /** The platform's dedupe key: one action id is one action, however often it arrives. */
  public static final String ACTION_ID_HEADER = "Ringbreaker-Action-Id";
  /** How far a signature's timestamp may be from the receiver's clock. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  /** Why a request was accepted or refused. */
  public enum Outcome { VALID, MISSING_HEADER, MALFORMED_HEADER, REPLAYED, BAD_SIGNATURE }

  /** The answer of {@link #verify}: the outcome and, when refused, a sentence saying why. */
  public record Verification(Outcome outcome, String reason) {
    public Verification {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(reason, "reason");
    }

    public boolean valid() {
      return outcome == Outcome.VALID;
    }
  }

  private WebhookSignature() {}

  /** The {@code Ringbreaker-Signature} header value for {@code body} sent at {@code at}. */
  public static String header(byte[] secret, Instant at, byte[] body) {
    long t = at.getEpochSecond();
    return "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac(secret, t, body));
  }

  /**
   * Checks a request as a platform receives it: {@code header} is the {@code Ringbreaker-Signature}
   * value (null when missing), {@code body} the raw bytes as received (before any JSON parsing).
   * Any of several {@code v1=} values may match, which lets a sender sign with two secrets while
   * one replaces the other. The signature is compared in constant time; the timestamp is checked
   * only once the signature matches, so a refused forgery never reads as a mere replay.
   */
  public static Verification verify(byte[] secret, String header, byte[] body, Instant now, Duration tolerance) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(tolerance, "tolerance");
    if (header == null || header.isBlank()) {
      return new Verification(Outcome.MISSING_HEADER, "no " + SIGNATURE_HEADER + " header");
    }
    Long t = null;
    List<byte[]> signatures = new ArrayList<>();
    for (String part : header.split(",")) {
      String p = part.strip();
      int eq = p.indexOf('=');
      if (eq <= 0) {
        return malformed("part \"" + p + "\" is not key=value");
      }
      String key = p.substring(0, eq);
      String value = p.substring(eq + 1);
      if (key.equals("t")) {
        if (t != null || !value.matches("[0-9]{1,12}")) {
          return malformed("t must appear once, as unix seconds");
        }
        t = Long.parseLong(value);
      } else if (key.equals("v1")) {
        if (!value.matches("[0-9a-f]{64}")) {
          return malformed("v1 must be 64 lowercase hex digits");
        }
        signatures.add(HexFormat.of().parseHex(value));
      }
      // Other keys (a future v2) are ignored, so a receiver keeps working while senders add schemes.
    }
    if (t == null) {
      return malformed("no t=<unix seconds>");
    }
    if (signatures.isEmpty()) {
      return malformed("no v1=<signature>");
    }
    byte[] expected = hmac(secret, t, body);
    boolean match = false;
    for (byte[] s : signatures) {
      match |= MessageDigest.isEqual(expected, s); // constant time, and no early exit across values
    }
    if (!match) {
      return new Verification(Outcome.BAD_SIGNATURE, "signature does not match the body and secret");
    }
    long skew = Math.abs(now.getEpochSecond() - t);
    if (skew > tolerance.toSeconds()) {
      return new Verification(Outcome.REPLAYED, "timestamp " + t + " is " + skew
          + " s from now, outside the tolerance of " + tolerance.toSeconds() + " s (a replay, or a wrong clock)");
    }
    return new Verification(Outcome.VALID, "");
  }

  /** {@link #verify} with the default tolerance of 5 minutes. */
  public static Verification verify(byte[] secret, String header, byte[] body, Instant now) {
    return verify(secret, header, body, now, DEFAULT_TOLERANCE);
  }

  private static Verification malformed(String why) {
    return new Verification(Outcome.MALFORMED_HEADER, "malformed " + SIGNATURE_HEADER + " header: " + why);
  }

  private static byte[] hmac(byte[] secret, long t, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not usable in this JVM", e);
    }
  }
}
