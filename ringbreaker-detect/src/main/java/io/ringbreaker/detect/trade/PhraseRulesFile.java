package io.ringbreaker.detect.trade;

import io.ringbreaker.detect.lists.ListFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Rules from a file an operator edits: read again when the file changes (checked at most once a
 * second). A file that no longer reads keeps the rules that were in force and reports why, so a
 * typo never switches detection off.
 */
public final class PhraseRulesFile implements Supplier<PhraseRules> {

  private final Path file;
  private final Consumer<String> problems;
  private final long checkEveryNanos;
  private volatile PhraseRules current;
  private volatile FileTime loadedVersion;
  private volatile long nextCheckNanos;

  /** Reads the file now; a file that does not read is an error here, at start. */
  public PhraseRulesFile(Path file, Consumer<String> problems) {
    this(file, problems, 1_000_000_000L);
  }

  PhraseRulesFile(Path file, Consumer<String> problems, long checkEveryNanos) {
    this.file = file;
    this.problems = problems;
    this.checkEveryNanos = checkEveryNanos;
    this.current = PhraseRules.read(file);
    this.loadedVersion = modified();
  }

  @Override
  public PhraseRules get() {
    long now = System.nanoTime();
    if (now - nextCheckNanos >= 0) {
      nextCheckNanos = now + checkEveryNanos;
      FileTime m = modified();
      if (m != null && !m.equals(loadedVersion)) {
        loadedVersion = m;
        try {
          current = PhraseRules.read(file);
        } catch (ListFormatException e) {
          problems.accept("trade phrases not reloaded, the previous rules stay in force: " + e.getMessage());
        }
      }
    }
    return current;
  }

  private FileTime modified() {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return null;
    }
  }
}
