package io.ringbreaker.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress line on a terminal, rewritten in place at most a few times a second. Nothing is
 * printed when the output is not a terminal (CI logs, pipes).
 */
final class ProgressLine {
  private final PrintStream out;
  private final boolean enabled;
  private long lastNanos;
  private int lastLength;

  ProgressLine(PrintStream out) {
    this.out = out;
    this.enabled = isTerminal();
  }

  /** JDK 22+ returns a console even when output is redirected; ask it (by reflection on 21). */
  private static boolean isTerminal() {
    java.io.Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  void show(String text) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastNanos < 200_000_000L) {
      return;
    }
    lastNanos = now;
    String padded = text.length() < lastLength ? text + " ".repeat(lastLength - text.length()) : text;
    lastLength = text.length();
    out.print("\r" + padded);
    out.flush();
  }

  void done() {
    if (enabled && lastLength > 0) {
      out.print("\r" + " ".repeat(lastLength) + "\r");
      out.flush();
    }
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    double v = n;
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
