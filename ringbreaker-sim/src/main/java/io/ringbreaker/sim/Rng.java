package io.ringbreaker.sim;

import java.util.List;

/**
 * SplitMix64: tiny, fast, and the same sequence on every JVM (java.util.Random's contract is
 * too, but it is synchronised and slower). Each part of the scenario gets its own stream, keyed by
 * a name and an index, so changing one part does not shift the randomness of the others.
 */
final class Rng {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private long state;

  Rng(long seed) {
    this.state = seed;
  }

  /** The stream for one component (and, say, one day) of the scenario of {@code seed}. */
  static Rng of(long seed, String component, long index) {
    long h = seed * 0x9E3779B97F4A7C15L;
    for (int i = 0; i < component.length(); i++) {
      h = mix(h ^ component.charAt(i));
    }
    return new Rng(mix(h ^ mix(index + 0x632BE59BD9B4E019L)));
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  long nextLong() {
    return mix(state += 0x9E3779B97F4A7C15L);
  }

  /** Uniform in [0, bound). */
  int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    // Lemire's multiply-shift on 32 random bits; the bias is below 2^-32 per draw.
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** Uniform in [lo, hi]. */
  int between(int lo, int hi) {
    return lo + nextInt(hi - lo + 1);
  }

  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  boolean chance(double p) {
    return nextDouble() < p;
  }

  /** A Poisson count with mean {@code lambda} (Knuth; the means used here are small). */
  int poisson(double lambda) {
    if (lambda <= 0) {
      return 0;
    }
    double l = Math.exp(-lambda);
    int k = 0;
    double p = nextDouble();
    while (p > l) {
      k++;
      p *= nextDouble();
    }
    return k;
  }

  <T> T pick(T[] values) {
    return values[nextInt(values.length)];
  }

  <T> T pick(List<T> values) {
    return values.get(nextInt(values.size()));
  }

  void bytes(byte[] out) {
    for (int i = 0; i < out.length; i += 8) {
      long v = nextLong();
      for (int j = i; j < Math.min(i + 8, out.length); j++) {
        out[j] = (byte) v;
        v >>>= 8;
      }
    }
  }

  /** {@code n} random lower-case hex digits. */
  String hex(int n) {
    char[] c = new char[n];
    long v = 0;
    for (int i = 0; i < n; i++) {
      if ((i & 15) == 0) {
        v = nextLong();
      }
      c[i] = HEX[(int) (v & 15)];
      v >>>= 4;
    }
    return new String(c);
  }

  /** {@code n} characters drawn from {@code alphabet}. */
  String chars(String alphabet, int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = alphabet.charAt(nextInt(alphabet.length()));
    }
    return new String(c);
  }

  /** Fisher–Yates shuffle of an int array in place. */
  void shuffle(int[] a) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
