package io.ringbreaker.detect.media.pdq;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds shared/pdq-vectors by walking up from the working directory; fails if it is absent. */
public final class Vectors {

  private Vectors() {}

  public static Path dir() {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    List<String> looked = new ArrayList<>();
    for (Path p = start; p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("pdq-vectors");
      looked.add(candidate.toString());
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(
        "PDQ test vectors not found: no shared/pdq-vectors directory in " + String.join(", ", looked));
  }
}
