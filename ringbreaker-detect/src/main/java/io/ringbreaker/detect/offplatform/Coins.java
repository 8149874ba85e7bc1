package io.ringbreaker.detect.offplatform;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Address checks for the coins traders ask to be paid in. Each returns empty unless the checksum holds. */
final class Coins {
  static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int BECH32_CONST = 1;
  private static final int BECH32M_CONST = 0x2bc830a3;

  private Coins() {}

  /** A Bitcoin address found valid: its network and encoding, for the signal's detail. */
  record Btc(String network, String encoding) {}

  // ---- Base58Check (P2PKH 1…, P2SH 3…) ----

  static Optional<Btc> base58Check(String s) {
    byte[] raw = base58Decode(s);
    if (raw == null || raw.length != 25) {
      return Optional.empty();
    }
    byte[] check = sha256(sha256(Arrays.copyOf(raw, 21)));
    for (int i = 0; i < 4; i++) {
      if (check[i] != raw[21 + i]) {
        return Optional.empty();
      }
    }
    return switch (raw[0]) {
      case 0x00 -> Optional.of(new Btc("mainnet", "p2pkh"));
      case 0x05 -> Optional.of(new Btc("mainnet", "p2sh"));
      default -> Optional.empty();
    };
  }

  static byte[] base58Decode(String s) {
    BigInteger n = BigInteger.ZERO;
    BigInteger b58 = BigInteger.valueOf(58);
    int zeros = 0;
    while (zeros < s.length() && s.charAt(zeros) == '1') {
      zeros++;
    }
    for (int i = 0; i < s.length(); i++) {
      int d = BASE58.indexOf(s.charAt(i));
      if (d < 0) {
        return null;
      }
      n = n.multiply(b58).add(BigInteger.valueOf(d));
    }
    byte[] mag = n.toByteArray();
    int skip = mag.length > 1 && mag[0] == 0 ? 1 : 0;
    if (n.signum() == 0) {
      mag = new byte[0];
      skip = 0;
    }
    byte[] out = new byte[zeros + mag.length - skip];
    System.arraycopy(mag, skip, out, zeros, mag.length - skip);
    return out;
  }

  static String base58Encode(byte[] data) {
    StringBuilder sb = new StringBuilder();
    BigInteger n = new BigInteger(1, data);
    BigInteger b58 = BigInteger.valueOf(58);
    while (n.signum() > 0) {
      BigInteger[] qr = n.divideAndRemainder(b58);
      sb.append(BASE58.charAt(qr[1].intValue()));
      n = qr[0];
    }
    for (int i = 0; i < data.length && data[i] == 0; i++) {
      sb.append('1');
    }
    return sb.reverse().toString();
  }

  static byte[] sha256(byte[] in) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(in);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  // ---- Bech32 / Bech32m segwit (BIP-173, BIP-350) ----

  private static int polymod(int[] values) {
    int[] gen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    int chk = 1;
    for (int v : values) {
      int top = chk >>> 25;
      chk = ((chk & 0x1ffffff) << 5) ^ v;
      for (int i = 0; i < 5; i++) {
        if (((top >>> i) & 1) != 0) {
          chk ^= gen[i];
        }
      }
    }
    return chk;
  }

  private static int[] hrpExpand(String hrp) {
    int[] out = new int[hrp.length() * 2 + 1];
    for (int i = 0; i < hrp.length(); i++) {
      out[i] = hrp.charAt(i) >> 5;
      out[i + hrp.length() + 1] = hrp.charAt(i) & 31;
    }
    return out;
  }

  /** A segwit address with a valid checksum of the kind its witness version requires. */
  static Optional<Btc> segwit(String addr) {
    if (addr.length() > 90 || (!addr.equals(addr.toLowerCase(Locale.ROOT))
        && !addr.equals(addr.toUpperCase(Locale.ROOT)))) {
      return Optional.empty();
    }
    String s = addr.toLowerCase(Locale.ROOT);
    int sep = s.lastIndexOf('1');
    if (sep < 1 || sep + 7 > s.length()) {
      return Optional.empty();
    }
    String hrp = s.substring(0, sep);
    String network = switch (hrp) {
      case "bc" -> "mainnet";
      case "tb" -> "testnet";
      default -> null;
    };
    if (network == null) {
      return Optional.empty();
    }
    int[] data = new int[s.length() - sep - 1];
    for (int i = 0; i < data.length; i++) {
      int d = BECH32.indexOf(s.charAt(sep + 1 + i));
      if (d < 0) {
        return Optional.empty();
      }
      data[i] = d;
    }
    int[] hrpx = hrpExpand(hrp);
    int[] all = Arrays.copyOf(hrpx, hrpx.length + data.length);
    System.arraycopy(data, 0, all, hrpx.length, data.length);
    int constant = polymod(all);
    if (constant != BECH32_CONST && constant != BECH32M_CONST) {
      return Optional.empty();
    }
    int version = data[0];
    if (version > 16) {
      return Optional.empty();
    }
    // BIP-350: version 0 must use Bech32, versions 1..16 Bech32m.
    if ((version == 0) != (constant == BECH32_CONST)) {
      return Optional.empty();
    }
    byte[] program = convertBits(Arrays.copyOfRange(data, 1, data.length - 6), 5, 8, false);
    if (program == null || program.length < 2 || program.length > 40
        || (version == 0 && program.length != 20 && program.length != 32)) {
      return Optional.empty();
    }
    return Optional.of(new Btc(network, version == 0 ? "bech32" : "bech32m"));
  }

  /** Encodes a segwit address; used by tests to make fresh addresses from random bytes. */
  static String segwitEncode(String hrp, int version, byte[] program) {
    byte[] conv = convertBits(toInts(program), 8, 5, true);
    int[] data = new int[conv.length + 1];
    data[0] = version;
    for (int i = 0; i < conv.length; i++) {
      data[i + 1] = conv[i];
    }
    int[] hrpx = hrpExpand(hrp);
    int[] all = Arrays.copyOf(hrpx, hrpx.length + data.length + 6);
    System.arraycopy(data, 0, all, hrpx.length, data.length);
    int mod = polymod(all) ^ (version == 0 ? BECH32_CONST : BECH32M_CONST);
    StringBuilder sb = new StringBuilder(hrp).append('1');
    for (int d : data) {
      sb.append(BECH32.charAt(d));
    }
    for (int i = 0; i < 6; i++) {
      sb.append(BECH32.charAt((mod >>> (5 * (5 - i))) & 31));
    }
    return sb.toString();
  }

  private static int[] toInts(byte[] b) {
    int[] out = new int[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = b[i] & 0xFF;
    }
    return out;
  }

  private static byte[] convertBits(int[] in, int from, int to, boolean pad) {
    int acc = 0;
    int bits = 0;
    int maxv = (1 << to) - 1;
    byte[] out = new byte[in.length * from / to + 1];
    int n = 0;
    for (int v : in) {
      acc = (acc << from) | v;
      bits += from;
      while (bits >= to) {
        bits -= to;
        out[n++] = (byte) ((acc >>> bits) & maxv);
      }
    }
    if (pad) {
      if (bits > 0) {
        out[n++] = (byte) ((acc << (to - bits)) & maxv);
      }
    } else if (bits >= from || ((acc << (to - bits)) & maxv) != 0) {
      return null;
    }
    return Arrays.copyOf(out, n);
  }

  // ---- Ethereum (EIP-55) ----

  /** True when the 40 hex digits after 0x are all one case, or carry a correct EIP-55 checksum. */
  static boolean eip55(String addr) {
    String hex = addr.substring(2);
    boolean upper = !hex.equals(hex.toLowerCase(Locale.ROOT));
    boolean lower = !hex.equals(hex.toUpperCase(Locale.ROOT));
    if (!(upper && lower)) {
      return true;
    }
    return eip55Encode(hex).equals(hex);
  }

  static String eip55Encode(String hex) {
    String lower = hex.toLowerCase(Locale.ROOT);
    byte[] h = Keccak.keccak256(lower.getBytes(StandardCharsets.US_ASCII));
    StringBuilder sb = new StringBuilder(40);
    for (int i = 0; i < 40; i++) {
      char c = lower.charAt(i);
      int nibble = (h[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xF;
      sb.append(c >= 'a' && nibble >= 8 ? Character.toUpperCase(c) : c);
    }
    return sb.toString();
  }

  // ---- Monero (block base58, Keccak-256 checksum) ----

  private static final int[] XMR_BLOCK_BYTES = {0, -1, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8};

  /** Standard (net byte 18) and subaddress (42) mainnet addresses of 95 characters. */
  static Optional<String> monero(String s) {
    if (s.length() != 95) {
      return Optional.empty();
    }
    byte[] data = new byte[69];
    int pos = 0;
    for (int off = 0; off < 95; off += 11) {
      int len = Math.min(11, 95 - off);
      int nbytes = XMR_BLOCK_BYTES[len];
      if (nbytes < 0) {
        return Optional.empty();
      }
      BigInteger n = BigInteger.ZERO;
      for (int i = off; i < off + len; i++) {
        int d = BASE58.indexOf(s.charAt(i));
        if (d < 0) {
          return Optional.empty();
        }
        n = n.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(d));
      }
      if (n.bitLength() > nbytes * 8) {
        return Optional.empty();
      }
      byte[] mag = n.toByteArray();
      for (int i = 0; i < nbytes; i++) {
        int src = mag.length - nbytes + i;
        data[pos + i] = src >= 0 ? mag[src] : 0;
      }
      pos += nbytes;
    }
    byte[] h = Keccak.keccak256(Arrays.copyOf(data, 65));
    for (int i = 0; i < 4; i++) {
      if (h[i] != data[65 + i]) {
        return Optional.empty();
      }
    }
    return switch (data[0]) {
      case 18 -> Optional.of("standard");
      case 42 -> Optional.of("subaddress");
      default -> Optional.empty();
    };
  }

  /** Encodes 65 bytes (net byte, spend key, view key) as a Monero address; for tests. */
  static String moneroEncode(byte[] body65) {
    byte[] h = Keccak.keccak256(body65);
    byte[] data = Arrays.copyOf(body65, 69);
    System.arraycopy(h, 0, data, 65, 4);
    StringBuilder sb = new StringBuilder();
    for (int off = 0; off < data.length; off += 8) {
      int len = Math.min(8, data.length - off);
      int chars = len == 8 ? 11 : indexOf(XMR_BLOCK_BYTES, len);
      BigInteger n = new BigInteger(1, Arrays.copyOfRange(data, off, off + len));
      char[] block = new char[chars];
      Arrays.fill(block, '1');
      for (int i = chars - 1; i >= 0 && n.signum() > 0; i--) {
        BigInteger[] qr = n.divideAndRemainder(BigInteger.valueOf(58));
        block[i] = BASE58.charAt(qr[1].intValue());
        n = qr[0];
      }
      sb.append(block);
    }
    return sb.toString();
  }

  private static int indexOf(int[] a, int v) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    return -1;
  }
}
