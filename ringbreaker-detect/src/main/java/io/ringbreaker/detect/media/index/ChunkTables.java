package io.ringbreaker.detect.media.index;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The bulk part of the index: multi-index hashing with 11 tables, immutable once built.
 *
 * <p>The 256 bits are cut into 11 chunks (3 of 24 bits, 8 of 23), about log2 of ten million each,
 * so at the sizes banks reach a probed chunk value holds about one entry. Exactness comes from the
 * generalised pigeonhole principle: if each table {@code i} is probed within {@code t_i} bits and
 * {@code sum(t_i + 1) > r}, an entry within {@code r} bits of the query is within {@code t_i} bits
 * of it in at least one chunk (otherwise the chunk distances would add up to more than {@code r}).
 * For r = 31 that is t = 2 in ten tables and 1 in one.
 *
 * <p>Each table is a compressed sparse row layout sorted by chunk value: a directory over the top
 * {@code d} bits of the chunk (about N/8 cells), then per entry one int holding the chunk's low
 * bits above the entry's id. A probe enumerates directory cells within the budget and filters a
 * cell's entries by their low bits, so only entries whose whole chunk is within {@code t_i} are
 * verified against the full hash. Memory: 11 x 4 bytes per entry plus the directories, about 50
 * bytes per hash at 1M to 10M entries; no per-bucket objects.
 */
final class ChunkTables {

  static final int[] WIDTHS = {24, 24, 24, 23, 23, 23, 23, 23, 23, 23, 23};
  static final int TABLES = WIDTHS.length;
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
  private final int[] dirBits = new int[TABLES];
  private final int[][] cellStart = new int[TABLES][];
  /** Per table, sorted by cell: the chunk's low bits in the top of the int, the id below them. */
  private final int[][] entries = new int[TABLES][];

  /** Indexes ids {@code 0..count-1} of {@code hashes} (4 longs per id); the tables are built in parallel. */
  ChunkTables(long[] hashes, int count) {
    this.count = count;
    int wanted = 63 - Long.numberOfLeadingZeros(Math.max(1, count / 8)); // about 8 entries a cell
    IntStream.range(0, TABLES).parallel().forEach(t -> build(hashes, t, wanted));
  }

  private void build(long[] hashes, int t, int wanted) {
    int w = WIDTHS[t];
    int d = Math.clamp(wanted, w - 8, w);
    while (d < w && count >= 1L << (32 - (w - d))) {
      d++; // the id and the low bits share an int
    }
    int lowBits = w - d;
    if (count >= 1L << (32 - lowBits) || count > (Integer.MAX_VALUE >> 2)) {
      throw new IllegalArgumentException("too many hashes for one index: " + count);
    }
    int[] start = new int[(1 << d) + 1];
    for (int id = 0; id < count; id++) {
      start[(chunk(hashes, id, t) >>> lowBits) + 1]++;
    }
    for (int c = 0; c < (1 << d); c++) {
      start[c + 1] += start[c];
    }
    int[] next = Arrays.copyOf(start, 1 << d);
    int[] packed = new int[count];
    int lowMask = (1 << lowBits) - 1;
    int idBits = 32 - lowBits;
    for (int id = 0; id < count; id++) {
      int v = chunk(hashes, id, t);
      packed[next[v >>> lowBits]++] = lowBits == 0 ? id : ((v & lowMask) << idBits) | id;
    }
    dirBits[t] = d;
    cellStart[t] = start;
    entries[t] = packed;
  }

  int count() {
    return count;
  }

  long memoryBytes() {
    long bytes = 0;
    for (int t = 0; t < TABLES; t++) {
      bytes += 4L * cellStart[t].length + 4L * count + 2 * 16;
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
   * <p>In phases: list the directory cells to visit, read their bounds, collect the entries whose
   * chunk is within budget, then verify those against the full hashes. Each phase is a tight loop
   * of independent memory reads, so the processor overlaps the cache misses that dominate a lookup
   * in a table of millions (one dependent read after another would wait for each in turn).
   */
  void search(long[] hashes, long[] q, int radius, int[] budget, IdFilter keep, HammingIndex.Hits out) {
    if (count == 0) {
      return;
    }
    int[] qc = new int[TABLES];
    for (int t = 0; t < TABLES; t++) {
      qc[t] = chunk(q, 0, t);
    }
    // 1. cells: (table, cell, low-bit budget)
    Cells cells = new Cells();
    for (int t = 0; t < TABLES; t++) {
      int lowBits = WIDTHS[t] - dirBits[t];
      cells.enumerate(t, qc[t] >>> lowBits, dirBits[t], budget[t], budget[t]);
    }
    // 2. bounds
    int n = cells.size;
    int[] from = new int[n];
    int[] to = new int[n];
    for (int i = 0; i < n; i++) {
      int[] start = cellStart[cells.table[i]];
      int c = cells.cell[i];
      from[i] = start[c];
      to[i] = start[c + 1];
    }
    // 3. candidates whose whole chunk is within budget
    int[] candidates = new int[64];
    byte[] candidateTable = new byte[64];
    int found = 0;
    for (int i = 0; i < n; i++) {
      int t = cells.table[i];
      int lowBits = WIDTHS[t] - dirBits[t];
      int idBits = 32 - lowBits;
      int idMask = lowBits == 0 ? -1 : (1 << idBits) - 1;
      int qLow = lowBits == 0 ? 0 : qc[t] & ((1 << lowBits) - 1);
      int lowBudget = cells.lowBudget[i];
      int[] packed = entries[t];
      for (int k = from[i], end = to[i]; k < end; k++) {
        int e = packed[k];
        if (lowBits == 0 || Integer.bitCount((e >>> idBits) ^ qLow) <= lowBudget) {
          if (found == candidates.length) {
            candidates = Arrays.copyOf(candidates, found * 2);
            candidateTable = Arrays.copyOf(candidateTable, found * 2);
          }
          candidates[found] = e & idMask;
          candidateTable[found++] = (byte) t;
        }
      }
    }
    // 4. verify against the full hashes; report each entry from the first table that finds it
    long q0 = q[0];
    long q1 = q[1];
    long q2 = q[2];
    long q3 = q[3];
    for (int i = 0; i < found; i++) {
      int base = candidates[i] * 4;
      int d = Long.bitCount(hashes[base] ^ q0) + Long.bitCount(hashes[base + 1] ^ q1)
          + Long.bitCount(hashes[base + 2] ^ q2) + Long.bitCount(hashes[base + 3] ^ q3);
      if (d <= radius) {
        int id = candidates[i];
        if (firstClose(hashes, id, qc, budget) == candidateTable[i] && keep.keep(id)) {
          out.hit(id, d);
        }
      }
    }
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

  /** The directory cells one lookup visits: each within the table's budget of the query's cell. */
  private static final class Cells {
    int[] table = new int[256];
    int[] cell = new int[256];
    int[] lowBudget = new int[256];
    int size;

    /** Adds {@code value} and every cell reached by flipping up to {@code flips} more bits below {@code limit}. */
    void enumerate(int t, int value, int limit, int flips, int remaining) {
      add(t, value, remaining);
      if (flips == 0) {
        return;
      }
      for (int b = limit - 1; b >= 0; b--) {
        enumerate(t, value ^ (1 << b), b, flips - 1, remaining - 1);
      }
    }

    private void add(int t, int value, int remaining) {
      if (size == table.length) {
        table = Arrays.copyOf(table, size * 2);
        cell = Arrays.copyOf(cell, size * 2);
        lowBudget = Arrays.copyOf(lowBudget, size * 2);
      }
      table[size] = t;
      cell[size] = value;
      lowBudget[size++] = remaining;
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
