package io.ringbreaker.detect.media.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringbreaker.detect.media.pdq.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HammingIndexTest {

  static long[] parse(String hex) {
    long[] h = new long[4];
    for (int i = 0; i < 4; i++) {
      h[i] = Long.parseUnsignedLong(hex.substring(i * 16, i * 16 + 16), 16);
    }
    return h;
  }

  static List<long[]> read(Path file) throws IOException {
    return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(String::trim).map(HammingIndexTest::parse).toList();
  }

  static Set<String> search(HammingIndex ix, long[] q, int radius) {
    Set<String> out = new HashSet<>();
    ix.search(q[0], q[1], q[2], q[3], radius, (id, d) -> assertThat(out.add(id + ":" + d)).as("reported once").isTrue());
    return out;
  }

  static Set<String> scan(HammingIndex ix, long[] q, int radius) {
    Set<String> out = new HashSet<>();
    ix.scan(q[0], q[1], q[2], q[3], radius, (id, d) -> out.add(id + ":" + d));
    return out;
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void theSharedVectorsGiveExactlyTheExpected250Pairs(boolean bulk) throws IOException {
    Path v = Vectors.dir();
    List<long[]> haystack = read(v.resolve("haystack.txt"));
    List<long[]> needles = read(v.resolve("needles.txt"));
    HammingIndex ix;
    if (bulk) {
      long[] all = new long[haystack.size() * 4];
      for (int i = 0; i < haystack.size(); i++) {
        System.arraycopy(haystack.get(i), 0, all, i * 4, 4);
      }
      ix = HammingIndex.bulk(all, haystack.size());
    } else {
      ix = new HammingIndex();
      haystack.forEach(h -> ix.add(h[0], h[1], h[2], h[3]));
    }
    Set<String> found = new HashSet<>();
    for (int n = 0; n < needles.size(); n++) {
      int needleLine = n + 1;
      long[] q = needles.get(n);
      ix.search(q[0], q[1], q[2], q[3], 31, (id, d) -> found.add(needleLine + "," + (id + 1) + "," + d));
    }
    Set<String> expected = new HashSet<>(Files.readAllLines(v.resolve("expected-matches-d31.csv")).subList(1, 251));
    assertThat(found).hasSize(250).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 15, 16, 31, 32, 47, 63})
  void everyRadiusFindsExactlyWhatBruteForceFinds(int radius) {
    SplittableRandom rnd = new SplittableRandom(radius * 7919L + 1);
    HammingIndex ix = new HammingIndex();
    List<long[]> queries = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      long[] h = {rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong()};
      ix.add(h[0], h[1], h[2], h[3]);
      if (i % 30 == 0) {
        queries.add(h);
      }
      // Planted near-duplicates at every distance around the radius.
      if (i % 10 == 0) {
        long[] near = flip(h, rnd.nextInt(Math.min(70, radius + 8) + 1), rnd);
        ix.add(near[0], near[1], near[2], near[3]);
      }
    }
    for (long[] q : queries) {
      long[] probe = flip(q, rnd.nextInt(radius + 1), rnd);
      assertThat(search(ix, probe, radius)).isEqualTo(scan(ix, probe, radius)).isNotEmpty();
    }
  }

  static long[] flip(long[] h, int bits, SplittableRandom rnd) {
    long[] out = h.clone();
    Set<Integer> chosen = new HashSet<>();
    while (chosen.size() < bits) {
      chosen.add(rnd.nextInt(256));
    }
    for (int b : chosen) {
      out[b >>> 6] ^= 1L << (b & 63);
    }
    return out;
  }

  @Test
  void anAddedHashIsFoundOnTheNextLookupAndADisabledOneIsNot() {
    Random rnd = new Random(5);
    long[] all = new long[4 * 1000];
    for (int i = 0; i < all.length; i++) {
      all[i] = rnd.nextLong();
    }
    HammingIndex ix = HammingIndex.bulk(all, 1000);
    long[] q = {1, 2, 3, 4};
    assertThat(search(ix, q, 31)).isEmpty();
    int id = ix.add(1, 2, 3, 5);
    assertThat(search(ix, q, 31)).containsExactly(id + ":1");
    ix.setEnabled(id, false);
    assertThat(search(ix, q, 31)).isEmpty();
    assertThat(scan(ix, q, 31)).isEmpty();
    ix.setEnabled(id, true);
    assertThat(search(ix, q, 31)).containsExactly(id + ":1");
    assertThat(ix.size()).isEqualTo(1001);
  }

  @Test
  void neighbourEnumerationIsCompleteAndDistinct() {
    for (int bits = 0; bits <= 3; bits++) {
      Set<Integer> seen = new HashSet<>();
      List<Integer> all = new ArrayList<>();
      HammingIndex.forEachNeighbour(0xBEEF, bits, all::add);
      seen.addAll(all);
      int expected = 1 + (bits >= 1 ? 16 : 0) + (bits >= 2 ? 120 : 0) + (bits >= 3 ? 560 : 0);
      assertThat(all).hasSize(expected);
      assertThat(seen).hasSize(expected);
      int b = bits;
      assertThat(seen).allMatch(v -> Integer.bitCount(v ^ 0xBEEF) <= b);
    }
  }

  @Test
  void badArgumentsAreNamed() {
    HammingIndex ix = new HammingIndex();
    assertThatThrownBy(() -> ix.search(0, 0, 0, 0, 64, (i, d) -> {})).hasMessage("radius must be 0 to 63, got 64");
    assertThatThrownBy(() -> ix.setEnabled(3, false)).hasMessage("no entry 3 (size 0)");
  }
}
