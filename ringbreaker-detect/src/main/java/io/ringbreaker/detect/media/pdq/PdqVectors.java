package io.ringbreaker.detect.media.pdq;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the shared PDQ test vectors are: a {@code shared/pdq-vectors} directory in the given
 * directory or the nearest one above it (a checkout keeps {@code shared/} beside it). Tests,
 * benchmarks and {@code ringbreaker bench hash} all look here.
 */
public final class PdqVectors {

  private PdqVectors() {}

  public static Optional<Path> find(Path start) {
    for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("pdq-vectors");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** From the working directory. */
  public static Optional<Path> find() {
    return find(Path.of(""));
  }
}
