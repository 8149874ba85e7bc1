package io.ringbreaker.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ringbreaker serve} as a real separate JVM, as an operator runs it: the same java binary
 * and class path as this test, stdout and stderr in files (read for the URL, shown on failure).
 */
final class ServeProcess implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("ringbreaker: serving (http://\\S+/) ");

  final Process process;
  final URI url;
  final Path stdout;
  final Path stderr;

  private ServeProcess(Process process, URI url, Path stdout, Path stderr) {
    this.process = process;
    this.url = url;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * Starts {@code serve --db URL --data-dir DIR --port 0 [extra…]} and waits (at most 90 s) until it
   * says where it serves.
   */
  static ServeProcess start(String dbUrl, Path dataDir, Path logs, String... extra)
      throws IOException, InterruptedException {
    Files.createDirectories(logs);
    Path out = Files.createTempFile(logs, "serve-", ".out");
    Path err = Files.createTempFile(logs, "serve-", ".err");
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "serve", "--db", dbUrl, "--data-dir", dataDir.toString(), "--port", "0"));
    command.addAll(List.of(extra));
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    try {
      while (System.nanoTime() < deadline) {
        Matcher m = SERVING.matcher(read(out));
        if (m.find()) {
          return new ServeProcess(p, URI.create(m.group(1)), out, err);
        }
        if (!p.isAlive()) {
          throw new IllegalStateException("serve exited with " + p.exitValue() + " before serving:\n" + tail(out)
              + "\n" + tail(err));
        }
        Thread.sleep(100);
      }
      throw new IllegalStateException("serve did not say where it serves within 90 s:\n" + tail(out) + "\n" + tail(err));
    } catch (IOException | InterruptedException | RuntimeException e) {
      kill(p);
      throw e;
    }
  }

  /** The end of a log, for failure messages. */
  static String tail(Path file) {
    try {
      String s = read(file);
      return s.length() <= 4000 ? s : "…" + s.substring(s.length() - 4000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lenient: a log being written may end in the middle of a character. */
  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }

  /** What it printed so far. */
  String out() {
    try {
      return read(stdout);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String logs() {
    return "--- stdout\n" + tail(stdout) + "\n--- stderr\n" + tail(stderr);
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
  void kill() throws InterruptedException {
    kill(process);
  }

  private static void kill(Process p) throws InterruptedException {
    if (p.isAlive()) {
      p.destroyForcibly();
    }
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("serve process " + p.pid() + " still alive 30 s after SIGKILL");
    }
  }

  /** Kills the process if it still runs (SIGKILL). */
  @Override
  public void close() {
    try {
      kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
