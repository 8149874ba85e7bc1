package io.ringbreaker.detect.media.index;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The bulk part of the index: multi-index hashing with 11 tables, immutable once built.
 *
 * <p>The 256 bits are cut into 11 chunks (3 of 24 bits, 8 of 23), about log2 of ten million each,
 * so at the sizes banks reach a chunk value holds about one entry. Exactness comes from the
 * generalised pigeonhole principle: if each table {@code i} is probed within {@code t_i} bits and
 * {@code sum(t_i + 1) > r}, an entry within {@code r} bits of the query is within {@code t_i} bits
 * of it in at least one chunk (otherwise the chunk distances would add up to more than {@code r}).
 * For r = 31 that is t = 2 in ten tables and 1 in one: about 2,900 chunk values to probe.
 *
 * <p>Each table is sorted by chunk value into one flat int array (an entry's id, with the chunk's
 * low bits above it). A directory cell covers the top {@code d} bits of the chunk (about 16
 * entries a cell) and is one long: where the cell starts, and how many of its entries fall in each
 * of 8 groups of the next 3 bits. So a probe of one chunk value reads one directory word and then
 * only its group, about two entries, instead of the whole cell. Memory: 4 bytes per entry and 8
 * per cell in each table, about 49 bytes per hash at 10M entries; no per-bucket objects. Cells of
 * 8 entries (a directory twice the size) and of 32 (groups twice as long) were both slower.
 */
final class ChunkTables {

  static final int[] WIDTHS = {24, 24, 24, 23, 23, 23, 23, 23, 23, 23, 23};
  static final int TABLES = WIDTHS.length;
  /** Ids fit below the table number in a candidate int. */
  static final int MAX_COUNT = 1 << 27;
  private static final int ID_BITS = 27;
  private static final int ID_MASK = (1 << ID_BITS) - 1;
  private static final int GROUP_BITS = 3;
  /** A cell with a group of more than 15 entries is scanned whole; this marks it. */
  private static final int SCAN_CELL = -1;
  private static final int[] OFFSETS = new int[TABLES];

  static {
    int off = 0;
    for (int i = 0; i < TABLES; i++) {
      OFFSETS[i] = off;
      off += WIDTHS[i];
    }
    if (off != 256) {
      throw new AssertionError("chunk widths must add up to 256, got " + off);
    }
  }

  private final int count;
  private final int[] lowBits = new int[TABLES];
  /** Per table, per cell: the cell's first entry in the high int, 8 group counts of 4 bits in the low. */
  private final long[][] cells = new long[TABLES][];
  /** Per table, sorted by chunk value's cell and group: the chunk's low bits above the entry's id. */
  private final int[][] entries = new int[TABLES][];

  /** Indexes ids {@code 0..count-1} of {@code hashes} (4 longs per id); the tables are built in parallel. */
  ChunkTables(long[] hashes, int count) {
    if (count < 0 || count > MAX_COUNT) {
      throw new IllegalArgumentException("an index holds at most " + MAX_COUNT + " hashes, got " + count);
    }
    this.count = count;
    int wanted = 63 - Long.numberOfLeadingZeros(Math.max(1, count / 16)); // about 16 entries a cell, 2 a group
    IntStream.range(0, TABLES).parallel().forEach(t -> build(hashes, t, wanted));
  }

  private void build(long[] hashes, int t, int wanted) {
    int w = WIDTHS[t];
    int d = Math.clamp(wanted, w - 8, w - GROUP_BITS);
    int low = w - d;
    int shift = low - GROUP_BITS;
    int lowMask = (1 << low) - 1;
    int idBits = 32 - low;
    // (cell and group, entry) pairs, sorted by radix so every pass reads and writes in sequence; a
    // counting sort straight into a histogram of millions of keys walks memory at random (slower)
    long[] pairs = new long[count];
    for (int id = 0; id < count; id++) {
      int v = chunk(hashes, id, t);
      pairs[id] = (long) (v >>> shift) << 32 | (((v & lowMask) << idBits | id) & 0xFFFF_FFFFL);
    }
    pairs = sortByHighInt(pairs, d + GROUP_BITS);
    long[] dir = new long[(1 << d) + 1];
    int[] packed = new int[count];
    int k = 0;
    for (int c = 0; c < (1 << d); c++) {
      int first = k;
      int counts = 0;
      for (int g = 0; g < (1 << GROUP_BITS); g++) {
        int key = c << GROUP_BITS | g;
        int n = 0;
        for (; k < count && (int) (pairs[k] >>> 32) == key; k++, n++) {
          packed[k] = (int) pairs[k];
        }
        counts = counts == SCAN_CELL || n > 15 ? SCAN_CELL : counts | n << (4 * g);
      }
      dir[c] = (long) first << 32 | (counts & 0xFFFF_FFFFL);
    }
    dir[1 << d] = (long) count << 32;
    lowBits[t] = low;
    cells[t] = dir;
    entries[t] = packed;
  }

  /** Stable least-significant-digit radix sort by the high int ({@code keyBits} wide), 11 bits a pass. */
  private static long[] sortByHighInt(long[] a, int keyBits) {
    long[] from = a;
    long[] to = new long[a.length];
    int[] start = new int[1 << 11];
    for (int bit = 0; bit < keyBits; bit += 11) {
      int s = 32 + bit;
      Arrays.fill(start, 0);
      for (long x : from) {
        start[(int) (x >>> s) & 2047]++;
      }
      for (int i = 0, sum = 0; i < start.length; i++) {
        int n = start[i];
        start[i] = sum;
        sum += n;
      }
      for (long x : from) {
        to[start[(int) (x >>> s) & 2047]++] = x;
      }
      long[] swap = from;
      from = to;
      to = swap;
    }
    return from;
  }

  int count() {
    return count;
  }

  long memoryBytes() {
    long bytes = 0;
    for (int t = 0; t < TABLES; t++) {
      bytes += 8L * cells[t].length + 4L * count + 2 * 16;
    }
    return bytes;
  }

  /**
   * The probe budget per table for radius {@code r}: every table gets at least 0, and the
   * {@code r + 1 - 11} extra bits go first to the wider tables (a wider table has fewer entries per
   * chunk value, so widening its probe costs less).
   */
  static int[] budgets(int r) {
    int[] t = new int[TABLES];
    int extra = Math.max(0, r + 1 - TABLES);
    for (int i = 0; i < TABLES; i++) {
      t[i] = extra / TABLES + (i < extra % TABLES ? 1 : 0);
    }
    return t;
  }

  /** Which ids may be reported (enabled ones). */
  @FunctionalInterface
  interface IdFilter {
    boolean keep(int id);
  }

  /**
   * Reports every id within {@code radius} of the query whose filter {@code keep} accepts, each once.
   *
   * <p>In phases, each a tight loop of independent memory reads so the processor overlaps the
   * cache misses that dominate a lookup in a table of millions: read the directory word of every
   * chunk value to probe, touch the entries found, collect those whose chunk is the probed value,
   * touch their hashes, then verify. A loop doing all of it per probe is too long for the
   * processor to run ahead to the next probe's miss, and runs about twice as slow.
   */
  void search(long[] hashes, long[] q, int radius, int[] budget, IdFilter keep, HammingIndex.Hits out) {
    if (count == 0) {
      return;
    }
    int[] qc = new int[TABLES];
    int[][] flipsOf = new int[TABLES][];
    int[] tableEnd = new int[TABLES]; // table t's probes are [tableEnd[t - 1], tableEnd[t])
    int probes = 0;
    for (int t = 0; t < TABLES; t++) {
      qc[t] = chunk(q, 0, t);
      flipsOf[t] = Flips.of(WIDTHS[t], budget[t]);
      probes += flipsOf[t].length;
      tableEnd[t] = probes;
    }
    // 1. each probed chunk value's range of entries, from its cell's directory word
    int[] value = new int[probes];
    int[] from = new int[probes];
    int[] to = new int[probes];
    int p = 0;
    for (int t = 0; t < TABLES; t++) {
      int[] flips = flipsOf[t];
      long[] dir = cells[t];
      int low = lowBits[t];
      int groupShift = low - GROUP_BITS;
      int groupMask = (1 << GROUP_BITS) - 1;
      for (int flip : flips) {
        int v = qc[t] ^ flip;
        int c = v >>> low;
        long word = dir[c];
        int first = (int) (word >>> 32);
        int counts = (int) word;
        if (counts == SCAN_CELL) {
          from[p] = first;
          to[p] = (int) (dir[c + 1] >>> 32);
        } else {
          int g = (v >>> groupShift) & groupMask;
          int begin = first + nibbleSum(counts & ((1 << (4 * g)) - 1));
          from[p] = begin;
          to[p] = begin + ((counts >>> (4 * g)) & 15);
        }
        value[p++] = v;
      }
    }
    // 2. touch the entries so their misses overlap
    long touched = 0;
    p = 0;
    for (int t = 0; t < TABLES; t++) {
      int[] packed = entries[t];
      for (; p < tableEnd[t]; p++) {
        if (to[p] > from[p]) {
          touched += packed[from[p]];
        }
      }
    }
    // 3. candidates: entries whose chunk is the probed value (a group holds a few values)
    int[] candidates = new int[256];
    int found = 0;
    p = 0;
    for (int t = 0; t < TABLES; t++) {
      int[] packed = entries[t];
      int low = lowBits[t];
      int idBits = 32 - low;
      int idMask = (1 << idBits) - 1;
      int lowMask = (1 << low) - 1;
      int tag = t << ID_BITS;
      for (; p < tableEnd[t]; p++) {
        int qLow = value[p] & lowMask;
        int k = from[p];
        int kEnd = to[p];
        if (found + (kEnd - k) > candidates.length) {
          candidates = Arrays.copyOf(candidates, Math.max(found + (kEnd - k), candidates.length * 2));
        }
        for (; k < kEnd; k++) {
          int e = packed[k];
          candidates[found] = (e & idMask) | tag;
          found += (((e >>> idBits) ^ qLow) - 1) >>> 31; // branch-free: 1 when the low bits are equal
        }
      }
    }
    // 4. touch each candidate's first word, again so the misses overlap
    for (int i = 0; i < found; i++) {
      touched += hashes[(candidates[i] & ID_MASK) * 4];
    }
    // 5. verify: the first 128 bits reject almost every stranger without reading the second half
    //    (which may be on the next cache line); report each entry from the first table that finds it
    long q0 = q[0];
    long q1 = q[1];
    long q2 = q[2];
    long q3 = q[3];
    for (int i = 0; i < found; i++) {
      int id = candidates[i] & ID_MASK;
      int base = id * 4;
      int d = Long.bitCount(hashes[base] ^ q0) + Long.bitCount(hashes[base + 1] ^ q1);
      if (d > radius) {
        continue;
      }
      d += Long.bitCount(hashes[base + 2] ^ q2) + Long.bitCount(hashes[base + 3] ^ q3);
      if (d <= radius && firstClose(hashes, id, qc, budget) == candidates[i] >>> ID_BITS && keep.keep(id)) {
        out.hit(id, d);
      }
    }
    if (touched == 0x5EED) {
      Thread.onSpinWait(); // only so the touches count as used; harmless either way
    }
  }

  /** Sum of the 4-bit fields of {@code x} (8 fields of at most 15). */
  private static int nibbleSum(int x) {
    int bytes = (x & 0x0F0F0F0F) + ((x >>> 4) & 0x0F0F0F0F);
    return (bytes * 0x01010101) >>> 24;
  }

  /** The first table whose chunk is within budget: the one table that reports this id. */
  private static int firstClose(long[] hashes, int id, int[] qc, int[] budget) {
    for (int t = 0; t < TABLES; t++) {
      if (Integer.bitCount(chunk(hashes, id, t) ^ qc[t]) <= budget[t]) {
        return t;
      }
    }
    return -1; // cannot happen for an entry within the radius (pigeonhole)
  }

  /** The XOR masks of up to {@code b} set bits among {@code w}: the chunk values a probe visits. */
  static final class Flips {
    private static final int[][][] CACHE = new int[25][][];

    static int[] of(int w, int b) {
      int[][] byBudget = CACHE[w];
      if (byBudget == null || b >= byBudget.length || byBudget[b] == null) {
        return compute(w, b);
      }
      return byBudget[b];
    }

    private static synchronized int[] compute(int w, int b) {
      int[][] byBudget = CACHE[w];
      if (byBudget == null || b >= byBudget.length) {
        byBudget = byBudget == null ? new int[b + 1][] : Arrays.copyOf(byBudget, b + 1);
      }
      if (byBudget[b] == null) {
        int[] masks = new int[(int) combinations(w, b)];
        int[] n = {0};
        enumerate(masks, n, 0, w, b);
        byBudget[b] = masks;
      }
      CACHE[w] = byBudget; // a new or grown array, published whole
      return byBudget[b];
    }

    private static void enumerate(int[] masks, int[] n, int mask, int below, int flips) {
      masks[n[0]++] = mask;
      if (flips > 0) {
        for (int bit = below - 1; bit >= 0; bit--) {
          enumerate(masks, n, mask | 1 << bit, bit, flips - 1);
        }
      }
    }

    /** Sum of C(w, k) for k = 0..b. */
    private static long combinations(int w, int b) {
      long sum = 0;
      long c = 1;
      for (int k = 0; k <= b; k++) {
        sum += c;
        c = c * (w - k) / (k + 1);
      }
      return sum;
    }
  }

  /** Chunk {@code t} of the hash at {@code id}: bits [offset, offset + width) counted from the most significant. */
  static int chunk(long[] hashes, int id, int t) {
    int off = OFFSETS[t];
    int w = WIDTHS[t];
    int word = off >>> 6;
    int bit = off & 63;
    long hi = hashes[id * 4 + word];
    if (bit + w <= 64) {
      return (int) ((hi >>> (64 - bit - w)) & ((1L << w) - 1));
    }
    int rest = bit + w - 64;
    long lo = hashes[id * 4 + word + 1];
    return (int) (((hi & ((1L << (64 - bit)) - 1)) << rest) | (lo >>> (64 - rest)));
  }
}
