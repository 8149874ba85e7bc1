package io.ringbreaker.cli;

import io.ringbreaker.detect.media.pdq.Pdq;
import io.ringbreaker.detect.media.pdq.PdqException;
import io.ringbreaker.detect.media.pdq.PdqVectors;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "hash", mixinStandardHelpOptions = true,
    header = "PDQ hashing: images/s on the shared test vectors, one thread and all cores.",
    description = {"Hashes the image files under --dir (default: shared/pdq-vectors, found walking up from",
        "the current directory) in whole passes, at least --seconds per figure, after one unmeasured pass:",
        "  decode + hash     Pdq.hash of the file's bytes (javax.imageio decoding, then the hash)",
        "  hash decoded      Pdq.hash of an already decoded BufferedImage",
        "  dihedral decoded  the 8 dihedral hashes of a decoded image",
        "The baseline in the same run is decoding alone (javax.imageio), which bounds decode + hash.",
        "All-cores figures run one thread per core, each taking the next image from a shared counter.",
        "When the directory holds expected-pdq.csv, every hash is checked against it first."})
final class BenchHashCommand implements Callable<Integer> {

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Directory of images, searched recursively (default: shared/pdq-vectors in the current directory or above).")
  Path dir;

  @Option(names = "--seconds", defaultValue = "5", description = "Least measured seconds per figure, rounded up to whole passes (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--threads", description = "Threads for the all-cores figures; 1 skips them (default: the number of cores).")
  Integer threads;

  @Override
  public Integer call() throws Exception {
    if (!(seconds > 0) || (threads != null && threads < 1)) {
      throw new UserError("--seconds must be above 0 and --threads at least 1");
    }
    Path root = dir == null ? PdqVectors.find()
        .orElseThrow(() -> new UserError("no shared/pdq-vectors directory in " + Path.of("").toAbsolutePath()
            + " or any directory above it: pass --dir DIR, a directory of images")) : dir;
    if (!Files.isDirectory(root)) {
      throw new UserError("--dir " + root + " is not a directory");
    }
    int cores = Runtime.getRuntime().availableProcessors();
    int t = threads == null ? cores : threads;
    Images images = Images.load(root);
    System.out.printf(Locale.ROOT, "ringbreaker bench hash · %d cores · Java %s · max heap %s%n", cores,
        Runtime.version(), ProgressLine.bytes(Runtime.getRuntime().maxMemory()));
    System.out.printf(Locale.ROOT, "images: %d from %s (%s, %.2f megapixels on average)%n", images.size(), root,
        ProgressLine.bytes(images.totalBytes()), images.meanMegapixels());
    if (!images.skipped().isEmpty()) {
      System.out.printf(Locale.ROOT, "skipped (cannot decode): %s%n", String.join(", ", images.skipped()));
    }
    Optional<String> check = checkExpected(root, images);
    check.ifPresent(System.out::println);

    List<Work> works = List.of(
        new Work("decode only (baseline)", i -> ImageIO.read(new ByteArrayInputStream(images.bytes(i))).getWidth()),
        new Work("decode + hash", i -> Pdq.hash(images.bytes(i), Pdq.Limits.DEFAULTS).quality()),
        new Work("hash decoded", i -> Pdq.hash(images.decoded(i)).quality()),
        new Work("dihedral decoded", i -> Pdq.dihedral(images.decoded(i)).size()));

    ProgressLine progress = new ProgressLine(System.err);
    double[][] rates = new double[works.size()][2];
    for (int w = 0; w < works.size(); w++) {
      Work work = works.get(w);
      progress.show(work.name() + ": 1 thread…");
      rates[w][0] = measure(work, images, 1, seconds);
      if (t > 1) {
        progress.show(work.name() + ": " + t + " threads…");
        rates[w][1] = measure(work, images, t, seconds);
      }
    }
    progress.done();

    System.out.printf(Locale.ROOT, "%n  %-24s %14s %14s %9s%n", "images/s", "1 thread", t > 1 ? t + " threads" : "", t > 1 ? "scaling" : "");
    for (int w = 0; w < works.size(); w++) {
      System.out.printf(Locale.ROOT, "  %-24s %,14.1f %14s %9s%n", works.get(w).name() + ":", rates[w][0],
          t > 1 ? String.format(Locale.ROOT, "%,.1f", rates[w][1]) : "",
          t > 1 ? String.format(Locale.ROOT, "%.2fx", rates[w][1] / rates[w][0]) : "");
    }
    System.out.printf(Locale.ROOT, "%n  decoding is %.0f%% of decode + hash on 1 thread; megapixels/s decode + hash: %,.1f%n",
        100.0 * rates[1][0] / rates[0][0], rates[1][0] * images.meanMegapixels());
    return check.filter(s -> s.contains("MISMATCH")).isPresent() ? 1 : 0;
  }

  /** Images found under a directory: their bytes, and each decoded once. */
  record Images(List<String> paths, List<byte[]> encoded, List<BufferedImage> pictures, List<String> skipped) {

    static Images load(Path root) throws IOException {
      Set<String> suffixes = HashCommand.imageSuffixes();
      List<Path> files;
      try (Stream<Path> walk = Files.walk(root)) {
        files = walk.filter(Files::isRegularFile).filter(p -> {
          String n = p.getFileName().toString();
          int dot = n.lastIndexOf('.');
          return dot > 0 && suffixes.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
        }).sorted().toList();
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      List<String> paths = new ArrayList<>();
      List<byte[]> encoded = new ArrayList<>();
      List<BufferedImage> pictures = new ArrayList<>();
      List<String> skipped = new ArrayList<>();
      for (Path f : files) {
        byte[] b = Files.readAllBytes(f);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(b));
        if (img == null) {
          skipped.add(root.relativize(f).toString());
          continue;
        }
        paths.add(root.relativize(f).toString().replace('\\', '/'));
        encoded.add(b);
        pictures.add(img);
      }
      if (paths.isEmpty()) {
        throw new UserError("no image files under " + root + " (looked for " + String.join(", ", suffixes) + ")");
      }
      return new Images(List.copyOf(paths), List.copyOf(encoded), List.copyOf(pictures), List.copyOf(skipped));
    }

    int size() {
      return paths.size();
    }

    byte[] bytes(int i) {
      return encoded.get(i);
    }

    BufferedImage decoded(int i) {
      return pictures.get(i);
    }

    long totalBytes() {
      return encoded.stream().mapToLong(b -> b.length).sum();
    }

    double meanMegapixels() {
      return pictures.stream().mapToDouble(p -> (double) p.getWidth() * p.getHeight() / 1e6).average().orElse(0);
    }
  }

  /**
   * Compares every hash of an image named in expected-pdq.csv ({@code hash,quality,path}, paths under
   * images/) with the CSV: a benchmark of a wrong hash would be worthless.
   */
  static Optional<String> checkExpected(Path root, Images images) throws IOException, PdqException {
    Path csv = root.resolve("expected-pdq.csv");
    if (!Files.isRegularFile(csv)) {
      return Optional.empty();
    }
    int checked = 0;
    List<String> wrong = new ArrayList<>();
    for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
      String[] f = line.strip().split(",", 3);
      if (f.length < 3) {
        continue;
      }
      int i = images.paths().indexOf("images/" + f[2]);
      if (i < 0) {
        continue;
      }
      Pdq.Hash h = Pdq.hash(images.bytes(i), Pdq.Limits.DEFAULTS);
      checked++;
      if (!h.hex().equals(f[0]) || h.quality() != Integer.parseInt(f[1])) {
        wrong.add(f[2]);
      }
    }
    return Optional.of(wrong.isEmpty()
        ? String.format(Locale.ROOT, "checked against expected-pdq.csv: %d of %d hashes match", checked, checked)
        : String.format(Locale.ROOT, "checked against expected-pdq.csv: MISMATCH on %d of %d: %s", wrong.size(), checked,
            String.join(", ", wrong)));
  }

  /** One image's work; returns something derived from the result so it cannot be dropped. */
  @FunctionalInterface
  interface Step {
    int run(int image) throws Exception;
  }

  record Work(String name, Step step) {}

  /** Written with what the work returned, so the JIT cannot drop the work. */
  static volatile long consumed;

  /**
   * Images per second on {@code threads} threads. One unmeasured pass over the images first (the
   * JIT), timed to size the run: then whole passes, at least {@code seconds} long, the threads taking
   * the next image from a shared counter. Whole passes, so every figure covers the same mix of
   * large and small images.
   */
  static double measure(Work work, Images images, int threads, double seconds) throws Exception {
    int n = images.size();
    long sink = 0;
    long warm = System.nanoTime();
    for (int i = 0; i < n; i++) {
      sink += work.step().run(i);
    }
    double pass = (System.nanoTime() - warm) / 1e9;
    long total = Math.max(1, (long) Math.ceil(seconds * threads / pass)) * n;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      AtomicLong next = new AtomicLong();
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Long>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        parts.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          long s = 0;
          for (long k; (k = next.getAndIncrement()) < total; ) {
            s += work.step().run((int) (k % n));
          }
          return s;
        }));
      }
      ready.await();
      long start = System.nanoTime();
      go.countDown();
      for (Future<Long> f : parts) {
        sink += f.get();
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      consumed = sink;
      return total / elapsed;
    } finally {
      pool.shutdown();
    }
  }
}
