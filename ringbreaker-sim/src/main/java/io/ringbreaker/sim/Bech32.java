package io.ringbreaker.sim;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * Bech32 (BIP-173) and SegWit addresses. Witness version 0 uses the original Bech32 checksum;
 * versions 1–16 use Bech32m (BIP-350). Used to mint syntactically valid P2WPKH addresses from
 * random bytes.
 */
final class Bech32 {
  static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int BECH32_CONST = 1;
  private static final int BECH32M_CONST = 0x2bc830a3;
  private static final int[] GEN = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

  /** A decoded SegWit address. */
  record Segwit(String hrp, int version, byte[] program) {}

  private Bech32() {}

  /** P2WPKH address on main net ({@code bc1q…}) of a 20-byte key hash. */
  static String p2wpkh(byte[] hash160) {
    if (hash160.length != 20) {
      throw new IllegalArgumentException("hash160 must be 20 bytes, got " + hash160.length);
    }
    return encodeSegwit("bc", 0, hash160);
  }

  static String encodeSegwit(String hrp, int version, byte[] program) {
    byte[] conv = convertBits(program, 8, 5, true).orElseThrow();
    byte[] data = new byte[conv.length + 1];
    data[0] = (byte) version;
    System.arraycopy(conv, 0, data, 1, conv.length);
    return encode(hrp, data, version == 0 ? BECH32_CONST : BECH32M_CONST);
  }

  /** Decodes a SegWit address of {@code hrp}, checking checksum, case, lengths and padding. */
  static Optional<Segwit> decodeSegwit(String hrp, String addr) {
    Optional<Decoded> d = decode(addr);
    if (d.isEmpty() || !d.get().hrp.equals(hrp) || d.get().data.length < 1) {
      return Optional.empty();
    }
    byte[] data = d.get().data;
    int version = data[0];
    if (version > 16) {
      return Optional.empty();
    }
    int expected = version == 0 ? BECH32_CONST : BECH32M_CONST;
    if (d.get().constant != expected) {
      return Optional.empty();
    }
    byte[] five = new byte[data.length - 1];
    System.arraycopy(data, 1, five, 0, five.length);
    Optional<byte[]> prog = convertBits(five, 5, 8, false);
    if (prog.isEmpty() || prog.get().length < 2 || prog.get().length > 40
        || (version == 0 && prog.get().length != 20 && prog.get().length != 32)) {
      return Optional.empty();
    }
    return Optional.of(new Segwit(hrp, version, prog.get()));
  }

  record Decoded(String hrp, byte[] data, int constant) {}

  static String encode(String hrp, byte[] data, int constant) {
    int[] values = new int[data.length + 6];
    for (int i = 0; i < data.length; i++) {
      values[i] = data[i];
    }
    int mod = polymod(hrpExpand(hrp), values) ^ constant;
    StringBuilder sb = new StringBuilder(hrp.length() + 1 + data.length + 6).append(hrp).append('1');
    for (byte b : data) {
      sb.append(CHARSET.charAt(b));
    }
    for (int i = 0; i < 6; i++) {
      sb.append(CHARSET.charAt((mod >>> (5 * (5 - i))) & 31));
    }
    return sb.toString();
  }

  /** Splits and checks a Bech32/Bech32m string; {@code constant} tells which checksum it carries. */
  static Optional<Decoded> decode(String s) {
    if (s.length() < 8 || s.length() > 90) {
      return Optional.empty();
    }
    boolean lower = false;
    boolean upper = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 33 || c > 126) {
        return Optional.empty();
      }
      lower |= c >= 'a' && c <= 'z';
      upper |= c >= 'A' && c <= 'Z';
    }
    if (lower && upper) {
      return Optional.empty();
    }
    String low = s.toLowerCase(Locale.ROOT);
    int pos = low.lastIndexOf('1');
    if (pos < 1 || pos + 7 > low.length()) {
      return Optional.empty();
    }
    String hrp = low.substring(0, pos);
    int[] values = new int[low.length() - pos - 1];
    for (int i = 0; i < values.length; i++) {
      int v = CHARSET.indexOf(low.charAt(pos + 1 + i));
      if (v < 0) {
        return Optional.empty();
      }
      values[i] = v;
    }
    int constant = polymod(hrpExpand(hrp), values);
    if (constant != BECH32_CONST && constant != BECH32M_CONST) {
      return Optional.empty();
    }
    byte[] data = new byte[values.length - 6];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) values[i];
    }
    return Optional.of(new Decoded(hrp, data, constant));
  }

  private static int[] hrpExpand(String hrp) {
    int n = hrp.length();
    int[] out = new int[n * 2 + 1];
    for (int i = 0; i < n; i++) {
      out[i] = hrp.charAt(i) >>> 5;
      out[n + 1 + i] = hrp.charAt(i) & 31;
    }
    return out;
  }

  /** BIP-173's checksum polynomial over the expanded hrp, then {@code values}. */
  private static int polymod(int[] hrp, int[] values) {
    int chk = 1;
    for (int v : hrp) {
      chk = step(chk, v);
    }
    for (int v : values) {
      chk = step(chk, v);
    }
    return chk;
  }

  private static int step(int chk, int v) {
    int top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (int i = 0; i < 5; i++) {
      if (((top >>> i) & 1) != 0) {
        chk ^= GEN[i];
      }
    }
    return chk;
  }

  static Optional<byte[]> convertBits(byte[] data, int from, int to, boolean pad) {
    int acc = 0;
    int bits = 0;
    int maxv = (1 << to) - 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * from / to + 1);
    for (byte b : data) {
      int value = b & 0xFF;
      if ((value >>> from) != 0) {
        return Optional.empty();
      }
      acc = (acc << from) | value;
      bits += from;
      while (bits >= to) {
        bits -= to;
        out.write((acc >>> bits) & maxv);
      }
    }
    if (pad) {
      if (bits > 0) {
        out.write((acc << (to - bits)) & maxv);
      }
    } else if (bits >= from || ((acc << (to - bits)) & maxv) != 0) {
      return Optional.empty();
    }
    return Optional.of(out.toByteArray());
  }
}
