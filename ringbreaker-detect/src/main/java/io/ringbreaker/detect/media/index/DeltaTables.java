package io.ringbreaker.detect.media.index;

import java.util.Arrays;

/**
 * The part of the index that takes single adds: multi-index hashing with 16 chunks of 16 bits
 * and a growable bucket per chunk value. Cheap to add to, slower to search when large, so the
 * index folds it into {@link ChunkTables} once it grows. By pigeonhole, an entry within {@code r}
 * bits is within {@code r / 16} bits of the query in at least one of the 16 chunks. Holds global
 * ids; the hashes live in the index's array.
 */
final class DeltaTables {

  private static final int CHUNKS = 16;
  private static final int BUCKETS = 1 << 16;

  private final int[][][] buckets = new int[CHUNKS][][];
  private final int[][] bucketSizes = new int[CHUNKS][];
  private int count;

  int count() {
    return count;
  }

  long memoryBytes() {
    long bytes = 0;
    for (int c = 0; c < CHUNKS; c++) {
      if (buckets[c] != null) {
        bytes += 8L * BUCKETS;
        for (int[] b : buckets[c]) {
          bytes += b == null ? 0 : 16 + 4L * b.length;
        }
      }
    }
    return bytes;
  }

  void add(long[] hashes, int id) {
    for (int c = 0; c < CHUNKS; c++) {
      if (buckets[c] == null) {
        buckets[c] = new int[BUCKETS][];
        bucketSizes[c] = new int[BUCKETS];
      }
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
    count++;
  }

  void search(long[] hashes, long[] q, int radius, ChunkTables.IdFilter keep, HammingIndex.Hits out) {
    if (count == 0) {
      return;
    }
    int perChunk = radius / CHUNKS;
    for (int c = 0; c < CHUNKS; c++) {
      probeNeighbours(hashes, q, c, chunk(q, 0, c), 16, perChunk, radius, perChunk, keep, out);
    }
  }

  private void probeNeighbours(long[] hashes, long[] q, int c, int value, int limit, int flips, int radius,
      int perChunk, ChunkTables.IdFilter keep, HammingIndex.Hits out) {
    probe(hashes, q, c, value, radius, perChunk, keep, out);
    if (flips == 0) {
      return;
    }
    for (int b = limit - 1; b >= 0; b--) {
      probeNeighbours(hashes, q, c, value ^ (1 << b), b, flips - 1, radius, perChunk, keep, out);
    }
  }

  private void probe(long[] hashes, long[] q, int c, int b, int radius, int perChunk, ChunkTables.IdFilter keep,
      HammingIndex.Hits out) {
    int[] bucket = buckets[c][b];
    if (bucket == null) {
      return;
    }
    int n = bucketSizes[c][b];
    for (int i = 0; i < n; i++) {
      int id = bucket[i];
      int d = HammingIndex.distance(hashes, id, q[0], q[1], q[2], q[3]);
      // Reported only from the first chunk that finds it, so each entry is reported once.
      if (d <= radius && firstCloseChunk(hashes, q, id, perChunk) == c && keep.keep(id)) {
        out.hit(id, d);
      }
    }
  }

  private static int firstCloseChunk(long[] hashes, long[] q, int id, int perChunk) {
    for (int c = 0; c < CHUNKS; c++) {
      if (Integer.bitCount(chunk(q, 0, c) ^ chunk(hashes, id, c)) <= perChunk) {
        return c;
      }
    }
    return -1; // cannot happen for an entry within the radius (pigeonhole)
  }

  /** Chunk {@code c} (0 = the most significant 16 bits) of the hash stored at {@code id}. */
  static int chunk(long[] hashes, int id, int c) {
    long word = hashes[id * 4 + (c >>> 2)];
    return (int) (word >>> (48 - 16 * (c & 3))) & 0xFFFF;
  }
}
