package io.ringbreaker.detect.media.index;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Exact radius search over 256-bit hashes (PDQ): every enabled entry within the radius is
 * returned, never an approximation. Two parts, each multi-index hashing:
 *
 * <ul>
 *   <li>the bulk, {@link ChunkTables}: 11 tables of 23 to 24-bit chunks in flat arrays, built in
 *       one pass, about 50 bytes per hash on top of the hash at 1M to 10M entries;
 *   <li>the delta, {@link DeltaTables}: entries added one by one, searchable on the next lookup.
 * </ul>
 *
 * <p>When the delta passes an eighth of the bulk (or 4,096 entries) it is folded into a new bulk
 * on a background thread while lookups go on against the old one; the swap is a pointer change
 * under a short write lock. So an add or a disable is in effect at once and there is never a
 * pause for a rebuild. {@link #compact()} folds synchronously (after a load, in tests).
 *
 * <p>Lookups run concurrently; adds and disables take a short write lock.
 */
public final class HammingIndex {

  /** Largest radius answered. */
  public static final int MAX_RADIUS = 63;
  private static final int MIN_DELTA_TO_FOLD = 4_096;

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private long[] hashes;                 // 4 longs per id; ids below a snapshot's size never change
  private long[] disabled;               // 1 bit per id
  private int size;
  private ChunkTables bulk = new ChunkTables(new long[0], 0);
  private DeltaTables delta = new DeltaTables();
  private boolean folding;
  private final boolean foldInBackground;

  public HammingIndex() {
    this(1024);
  }

  public HammingIndex(int expected) {
    this(expected, true);
  }

  /** {@code foldInBackground = false}: the delta is only folded by {@link #compact()}. */
  HammingIndex(int expected, boolean foldInBackground) {
    hashes = new long[Math.max(4, expected * 4)];
    disabled = new long[Math.max(1, (expected + 63) >>> 6)];
    this.foldInBackground = foldInBackground;
  }

  /** Builds an index of {@code count} hashes in one go. {@code hashes} holds 4 longs per hash. */
  public static HammingIndex bulk(long[] hashes, int count) {
    HammingIndex ix = new HammingIndex(0);
    ix.hashes = Arrays.copyOf(hashes, Math.max(4, count * 4));
    ix.disabled = new long[Math.max(1, (count + 63) >>> 6)];
    ix.size = count;
    ix.bulk = new ChunkTables(ix.hashes, count);
    return ix;
  }

  /** Adds a hash (4 longs, most significant first); returns its id. In effect for the next lookup. */
  public int add(long h0, long h1, long h2, long h3) {
    boolean fold;
    int id;
    lock.writeLock().lock();
    try {
      id = size;
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
      delta.add(hashes, id);
      size = id + 1;
      fold = foldInBackground && !folding
          && delta.count() >= Math.max(MIN_DELTA_TO_FOLD, bulk.count() / 8);
      if (fold) {
        folding = true;
      }
    } finally {
      lock.writeLock().unlock();
    }
    if (fold) {
      Thread.ofPlatform().daemon().name("hamming-index-fold").start(this::fold);
    }
    return id;
  }

  /** Folds every entry added so far into the bulk tables, on this thread. */
  public void compact() {
    lock.writeLock().lock();
    try {
      while (folding) {
        // A background fold is running: let it finish, then fold what came after.
        lock.writeLock().unlock();
        Thread.onSpinWait();
        Thread.yield();
        lock.writeLock().lock();
      }
      folding = true;
    } finally {
      lock.writeLock().unlock();
    }
    fold();
  }

  private void fold() {
    try {
      long[] snapshot;
      int n;
      lock.readLock().lock();
      try {
        snapshot = hashes;
        n = size;
      } finally {
        lock.readLock().unlock();
      }
      ChunkTables built = new ChunkTables(snapshot, n);
      lock.writeLock().lock();
      try {
        DeltaTables rest = new DeltaTables();
        for (int id = n; id < size; id++) {
          rest.add(hashes, id);
        }
        bulk = built;
        delta = rest;
      } finally {
        lock.writeLock().unlock();
      }
    } finally {
      lock.writeLock().lock();
      folding = false;
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
      if (id < 0 || id >= size) {
        throw new IllegalArgumentException("no entry " + id + " (size " + size + ")");
      }
      return Arrays.copyOfRange(hashes, id * 4, id * 4 + 4);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Bytes held beyond the 32 of each hash itself: the tables, the delta and the disabled bits
   * (array headers and growth slack of the hash array not counted).
   */
  public long overheadBytes() {
    lock.readLock().lock();
    try {
      return bulk.memoryBytes() + delta.memoryBytes() + 8L * disabled.length;
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
    long[] q = {q0, q1, q2, q3};
    int[] budget = ChunkTables.budgets(radius);
    lock.readLock().lock();
    try {
      long[] off = disabled;
      ChunkTables.IdFilter enabled = id -> (off[id >>> 6] & (1L << id)) == 0;
      bulk.search(hashes, q, radius, budget, enabled, out);
      delta.search(hashes, q, radius, enabled, out);
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
        if (d <= radius && (disabled[id >>> 6] & (1L << id)) == 0) {
          out.hit(id, d);
        }
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  /** A 64-hex-digit hash (lower or upper case) as the 4 longs the index takes, most significant first. */
  public static long[] words(String hex) {
    if (hex.length() != 64) {
      throw new IllegalArgumentException("a 256-bit hash is 64 hex digits, got " + hex.length());
    }
    long[] w = new long[4];
    for (int i = 0; i < 4; i++) {
      w[i] = Long.parseUnsignedLong(hex, i * 16, i * 16 + 16, 16);
    }
    return w;
  }

  /** The 64 lower-case hex digits of 4 longs, most significant first. */
  public static String hex(long[] words) {
    return HexFormat.of().formatHex(ByteBuffer.allocate(32).putLong(words[0]).putLong(words[1])
        .putLong(words[2]).putLong(words[3]).array());
  }

  static int distance(long[] hashes, int id, long q0, long q1, long q2, long q3) {
    int base = id * 4;
    return Long.bitCount(hashes[base] ^ q0) + Long.bitCount(hashes[base + 1] ^ q1)
        + Long.bitCount(hashes[base + 2] ^ q2) + Long.bitCount(hashes[base + 3] ^ q3);
  }
}
