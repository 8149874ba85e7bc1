package io.ringbreaker.detect.media.pdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PdqHashTest {

  @Test
  void distanceEqualsABruteForceBitCountOverTheHaystack() throws Exception {
    List<String> hexes =
        Files.readAllLines(Vectors.dir().resolve("haystack.txt"), StandardCharsets.UTF_8).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .limit(200)
            .toList();
    assertThat(hexes).hasSize(200);
    for (int i = 0; i < hexes.size(); i += 7) {
      for (String other : hexes) {
        int brute = bruteForce(hexes.get(i), other);
        assertThat(Pdq.Hash.fromHex(hexes.get(i)).distance(Pdq.Hash.fromHex(other)))
            .as("%s vs %s", hexes.get(i), other)
            .isEqualTo(brute);
      }
    }
  }

  @Test
  void distanceOnRandomHashesEqualsBigIntegerBitCount() {
    Random rnd = new Random(7);
    for (int n = 0; n < 500; n++) {
      byte[] a = new byte[32];
      byte[] b = new byte[32];
      rnd.nextBytes(a);
      rnd.nextBytes(b);
      int expected = new BigInteger(1, a).xor(new BigInteger(1, b)).bitCount();
      assertThat(new Pdq.Hash(a, 100).distance(new Pdq.Hash(b, 100))).isEqualTo(expected);
    }
  }

  /** Character by character, one bit at a time: no shared code with the implementation. */
  private static int bruteForce(String a, String b) {
    int d = 0;
    for (int i = 0; i < a.length(); i++) {
      int x = Character.digit(a.charAt(i), 16) ^ Character.digit(b.charAt(i), 16);
      for (int bit = 0; bit < 4; bit++) {
        d += (x >> bit) & 1;
      }
    }
    return d;
  }

  @Test
  void hexRoundTripsAndBitsAreCopied() {
    String hex = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
    Pdq.Hash h = Pdq.Hash.fromHex(hex.toUpperCase(), 80);
    assertThat(h.hex()).isEqualTo(hex);
    assertThat(h.quality()).isEqualTo(80);

    byte[] out = h.bits();
    out[0] = 0;
    assertThat(h.hex()).isEqualTo(hex);

    byte[] in = h.bits();
    Pdq.Hash copy = new Pdq.Hash(in, 80);
    in[0] = 0;
    assertThat(copy).isEqualTo(h).hasSameHashCodeAs(h);
    assertThat(copy.distance(h)).isZero();
  }

  @Test
  void malformedHexIsRejectedWithTheReason() {
    assertThatThrownBy(() -> Pdq.Hash.fromHex("abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a PDQ hash is 64 hex digits, got 3 characters");
    String bad = "z".repeat(64);
    assertThatThrownBy(() -> Pdq.Hash.fromHex(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(bad);
    assertThatThrownBy(() -> new Pdq.Hash(new byte[31], 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a PDQ hash has 32 bytes, got 31");
    assertThatThrownBy(() -> new Pdq.Hash(new byte[32], 101))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PDQ quality is 0..100, got 101");
  }
}
