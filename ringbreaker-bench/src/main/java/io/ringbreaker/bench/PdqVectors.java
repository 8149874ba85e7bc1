package io.ringbreaker.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared PDQ test vectors (shared/pdq-vectors), found walking up from the working directory. */
final class PdqVectors {

  private PdqVectors() {}

  static Path dir() {
    return io.ringbreaker.detect.media.pdq.PdqVectors.find().orElseThrow(() -> new IllegalStateException(
        "no shared/pdq-vectors directory in " + Path.of("").toAbsolutePath()
            + " or any directory above it: run the benchmarks from inside the checkout that has them"));
  }

  /** An image of the vectors, by its path under images/ (as expected-pdq.csv names it). */
  static Path image(String path) {
    Path file = dir().resolve("images").resolve(path);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("no image " + path + " in " + dir().resolve("images"));
    }
    return file;
  }
}
