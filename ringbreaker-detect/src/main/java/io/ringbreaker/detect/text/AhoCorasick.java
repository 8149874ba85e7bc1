package io.ringbreaker.detect.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds every occurrence of a fixed set of strings in one pass over a text (Aho–Corasick). Nodes
 * keep their edges as small sorted arrays, so a 10,000-term automaton stays a few megabytes.
 * Immutable once built; safe to share between threads.
 */
final class AhoCorasick {

  /** An occurrence of pattern {@code pattern} (its index in the build list) at {@code [start, end)}. */
  record Hit(int pattern, int start, int end) {}

  private char[][] keys = new char[16][];
  private int[][] targets = new int[16][];
  private int[] edgeCount = new int[16];
  private int[] fail;
  private int[][] outputs = new int[16][]; // patterns ending here, own and by failure links
  private final int[] lengths;
  private int nodes = 1;

  AhoCorasick(List<String> patterns) {
    lengths = new int[patterns.size()];
    for (int p = 0; p < patterns.size(); p++) {
      String s = patterns.get(p);
      lengths[p] = s.length();
      int node = 0;
      for (int i = 0; i < s.length(); i++) {
        int next = next(node, s.charAt(i));
        if (next < 0) {
          next = addEdge(node, s.charAt(i));
        }
        node = next;
      }
      outputs[node] = append(outputs[node], p);
    }
    fail = new int[nodes];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int e = 0; e < edgeCount[0]; e++) {
      int child = targets[0][e];
      fail[child] = 0;
      queue.add(child);
    }
    while (!queue.isEmpty()) {
      int node = queue.poll();
      for (int e = 0; e < edgeCount[node]; e++) {
        char c = keys[node][e];
        int child = targets[node][e];
        int f = fail[node];
        int t;
        while ((t = next(f, c)) < 0 && f != 0) {
          f = fail[f];
        }
        fail[child] = t >= 0 && t != child ? t : 0;
        if (outputs[fail[child]] != null) {
          int[] merged = outputs[child] == null ? outputs[fail[child]].clone() : concat(outputs[child], outputs[fail[child]]);
          outputs[child] = merged;
        }
        queue.add(child);
      }
    }
  }

  /** Every occurrence in {@code text}, ordered by end offset. */
  List<Hit> find(CharSequence text) {
    List<Hit> out = new ArrayList<>(2);
    int node = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int t;
      while ((t = next(node, c)) < 0 && node != 0) {
        node = fail[node];
      }
      node = t < 0 ? 0 : t;
      int[] o = outputs[node];
      if (o != null) {
        for (int p : o) {
          out.add(new Hit(p, i + 1 - lengths[p], i + 1));
        }
      }
    }
    return out;
  }

  private int next(int node, char c) {
    char[] k = keys[node];
    if (k == null) {
      return -1;
    }
    int n = edgeCount[node];
    if (n <= 8) {
      for (int i = 0; i < n; i++) {
        if (k[i] == c) {
          return targets[node][i];
        }
      }
      return -1;
    }
    int i = Arrays.binarySearch(k, 0, n, c);
    return i >= 0 ? targets[node][i] : -1;
  }

  private int addEdge(int node, char c) {
    if (nodes == keys.length) {
      int cap = nodes * 2;
      keys = Arrays.copyOf(keys, cap);
      targets = Arrays.copyOf(targets, cap);
      edgeCount = Arrays.copyOf(edgeCount, cap);
      outputs = Arrays.copyOf(outputs, cap);
    }
    int child = nodes++;
    int n = edgeCount[node];
    if (keys[node] == null) {
      keys[node] = new char[2];
      targets[node] = new int[2];
    } else if (n == keys[node].length) {
      keys[node] = Arrays.copyOf(keys[node], n * 2);
      targets[node] = Arrays.copyOf(targets[node], n * 2);
    }
    // keep edges sorted so large fan-outs can binary-search
    int at = n;
    while (at > 0 && keys[node][at - 1] > c) {
      keys[node][at] = keys[node][at - 1];
      targets[node][at] = targets[node][at - 1];
      at--;
    }
    keys[node][at] = c;
    targets[node][at] = child;
    edgeCount[node] = n + 1;
    return child;
  }

  private static int[] append(int[] a, int v) {
    if (a == null) {
      return new int[] {v};
    }
    int[] b = Arrays.copyOf(a, a.length + 1);
    b[a.length] = v;
    return b;
  }

  private static int[] concat(int[] a, int[] b) {
    int[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
