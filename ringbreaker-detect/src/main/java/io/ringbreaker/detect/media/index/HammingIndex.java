package io.ringbreaker.detect.media.index;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntConsumer;

/**
 * Exact radius search over 256-bit hashes (PDQ) by multi-index hashing: the hash is cut into 16
 * chunks of 16 bits, and each chunk indexes a table of buckets. If two hashes are within
 * {@code r} bits, then by pigeonhole at least one of their 16 chunks differs in at most
 * {@code r / 16} bits, so probing every chunk's value and its neighbours within {@code r / 16}
 * bits finds every hash within {@code r}: recall is exact, never approximate.
 *
 * <p>Memory: 32 bytes of hash and one int per table (64 bytes) per entry, plus a fixed 16 ×
 * 65,536 bucket headers. Entries added one by one take effect on the next lookup (their buckets
 * grow); entries can be disabled, and a disabled entry is never returned. There is no rebuild.
 * Lookups run concurrently; adds take a short write lock.
 */
public final class HammingIndex {

  static final int CHUNKS = 16;
  static final int BUCKETS = 1 << 16;
  /** Largest radius answered; 63 needs neighbours within 3 bits per chunk (697 probes a chunk). */
  public static final int MAX_RADIUS = 63;

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private long[] hashes;                 // 4 longs per id
  private long[] disabled;               // 1 bit per id
  private int size;
  private final int[][][] buckets = new int[CHUNKS][BUCKETS][];
  private final int[][] bucketSizes = new int[CHUNKS][BUCKETS];

  public HammingIndex() {
    this(1024);
  }

  public HammingIndex(int expected) {
    hashes = new long[Math.max(4, expected * 4)];
    disabled = new long[Math.max(1, (expected + 63) >>> 6)];
  }

  /**
   * Builds an index of {@code count} hashes in one go, each bucket allocated at its exact size:
   * the memory figure above, with no growth slack. {@code hashes} holds 4 longs per hash.
   */
  public static HammingIndex bulk(long[] hashes, int count) {
    HammingIndex ix = new HammingIndex(0);
    ix.hashes = Arrays.copyOf(hashes, count * 4);
    ix.disabled = new long[Math.max(1, (count + 63) >>> 6)];
    ix.size = count;
    for (int c = 0; c < CHUNKS; c++) {
      int[] sizes = ix.bucketSizes[c];
      for (int id = 0; id < count; id++) {
        sizes[chunk(ix.hashes, id, c)]++;
      }
      int[][] table = ix.buckets[c];
      for (int b = 0; b < BUCKETS; b++) {
        if (sizes[b] > 0) {
          table[b] = new int[sizes[b]];
          sizes[b] = 0;
        }
      }
      for (int id = 0; id < count; id++) {
        int b = chunk(ix.hashes, id, c);
        table[b][sizes[b]++] = id;
      }
    }
    return ix;
  }

  /** Adds a hash (4 longs, most significant first); returns its id. In effect for the next lookup. */
  public int add(long h0, long h1, long h2, long h3) {
    lock.writeLock().lock();
    try {
      int id = size;
      if ((id + 1) * 4 > hashes.length) {
        hashes = Arrays.copyOf(hashes, Math.max(8, hashes.length + (hashes.length >>> 1)));
      }
      if ((id >>> 6) >= disabled.length) {
        disabled = Arrays.copyOf(disabled, disabled.length + (disabled.length >>> 1) + 1);
      }
      hashes[id * 4] = h0;
      hashes[id * 4 + 1] = h1;
      hashes[id * 4 + 2] = h2;
      hashes[id * 4 + 3] = h3;
      for (int c = 0; c < CHUNKS; c++) {
        int b = chunk(hashes, id, c);
        int[] bucket = buckets[c][b];
        int n = bucketSizes[c][b];
        if (bucket == null) {
          bucket = new int[2];
        } else if (n == bucket.length) {
          bucket = Arrays.copyOf(bucket, n + (n >>> 1) + 1);
        }
        bucket[n] = id;
        buckets[c][b] = bucket;
        bucketSizes[c][b] = n + 1;
      }
      size = id + 1;
      return id;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** A disabled entry is never returned again (until enabled). */
  public void setEnabled(int id, boolean enabled) {
    lock.writeLock().lock();
    try {
      if (id < 0 || id >= size) {
        throw new IllegalArgumentException("no entry " + id + " (size " + size + ")");
      }
      if (enabled) {
        disabled[id >>> 6] &= ~(1L << id);
      } else {
        disabled[id >>> 6] |= 1L << id;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  public int size() {
    lock.readLock().lock();
    try {
      return size;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The hash stored under {@code id}, 4 longs. */
  public long[] hash(int id) {
    lock.readLock().lock();
    try {
      return Arrays.copyOfRange(hashes, id * 4, id * 4 + 4);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** What a lookup reports: an entry's id and its distance from the query. */
  @FunctionalInterface
  public interface Hits {
    void hit(int id, int distance);
  }

  /** Every enabled entry within {@code radius} bits of the query, each once. */
  public void search(long q0, long q1, long q2, long q3, int radius, Hits out) {
    if (radius < 0 || radius > MAX_RADIUS) {
      throw new IllegalArgumentException("radius must be 0 to " + MAX_RADIUS + ", got " + radius);
    }
    int perChunk = radius / CHUNKS;
    long[] q = {q0, q1, q2, q3};
    lock.readLock().lock();
    try {
      for (int c = 0; c < CHUNKS; c++) {
        int qc = chunk(q, 0, c);
        int chunkIndex = c;
        forEachNeighbour(qc, perChunk, b -> probe(q, chunkIndex, b, radius, perChunk, out));
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Brute force over every entry: the baseline benchmarks and tests compare against. */
  public void scan(long q0, long q1, long q2, long q3, int radius, Hits out) {
    lock.readLock().lock();
    try {
      for (int id = 0; id < size; id++) {
        int d = distance(hashes, id, q0, q1, q2, q3);
        if (d <= radius && !isDisabled(id)) {
          out.hit(id, d);
        }
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  private void probe(long[] q, int c, int b, int radius, int perChunk, Hits out) {
    int[] bucket = buckets[c][b];
    if (bucket == null) {
      return;
    }
    int n = bucketSizes[c][b];
    for (int i = 0; i < n; i++) {
      int id = bucket[i];
      int d = distance(hashes, id, q[0], q[1], q[2], q[3]);
      // Report an entry only from the first chunk that finds it, so each is reported once.
      if (d <= radius && firstCloseChunk(q, id, perChunk) == c && !isDisabled(id)) {
        out.hit(id, d);
      }
    }
  }

  private int firstCloseChunk(long[] q, int id, int perChunk) {
    for (int c = 0; c < CHUNKS; c++) {
      if (Integer.bitCount(chunk(q, 0, c) ^ chunk(hashes, id, c)) <= perChunk) {
        return c;
      }
    }
    return -1; // cannot happen for an entry within the radius (pigeonhole)
  }

  private boolean isDisabled(int id) {
    return (disabled[id >>> 6] & (1L << id)) != 0;
  }

  static int distance(long[] hashes, int id, long q0, long q1, long q2, long q3) {
    int base = id * 4;
    return Long.bitCount(hashes[base] ^ q0) + Long.bitCount(hashes[base + 1] ^ q1)
        + Long.bitCount(hashes[base + 2] ^ q2) + Long.bitCount(hashes[base + 3] ^ q3);
  }

  /** Chunk {@code c} (0 = the most significant 16 bits) of the hash stored at {@code id}. */
  static int chunk(long[] hashes, int id, int c) {
    long word = hashes[id * 4 + (c >>> 2)];
    return (int) (word >>> (48 - 16 * (c & 3))) & 0xFFFF;
  }

  /** Calls {@code out} with {@code value} and every 16-bit value within {@code bits} bits of it. */
  static void forEachNeighbour(int value, int bits, IntConsumer out) {
    out.accept(value);
    if (bits >= 1) {
      for (int i = 0; i < 16; i++) {
        int v1 = value ^ (1 << i);
        out.accept(v1);
        if (bits >= 2) {
          for (int j = i + 1; j < 16; j++) {
            int v2 = v1 ^ (1 << j);
            out.accept(v2);
            if (bits >= 3) {
              for (int k = j + 1; k < 16; k++) {
                out.accept(v2 ^ (1 << k));
              }
            }
          }
        }
      }
    }
  }
}
