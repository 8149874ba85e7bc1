package io.ringbreaker.sim;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Bitcoin's Base58 and Base58Check (version byte, payload, first 4 bytes of double SHA-256).
 * The simulator uses it to mint syntactically valid P2PKH addresses from random bytes, so a
 * detector that verifies checksums sees realistic input; none of them is anyone's address.
 */
final class Base58Check {
  static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final int[] INDEXES = new int[128];

  static {
    Arrays.fill(INDEXES, -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      INDEXES[ALPHABET.charAt(i)] = i;
    }
  }

  private Base58Check() {}

  /** P2PKH address (version 0x00) of a 20-byte public-key hash. */
  static String p2pkh(byte[] hash160) {
    if (hash160.length != 20) {
      throw new IllegalArgumentException("hash160 must be 20 bytes, got " + hash160.length);
    }
    return encodeChecked(0x00, hash160);
  }

  static String encodeChecked(int version, byte[] payload) {
    byte[] body = new byte[1 + payload.length];
    body[0] = (byte) version;
    System.arraycopy(payload, 0, body, 1, payload.length);
    byte[] check = doubleSha256(body);
    byte[] all = Arrays.copyOf(body, body.length + 4);
    System.arraycopy(check, 0, all, body.length, 4);
    return encode(all);
  }

  /** The version byte and payload, if {@code s} is Base58 with a correct checksum. */
  static Optional<byte[]> decodeChecked(String s) {
    Optional<byte[]> raw = decode(s);
    if (raw.isEmpty() || raw.get().length < 5) {
      return Optional.empty();
    }
    byte[] all = raw.get();
    byte[] body = Arrays.copyOf(all, all.length - 4);
    byte[] check = doubleSha256(body);
    for (int i = 0; i < 4; i++) {
      if (check[i] != all[body.length + i]) {
        return Optional.empty();
      }
    }
    return Optional.of(body);
  }

  static String encode(byte[] input) {
    if (input.length == 0) {
      return "";
    }
    int zeros = 0;
    while (zeros < input.length && input[zeros] == 0) {
      zeros++;
    }
    byte[] num = Arrays.copyOf(input, input.length);
    char[] out = new char[input.length * 2];
    int outStart = out.length;
    for (int start = zeros; start < num.length; ) {
      out[--outStart] = ALPHABET.charAt(divmod(num, start, 256, 58));
      if (num[start] == 0) {
        start++;
      }
    }
    while (outStart < out.length && out[outStart] == ALPHABET.charAt(0)) {
      outStart++;
    }
    while (--zeros >= 0) {
      out[--outStart] = ALPHABET.charAt(0);
    }
    return new String(out, outStart, out.length - outStart);
  }

  static Optional<byte[]> decode(String s) {
    if (s.isEmpty()) {
      return Optional.of(new byte[0]);
    }
    byte[] in58 = new byte[s.length()];
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int digit = c < 128 ? INDEXES[c] : -1;
      if (digit < 0) {
        return Optional.empty();
      }
      in58[i] = (byte) digit;
    }
    int zeros = 0;
    while (zeros < in58.length && in58[zeros] == 0) {
      zeros++;
    }
    byte[] decoded = new byte[s.length()];
    int outStart = decoded.length;
    for (int start = zeros; start < in58.length; ) {
      decoded[--outStart] = (byte) divmod(in58, start, 58, 256);
      if (in58[start] == 0) {
        start++;
      }
    }
    while (outStart < decoded.length && decoded[outStart] == 0) {
      outStart++;
    }
    return Optional.of(Arrays.copyOfRange(decoded, outStart - zeros, decoded.length));
  }

  /** Divides the big number in {@code number[first..]} (digits in {@code base}) by {@code divisor}; returns the remainder. */
  private static int divmod(byte[] number, int first, int base, int divisor) {
    int remainder = 0;
    for (int i = first; i < number.length; i++) {
      int digit = number[i] & 0xFF;
      int temp = remainder * base + digit;
      number[i] = (byte) (temp / divisor);
      remainder = temp % divisor;
    }
    return remainder;
  }

  static byte[] doubleSha256(byte[] data) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return md.digest(md.digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
