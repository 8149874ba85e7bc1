package io.ringbreaker.server.visual;

import java.util.Arrays;

/**
 * Fruchterman–Reingold force-directed layout, deterministic: the same graph gives the same
 * positions on every machine. Nodes repel as k²/d, tied nodes attract as d²/k scaled by the tie's
 * weight, a weak pull to the centre keeps untied members in the picture, and the temperature
 * (the most a node may move in one step) cools linearly over a fixed number of iterations.
 * Starting places come from a fixed-seed splitmix64 and only {@code +-*}/sqrt are used in the
 * loop (all exact in IEEE 754), so nothing depends on the JVM's Math intrinsics.
 * O(n²) per iteration: meant for the ≤ 200 nodes {@link RingGraph} draws.
 */
final class Layout {
  static final int ITERATIONS = 300;
  static final long SEED = 0x5EED_0F_2019L;

  private Layout() {}

  /**
   * @param n       node count
   * @param edges   pairs {@code [i, j]} of node indexes
   * @param weights one per edge, > 0; scaled so the heaviest attracts twice as hard as the lightest
   * @return {@code [x0, y0, x1, y1, …]} in the unit square [0, 1]², the drawing fitted to it
   */
  static double[] place(int n, int[][] edges, double[] weights) {
    double[] pos = new double[2 * n];
    if (n == 0) {
      return pos;
    }
    if (n == 1) {
      pos[0] = 0.5;
      pos[1] = 0.5;
      return pos;
    }
    long state = SEED;
    for (int i = 0; i < 2 * n; i++) {
      state += 0x9E3779B97F4A7C15L;
      long z = state;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      z ^= z >>> 31;
      pos[i] = (z >>> 11) * 0x1.0p-53; // uniform in [0, 1)
    }
    double max = Arrays.stream(weights).max().orElse(1);
    double k = Math.sqrt(1.0 / n);
    double[] disp = new double[2 * n];
    double t0 = 0.1;
    for (int it = 0; it < ITERATIONS; it++) {
      Arrays.fill(disp, 0);
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          double dx = pos[2 * i] - pos[2 * j];
          double dy = pos[2 * i + 1] - pos[2 * j + 1];
          double d2 = Math.max(dx * dx + dy * dy, 1e-9);
          double f = k * k / d2; // (k²/d) along the unit vector (dx/d, dy/d)
          disp[2 * i] += dx * f;
          disp[2 * i + 1] += dy * f;
          disp[2 * j] -= dx * f;
          disp[2 * j + 1] -= dy * f;
        }
      }
      for (int e = 0; e < edges.length; e++) {
        int i = edges[e][0];
        int j = edges[e][1];
        double dx = pos[2 * i] - pos[2 * j];
        double dy = pos[2 * i + 1] - pos[2 * j + 1];
        double d = Math.sqrt(dx * dx + dy * dy);
        double f = d / k * (1 + weights[e] / max); // (d²/k) along the unit vector
        disp[2 * i] -= dx * f;
        disp[2 * i + 1] -= dy * f;
        disp[2 * j] += dx * f;
        disp[2 * j + 1] += dy * f;
      }
      double t = t0 * (1 - (double) it / ITERATIONS);
      for (int i = 0; i < n; i++) {
        // Gravity: without it a member with no tie drifts off to the edge of the picture.
        disp[2 * i] += (0.5 - pos[2 * i]) * k * 2;
        disp[2 * i + 1] += (0.5 - pos[2 * i + 1]) * k * 2;
        double dx = disp[2 * i];
        double dy = disp[2 * i + 1];
        double len = Math.sqrt(dx * dx + dy * dy);
        if (len > 0) {
          double step = Math.min(len, t) / len;
          pos[2 * i] += dx * step;
          pos[2 * i + 1] += dy * step;
        }
      }
    }
    return fit(pos);
  }

  /** Scales and centres the drawing into [0, 1]², keeping its aspect. */
  private static double[] fit(double[] pos) {
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < pos.length; i += 2) {
      minX = Math.min(minX, pos[i]);
      maxX = Math.max(maxX, pos[i]);
      minY = Math.min(minY, pos[i + 1]);
      maxY = Math.max(maxY, pos[i + 1]);
    }
    double span = Math.max(Math.max(maxX - minX, maxY - minY), 1e-9);
    double offX = (1 - (maxX - minX) / span) / 2;
    double offY = (1 - (maxY - minY) / span) / 2;
    double[] out = new double[pos.length];
    for (int i = 0; i < pos.length; i += 2) {
      out[i] = offX + (pos[i] - minX) / span;
      out[i + 1] = offY + (pos[i + 1] - minY) / span;
    }
    return out;
  }
}
