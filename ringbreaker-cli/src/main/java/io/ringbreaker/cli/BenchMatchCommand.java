package io.ringbreaker.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.ringbreaker.detect.media.index.HammingIndex;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "match", mixinStandardHelpOptions = true,
    header = "PDQ index: build time, memory per hash, exact lookups/s beside brute force.",
    description = {"Builds the index over N random 256-bit hashes plus planted near-duplicates, then answers",
        "radius queries (default 31). Brute force over the same hashes, on a sample of the queries, is the",
        "baseline: the ratio shows, and every sampled answer is compared with it (recall must be 1.0)."})
final class BenchMatchCommand implements Callable<Integer> {

  /** Whether the JVM asked for transparent huge pages (the launcher does where the kernel offers them). */
  static boolean hugePages() {
    var vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    return vm != null && Boolean.parseBoolean(vm.getVMOption("UseTransparentHugePages").getValue());
  }

  @Option(names = "--size", defaultValue = "1000000", description = "Hashes in the index (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--queries", defaultValue = "20000", description = "Queries (default: ${DEFAULT-VALUE}).")
  int queries;

  @Option(names = "--radius", defaultValue = "31", description = "Hamming radius (default: ${DEFAULT-VALUE}).")
  int radius;

  @Option(names = "--brute-force-queries", defaultValue = "20",
      description = "Queries also answered by brute force (default: ${DEFAULT-VALUE}).")
  int bruteQueries;

  @Override
  public Integer call() throws Exception {
    int threads = Runtime.getRuntime().availableProcessors();
    System.out.printf(Locale.ROOT, "ringbreaker bench match · %d cores · Java %s · radius %d · huge pages %s%n",
        threads, Runtime.version(), radius, hugePages() ? "on" : "off");
    SplittableRandom rnd = new SplittableRandom(11);
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    long[] hashes = new long[size * 4];
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = rnd.nextLong();
    }
    long t0 = System.nanoTime();
    HammingIndex ix = HammingIndex.bulk(hashes, size);
    double buildSeconds = (System.nanoTime() - t0) / 1e9;
    hashes = null; // the index keeps its own copy
    System.gc();
    long after = rt.totalMemory() - rt.freeMemory();
    System.out.printf(Locale.ROOT, "index: %,d hashes built in %.2f s; heap %s for the index: %.1f bytes per hash, "
        + "%.1f on top of the 32 of the hash itself%n", size, buildSeconds, ProgressLine.bytes(after - before),
        (after - before) / (double) size, (after - before) / (double) size - 32);
    System.out.printf(Locale.ROOT, "index tables (counted array by array): %.1f bytes per hash on top of the hash%n",
        ix.overheadBytes() / (double) size);
    // Queries: half are near-duplicates of stored hashes (within the radius), half random.
    long[][] q = new long[queries][];
    for (int i = 0; i < queries; i++) {
      long[] h;
      if (i % 2 == 0) {
        h = ix.hash(rnd.nextInt(size));
        for (int k = rnd.nextInt(radius + 1); k > 0; k--) {
          int b = rnd.nextInt(256);
          h[b >>> 6] ^= 1L << (b & 63);
        }
      } else {
        h = new long[] {rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong()};
      }
      q[i] = h;
    }

    // Warm up, then measure on one thread and on all.
    AtomicLong hits = new AtomicLong();
    for (int i = 0; i < Math.min(queries, 2_000); i++) {
      long[] h = q[i];
      ix.search(h[0], h[1], h[2], h[3], radius, (id, d) -> hits.incrementAndGet());
    }
    hits.set(0);
    t0 = System.nanoTime();
    for (long[] h : q) {
      ix.search(h[0], h[1], h[2], h[3], radius, (id, d) -> hits.incrementAndGet());
    }
    double one = queries / ((System.nanoTime() - t0) / 1e9);
    double all;
    try (var pool = Executors.newFixedThreadPool(threads)) {
      t0 = System.nanoTime();
      Future<?>[] parts = new Future<?>[threads];
      for (int t = 0; t < threads; t++) {
        int from = t;
        parts[t] = pool.submit(() -> {
          for (int i = from; i < queries; i += threads) {
            long[] h = q[i];
            ix.search(h[0], h[1], h[2], h[3], radius, (id, d) -> { });
          }
        });
      }
      for (Future<?> f : parts) {
        f.get();
      }
      all = queries / ((System.nanoTime() - t0) / 1e9);
    }
    // Brute force on a sample, also the recall check.
    int sample = Math.min(bruteQueries, queries);
    long exact = 0;
    long found = 0;
    t0 = System.nanoTime();
    for (int i = 0; i < sample; i++) {
      long[] h = q[i];
      Set<Long> truth = new HashSet<>();
      ix.scan(h[0], h[1], h[2], h[3], radius, (id, d) -> truth.add(((long) id << 8) | d));
      exact += truth.size();
      Set<Long> got = new HashSet<>();
      ix.search(h[0], h[1], h[2], h[3], radius, (id, d) -> got.add(((long) id << 8) | d));
      got.retainAll(truth);
      found += got.size();
    }
    double bruteSeconds = (System.nanoTime() - t0) / 1e9;
    double brute = sample / bruteSeconds;
    System.out.printf(Locale.ROOT, "lookups: %,12.0f /s on 1 thread, %,12.0f /s on %d threads (%,d matches)%n",
        one, all, threads, hits.get());
    System.out.printf(Locale.ROOT, "brute force: %,10.1f /s on 1 thread (%d queries): the index is %,.0fx faster%n",
        brute, sample, one / brute);
    System.out.printf(Locale.ROOT, "recall on the brute-force sample: %d of %d matches (%.3f)%n", found, exact,
        exact == 0 ? 1.0 : found / (double) exact);
    System.out.println("target at 10M on 2 cores: >= 5,000 exact lookups/s at distance 31, recall 1.0");
    return found == exact ? 0 : 1;
  }
}
