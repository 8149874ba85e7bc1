package io.ringbreaker.detect.media.pdq;

import java.nio.file.Path;

/** The shared PDQ vectors for tests; a test fails (never skips) when they are absent. */
public final class Vectors {

  private Vectors() {}

  public static Path dir() {
    return PdqVectors.find().orElseThrow(() -> new AssertionError("PDQ test vectors not found: no shared/pdq-vectors "
        + "directory in " + Path.of("").toAbsolutePath() + " or any directory above it"));
  }
}
