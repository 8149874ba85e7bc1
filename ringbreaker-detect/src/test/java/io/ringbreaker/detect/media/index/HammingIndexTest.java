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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class HammingIndexTest {

  static List<long[]> read(Path file) throws IOException {
    return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(String::trim).map(HammingIndex::words).toList();
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

  /** Where the entries sit: all in the bulk tables, all in the delta, or split between both. */
  enum Layout { BULK, DELTA, SPLIT }

  static HammingIndex build(List<long[]> hashes, Layout layout) {
    if (layout == Layout.BULK) {
      long[] all = new long[hashes.size() * 4];
      for (int i = 0; i < hashes.size(); i++) {
        System.arraycopy(hashes.get(i), 0, all, i * 4, 4);
      }
      return HammingIndex.bulk(all, hashes.size());
    }
    HammingIndex ix = new HammingIndex(16, false);
    for (int i = 0; i < hashes.size(); i++) {
      long[] h = hashes.get(i);
      ix.add(h[0], h[1], h[2], h[3]);
      if (layout == Layout.SPLIT && i == hashes.size() / 2) {
        ix.compact();
      }
    }
    return ix;
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void theSharedVectorsGiveExactlyTheExpected250Pairs(Layout layout) throws IOException {
    Path v = Vectors.dir();
    List<long[]> haystack = read(v.resolve("haystack.txt"));
    List<long[]> needles = read(v.resolve("needles.txt"));
    HammingIndex ix = build(haystack, layout);
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
  @CsvSource({"0,BULK", "1,DELTA", "9,SPLIT", "10,BULK", "11,BULK", "15,SPLIT", "16,DELTA", "21,BULK",
      "31,BULK", "31,DELTA", "31,SPLIT", "32,BULK", "47,SPLIT", "63,BULK", "63,DELTA"})
  void everyRadiusFindsExactlyWhatBruteForceFinds(int radius, Layout layout) {
    SplittableRandom rnd = new SplittableRandom(radius * 7919L + layout.ordinal());
    List<long[]> stored = new ArrayList<>();
    List<long[]> queries = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      long[] h = {rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong()};
      stored.add(h);
      if (i % 30 == 0) {
        queries.add(h);
      }
      // Planted near-duplicates at every distance around the radius.
      if (i % 10 == 0) {
        stored.add(flip(h, rnd.nextInt(Math.min(70, radius + 8) + 1), rnd));
      }
    }
    HammingIndex ix = build(stored, layout);
    for (long[] q : queries) {
      long[] probe = flip(q, rnd.nextInt(radius + 1), rnd);
      assertThat(search(ix, probe, radius)).isEqualTo(scan(ix, probe, radius)).isNotEmpty();
    }
  }

  /**
   * Banks of near-identical images (one meme, many crops) put hundreds of entries on one chunk
   * value: more than a directory cell can count, so the cell is scanned whole. Still exact.
   */
  @ParameterizedTest
  @EnumSource(Layout.class)
  void entriesCrowdedOnOneChunkValueAreAllFound(Layout layout) {
    SplittableRandom rnd = new SplittableRandom(11);
    long[] base = {rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong()};
    List<long[]> stored = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      long[] h = base.clone();
      h[2] = rnd.nextLong(); // the first 128 bits (the first five chunks) are shared by all
      h[3] = i % 3 == 0 ? base[3] : rnd.nextLong();
      stored.add(h);
      stored.add(new long[] {rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong()});
    }
    HammingIndex ix = build(stored, layout);
    for (int radius : new int[] {0, 31, 63}) {
      for (long[] q : List.of(stored.get(0), flip(stored.get(6), radius / 2, rnd), stored.get(31))) {
        assertThat(search(ix, q, radius)).isEqualTo(scan(ix, q, radius)).isNotEmpty();
      }
    }
  }

  @Test
  void theProbesOfAChunkAreEveryValueWithinItsBudgetOnce() {
    for (int w : new int[] {23, 24}) {
      for (int b = 0; b <= 3; b++) {
        int[] flips = ChunkTables.Flips.of(w, b);
        Set<Integer> distinct = new HashSet<>();
        for (int f : flips) {
          assertThat(Integer.bitCount(f)).isLessThanOrEqualTo(b);
          assertThat(f >>> w).isZero();
          distinct.add(f);
        }
        long expected = 0;
        for (int k = 0, c = 1; k <= b; c = c * (w - k) / (k + 1), k++) {
          expected += c;
        }
        assertThat(distinct).hasSize(flips.length).hasSize((int) expected);
      }
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
  void theProbeBudgetsSatisfyThePigeonholeBoundAtEveryRadius() {
    for (int r = 0; r <= HammingIndex.MAX_RADIUS; r++) {
      int[] t = ChunkTables.budgets(r);
      int sum = 0;
      for (int ti : t) {
        sum += ti + 1;
      }
      assertThat(sum).as("sum of (t_i + 1) at radius %d", r).isGreaterThan(r);
      assertThat(java.util.Arrays.stream(t).min().orElseThrow()).isNotNegative();
    }
    assertThat(ChunkTables.budgets(31)).containsExactly(2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1);
  }

  @Test
  void theChunksCutEveryBitExactlyOnce() {
    long[] zero = new long[4];
    for (int bit = 0; bit < 256; bit++) {
      long[] h = new long[4];
      h[bit >>> 6] = 1L << (63 - (bit & 63));
      int changed = 0;
      for (int t = 0; t < ChunkTables.TABLES; t++) {
        int diff = Integer.bitCount(ChunkTables.chunk(h, 0, t) ^ ChunkTables.chunk(zero, 0, t));
        assertThat(diff).isLessThanOrEqualTo(1);
        changed += diff;
      }
      assertThat(changed).as("bit %d", bit).isEqualTo(1);
    }
  }

  @Test
  void addsFoldedInTheBackgroundAreNeverMissedNorReportedTwice() throws InterruptedException {
    SplittableRandom rnd = new SplittableRandom(77);
    HammingIndex ix = new HammingIndex();
    List<long[]> stored = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      long[] h = {rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong()};
      ix.add(h[0], h[1], h[2], h[3]);
      stored.add(h);
      if (i % 997 == 0) {
        ix.setEnabled(i, false);
      }
      if (i % 250 == 0) {
        // Every lookup while folds come and go sees exactly what brute force sees.
        long[] q = flip(stored.get(rnd.nextInt(stored.size())), rnd.nextInt(32), rnd);
        assertThat(search(ix, q, 31)).isEqualTo(scan(ix, q, 31));
      }
    }
    ix.compact();
    for (int i = 0; i < 200; i++) {
      long[] q = flip(stored.get(rnd.nextInt(stored.size())), rnd.nextInt(32), rnd);
      assertThat(search(ix, q, 31)).isEqualTo(scan(ix, q, 31));
    }
    assertThat(search(ix, stored.get(997), 0)).as("disabled before the fold stays disabled").isEmpty();
  }

  @Test
  void atHalfAMillionHashesTheIndexTakesUnder64BytesPerHashOverTheHash() {
    int n = 500_000;
    SplittableRandom rnd = new SplittableRandom(3);
    long[] all = new long[n * 4];
    for (int i = 0; i < all.length; i++) {
      all[i] = rnd.nextLong();
    }
    HammingIndex ix = HammingIndex.bulk(all, n);
    assertThat(ix.overheadBytes() / (double) n).isLessThan(64);
    long[] q = flip(new long[] {all[40], all[41], all[42], all[43]}, 31, rnd);
    assertThat(search(ix, q, 31)).isEqualTo(scan(ix, q, 31)).contains("10:31");
  }

  @Test
  void badArgumentsAreNamed() {
    HammingIndex ix = new HammingIndex();
    assertThatThrownBy(() -> ix.search(0, 0, 0, 0, 64, (i, d) -> {})).hasMessage("radius must be 0 to 63, got 64");
    assertThatThrownBy(() -> ix.setEnabled(3, false)).hasMessage("no entry 3 (size 0)");
  }
}
