package io.ringbreaker.cli;

import io.ringbreaker.detect.media.pdq.Pdq;
import io.ringbreaker.detect.media.pdq.PdqException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "hash", mixinStandardHelpOptions = true, sortOptions = false,
    header = "PDQ hash and quality of image files, in the reference pdq-photo-hasher's format.",
    description = {"Prints one line per file, in the order given: pdq_hex,quality,path (the reference",
        "PDQPhotoHasherTool's output). With --dihedral the line holds the 8 dihedral hashes (original,",
        "rotate 90, rotate 180, rotate 270, flip x, flip y, flip +1, flip -1), then quality and path: the",
        "reference's --pdqdih-across format. --md5 and --sha256 of the file's bytes go in extra columns",
        "before the path, so the path stays last (a path may hold commas).",
        "Files are hashed in parallel on every core. A file that cannot be read or decoded gets a line on",
        "standard error naming it and why; the others are still hashed, and the exit code is 1.",
        "A directory is refused unless --recursive is given; then the image files under it (by suffix:",
        "jpg, jpeg, png, gif, bmp, wbmp, tif, tiff, webp) are hashed in path order.",
        "Exit: 0 every file hashed, 1 some file failed, 2 bad usage."})
final class HashCommand implements Callable<Integer> {

  @Option(names = "--dihedral", description = "Print the 8 dihedral hashes on each line (reference: --pdqdih-across).")
  boolean dihedral;

  @Option(names = "--md5", description = "Add the MD5 of the file's bytes as a column before the path.")
  boolean md5;

  @Option(names = "--sha256", description = "Add the SHA-256 of the file's bytes as a column before the path (after MD5).")
  boolean sha256;

  @Option(names = {"-r", "--recursive"}, description = "Hash the image files under each directory given, in path order.")
  boolean recursive;

  @Option(names = "--threads", description = "Files hashed at once (default: the number of cores).")
  Integer threads;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Image files (JPEG, PNG, GIF, BMP, TIFF, WebP); directories with --recursive.")
  List<Path> files;

  private static final HexFormat HEX = HexFormat.of();

  @Override
  public Integer call() throws Exception {
    if (threads != null && threads < 1) {
      throw new UserError("--threads must be at least 1, got " + threads);
    }
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    // Bytes, not a PrintStream per line: many small files print faster through one buffer.
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
    PrintStream err = System.err;
    int failed = 0;
    ExecutorService pool = Executors.newFixedThreadPool(t, r -> {
      Thread th = new Thread(r, "hash");
      th.setDaemon(true);
      return th;
    });
    try {
      // A bounded window of files in flight: results print in input order, and a long list of
      // large images never holds more than a few decoded at once.
      ArrayDeque<Future<Line>> window = new ArrayDeque<>();
      int limit = 4 * t;
      for (Path arg : files) {
        for (Task task : expand(arg)) {
          window.add(pool.submit(task::run));
          if (window.size() >= limit) {
            failed += print(window.poll(), out, err);
          }
        }
      }
      while (!window.isEmpty()) {
        failed += print(window.poll(), out, err);
      }
    } finally {
      out.flush();
      pool.shutdownNow();
    }
    return failed == 0 ? 0 : 1;
  }

  /** One line of output, or the reason the file could not be hashed. */
  sealed interface Line {
    record Hashed(String text) implements Line {}

    record Failed(String path, String reason) implements Line {}
  }

  /** Prints the next result in order; 1 if it was a failure. */
  private static int print(Future<Line> next, BufferedWriter out, PrintStream err) throws IOException, InterruptedException {
    Line line;
    try {
      line = next.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("hashing failed unexpectedly", e.getCause());
    }
    switch (line) {
      case Line.Hashed h -> {
        out.write(h.text());
        out.write('\n');
        return 0;
      }
      case Line.Failed f -> {
        out.flush(); // so the error shows after the lines before it on a terminal
        err.println("ringbreaker hash: " + f.path() + ": " + f.reason());
        return 1;
      }
    }
  }

  /** Image suffixes taken from a directory with --recursive: what javax.imageio reads here (WebP through TwelveMonkeys). */
  static Set<String> imageSuffixes() {
    Set<String> s = new TreeSet<>();
    for (String suffix : ImageIO.getReaderFileSuffixes()) {
      s.add(suffix.toLowerCase(Locale.ROOT));
    }
    return s;
  }

  /** A file as given, or the image files under a directory with --recursive, or a refusal. */
  private List<Task> expand(Path arg) {
    String shown = arg.toString();
    if (!Files.isDirectory(arg)) {
      return List.of(new Task(arg, shown));
    }
    if (!recursive) {
      return List.of(new Task(arg, shown, "is a directory: pass --recursive to hash the image files under it"));
    }
    Set<String> suffixes = imageSuffixes();
    try (Stream<Path> walk = Files.walk(arg)) {
      List<Task> tasks = new ArrayList<>();
      walk.filter(Files::isRegularFile)
          .filter(p -> {
            String name = p.getFileName().toString();
            int dot = name.lastIndexOf('.');
            return dot > 0 && suffixes.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
          })
          .sorted()
          .forEach(p -> tasks.add(new Task(p, p.toString())));
      return tasks;
    } catch (IOException | UncheckedIOException e) {
      String reason = e instanceof UncheckedIOException u ? describe(u.getCause()) : describe((IOException) e);
      return List.of(new Task(arg, shown, "cannot list the directory: " + reason));
    }
  }

  /** One file to hash; {@code refused} is set when the file is known to fail before reading it. */
  private final class Task {
    private final Path file;
    private final String shown;
    private final String refused;

    Task(Path file, String shown) {
      this(file, shown, null);
    }

    Task(Path file, String shown, String refused) {
      this.file = file;
      this.shown = shown;
      this.refused = refused;
    }

    Line run() {
      if (refused != null) {
        return new Line.Failed(shown, refused);
      }
      byte[] bytes;
      try {
        long size = Files.size(file);
        if (size > Pdq.Limits.DEFAULTS.maxBytes()) {
          // Checked before reading so a huge file is never loaded.
          return new Line.Failed(shown, "file is " + size + " bytes, over the limit of " + Pdq.Limits.DEFAULTS.maxBytes());
        }
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        return new Line.Failed(shown, describe(e));
      }
      StringBuilder sb = new StringBuilder(dihedral ? 600 : 180);
      try {
        if (dihedral) {
          List<Pdq.Hash> all = Pdq.dihedral(bytes, Pdq.Limits.DEFAULTS);
          for (Pdq.Hash h : all) {
            sb.append(h.hex()).append(',');
          }
          sb.append(all.get(0).quality());
        } else {
          Pdq.Hash h = Pdq.hash(bytes, Pdq.Limits.DEFAULTS);
          sb.append(h.hex()).append(',').append(h.quality());
        }
      } catch (PdqException e) {
        return new Line.Failed(shown, e.getMessage());
      } catch (RuntimeException e) {
        // A decoder bug on a crafted file must not stop the other files.
        return new Line.Failed(shown, "cannot hash the image: " + e);
      } catch (OutOfMemoryError e) {
        return new Line.Failed(shown, "out of memory decoding the image (run with a larger heap, or fewer --threads)");
      }
      if (md5) {
        sb.append(',').append(digest("MD5", bytes));
      }
      if (sha256) {
        sb.append(',').append(digest("SHA-256", bytes));
      }
      return new Line.Hashed(sb.append(',').append(shown).toString());
    }
  }

  static String digest(String algorithm, byte[] bytes) {
    try {
      return HEX.formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this JDK", e);
    }
  }

  private static String describe(IOException e) {
    return switch (e) {
      case NoSuchFileException n -> "no such file";
      case AccessDeniedException a -> "permission denied";
      default -> "cannot read the file: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    };
  }
}
