package io.ringbreaker.bench;

import io.ringbreaker.detect.media.index.HammingIndex;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Exact PDQ lookups per second in a {@link HammingIndex} of {@code size} hashes, one query per
 * operation, beside brute force over the same hashes:
 * <ul>
 *   <li>{@code lookup}: {@link HammingIndex#search}, every entry within {@code radius} bits;
 *   <li>{@code bruteForceScan}: {@link HammingIndex#scan}, the distance to every entry.
 * </ul>
 * The hashes are random 256-bit values with planted near-duplicates: one entry in
 * {@value #PLANT_EVERY} is a copy of its neighbour with up to {@code radius} bits flipped, so
 * matches come in pairs as re-encoded copies of one image do. Half the queries are a stored hash
 * with up to {@code radius} bits flipped (at least one match each), half are random (almost
 * never a match): an upload stream is mostly unknown images. Fixed seed.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx4g", "-XX:+UseTransparentHugePages"})
@State(Scope.Benchmark)
public class MatchBenchmark {

  /** One stored entry in this many is a planted near-duplicate of the next one. */
  static final int PLANT_EVERY = 100;

  /** Queries cycled through. */
  static final int QUERIES = 4_096;

  @Param({"1000000", "10000000"})
  public int size;

  @Param("31")
  public int radius;

  private long[] stored;   // 4 longs per entry, as given to the index
  private long[] queries;  // 4 longs per query
  private HammingIndex index;

  @Setup(Level.Trial)
  public void setUp() {
    if (size < 2 || radius < 0) {
      throw new IllegalArgumentException("size must be at least 2 and radius at least 0, got " + size + " and " + radius);
    }
    SplittableRandom random = new SplittableRandom(17);
    stored = new long[size * 4];
    for (int i = 0; i < stored.length; i++) {
      stored[i] = random.nextLong();
    }
    for (int id = 0; id + 1 < size; id += PLANT_EVERY) {
      System.arraycopy(stored, (id + 1) * 4, stored, id * 4, 4);
      flip(stored, id, random.nextInt(radius + 1), random);
    }
    index = HammingIndex.bulk(stored, size);
    queries = new long[QUERIES * 4];
    for (int q = 0; q < QUERIES; q++) {
      if (q % 2 == 0) {
        System.arraycopy(stored, random.nextInt(size) * 4, queries, q * 4, 4);
        flip(queries, q, random.nextInt(radius + 1), random);
      } else {
        for (int k = 0; k < 4; k++) {
          queries[q * 4 + k] = random.nextLong();
        }
      }
    }
  }

  /** Flips {@code bits} distinct bits of the hash at {@code at}: its distance from before is exactly {@code bits}. */
  private static void flip(long[] hashes, int at, int bits, SplittableRandom random) {
    long[] mask = new long[4];
    int flipped = 0;
    while (flipped < bits) {
      int b = random.nextInt(256);
      if ((mask[b >>> 6] & (1L << b)) == 0) {
        mask[b >>> 6] |= 1L << b;
        flipped++;
      }
    }
    for (int k = 0; k < 4; k++) {
      hashes[at * 4 + k] ^= mask[k];
    }
  }

  /** Each thread's place in the queries, and a hit counter that allocates nothing. */
  @State(Scope.Thread)
  public static class Cursor implements HammingIndex.Hits {
    private int next;
    private int hits;

    int next() {
      if (next == QUERIES) {
        next = 0;
      }
      return next++;
    }

    @Override
    public void hit(int id, int distance) {
      hits++;
    }
  }

  /** Matches of the next query: counted, so the work cannot be dropped. */
  @Benchmark
  public int lookup(Cursor c) {
    int q = c.next() * 4;
    c.hits = 0;
    index.search(queries[q], queries[q + 1], queries[q + 2], queries[q + 3], radius, c);
    return c.hits;
  }

  @Benchmark
  public int bruteForceScan(Cursor c) {
    int q = c.next() * 4;
    c.hits = 0;
    index.scan(queries[q], queries[q + 1], queries[q + 2], queries[q + 3], radius, c);
    return c.hits;
  }

  // For the setup test.

  HammingIndex index() {
    return index;
  }

  long[] query(int q) {
    return java.util.Arrays.copyOfRange(queries, q * 4, q * 4 + 4);
  }

  long[] stored(int id) {
    return java.util.Arrays.copyOfRange(stored, id * 4, id * 4 + 4);
  }
}
