package io.ringbreaker.detect.text;

import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.TagState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The matching structures of one {@link Lexicon} snapshot, over the terms' normalised forms. */
final class LexiconIndex {

  /** Cores tried for a near match per tag at most (decoration can be cut in several ways). */
  private static final int MAX_CORES = 16;

  private static final String[] DECORATIONS = loadDecorations();
  /** Decoration words by first letter (folded words are ASCII but for odd entries, which are skipped). */
  private static final String[][] DECORATIONS_BY_FIRST = byFirst(DECORATIONS);

  private final Map<String, LexiconTerm> byNormalized;
  private final String[] patterns;
  private final LexiconTerm[] patternTerms;
  private final AhoCorasick automaton;
  /** Each term's normalised form and its one-deletion neighbours, to the terms (near matching). */
  private final Map<String, int[]> deletions = new HashMap<>();
  /** No core longer than this can be near a term. */
  private final int longestNear;

  LexiconIndex(Map<String, LexiconTerm> byNormalized) {
    this.byNormalized = byNormalized;
    List<String> keys = new ArrayList<>(byNormalized.keySet());
    keys.sort(null); // a stable order: equal inputs give equal answers
    patterns = keys.toArray(String[]::new);
    patternTerms = new LexiconTerm[patterns.length];
    int longest = 0;
    for (int p = 0; p < patterns.length; p++) {
      longest = Math.max(longest, patterns[p].length() + maxDistance(patterns[p].length()));
      patternTerms[p] = byNormalized.get(patterns[p]);
      if (maxDistance(patterns[p].length()) > 0) {
        Set<String> keysOfP = new LinkedHashSet<>();
        keysOfP.add(patterns[p]);
        deleteOne(patterns[p], keysOfP);
        for (String k : keysOfP) {
          deletions.merge(k, new int[] {p}, LexiconIndex::concat);
        }
      }
    }
    longestNear = longest;
    automaton = new AhoCorasick(keys);
  }

  /** The edit distance a near match may have, scaled with the term's normalised length. */
  static int maxDistance(int termLength) {
    return termLength < 5 ? 0 : termLength < 10 ? 1 : 2;
  }

  Optional<Lexicon.Match> match(TagNormalizer.Normalized tag) {
    List<TagNormalizer.Normalized> variants = tag.variants();
    for (TagNormalizer.Normalized v : variants) {
      LexiconTerm t = byNormalized.get(v.text());
      if (t != null) {
        return Optional.of(new Lexicon.Match(t, "normalized"));
      }
    }
    List<List<AhoCorasick.Hit>> hitsPerVariant = new ArrayList<>(variants.size());
    List<Edges> edgesPerVariant = new ArrayList<>(variants.size());
    LexiconTerm decorated = null;
    int decoratedLength = -1;
    for (TagNormalizer.Normalized v : variants) {
      List<AhoCorasick.Hit> hits = automaton.find(v.text());
      hitsPerVariant.add(hits);
      Edges edges = Edges.of(v);
      edgesPerVariant.add(edges);
      for (AhoCorasick.Hit h : hits) {
        LexiconTerm t = patternTerms[h.pattern()];
        if (t.state() == TagState.ALLOWED || suppressed(hits, h)
            || !edges.head[h.start()] || !edges.tail[h.end()]) {
          continue;
        }
        int len = h.end() - h.start();
        if (len > decoratedLength || len == decoratedLength && Lexicon.stronger(t, decorated) == t) {
          decorated = t;
          decoratedLength = len;
        }
      }
    }
    if (decorated != null) {
      return Optional.of(new Lexicon.Match(decorated, "decorated"));
    }
    return near(variants, hitsPerVariant, edgesPerVariant);
  }

  private Optional<Lexicon.Match> near(List<TagNormalizer.Normalized> variants,
                                       List<List<AhoCorasick.Hit>> hitsPerVariant, List<Edges> edgesPerVariant) {
    LexiconTerm best = null;
    int bestDistance = Integer.MAX_VALUE;
    int bestCore = 0;
    for (int vi = 0; vi < variants.size(); vi++) {
      TagNormalizer.Normalized v = variants.get(vi);
      List<AhoCorasick.Hit> hits = hitsPerVariant.get(vi);
      for (int[] core : cores(v, edgesPerVariant.get(vi))) {
        if (core[1] - core[0] > longestNear) {
          continue;
        }
        String c = v.text().substring(core[0], core[1]);
        Set<String> probes = new LinkedHashSet<>();
        probes.add(c);
        deleteOne(c, probes);
        for (String probe : probes) {
          int[] ps = deletions.get(probe);
          if (ps == null) {
            continue;
          }
          for (int p : ps) {
            LexiconTerm t = patternTerms[p];
            // a term spelled out inside a longer ordinary word is not a disguise of it
            if (t.state() != TagState.ALLOWED && contains(hits, p)) {
              continue;
            }
            int max = maxDistance(patterns[p].length());
            int d = boundedLevenshtein(c, patterns[p], max);
            if (d > max) {
              continue;
            }
            // nearest first, then the one explaining more of the tag, then allowed, then stricter
            int coreLength = c.length();
            if (best == null || d < bestDistance
                || d == bestDistance && (coreLength > bestCore
                    || coreLength == bestCore && (t.state() == TagState.ALLOWED
                        || best.state() != TagState.ALLOWED && Lexicon.stronger(t, best) == t))) {
              best = t;
              bestDistance = d;
              bestCore = coreLength;
            }
          }
        }
      }
    }
    if (best == null || best.state() == TagState.ALLOWED) {
      return Optional.empty(); // near an allowed term is no opinion at all, not "allowed"
    }
    return Optional.of(new Lexicon.Match(best, "near"));
  }

  List<Lexicon.Found> find(String text) {
    TagNormalizer.Normalized n = TagNormalizer.normalize(text);
    List<AhoCorasick.Hit> hits = automaton.find(n.text());
    List<Lexicon.Found> out = new ArrayList<>();
    int lastEnd = -1;
    for (AhoCorasick.Hit h : hits) {
      LexiconTerm t = patternTerms[h.pattern()];
      if (t.state() == TagState.ALLOWED || suppressed(hits, h)) {
        continue;
      }
      int start = n.rawStart(h.start());
      int end = n.rawEnd(h.end() - 1);
      if (start < lastEnd || !wordEdge(text, start - 1) || !wordEdge(text, end)) {
        continue;
      }
      String raw = Hashtags.fold(text.substring(start, end));
      out.add(new Lexicon.Found(t, raw.equals(t.term()) ? "exact" : "normalized", start, end));
      lastEnd = end;
    }
    return out;
  }

  private static boolean wordEdge(String text, int i) {
    if (i < 0 || i >= text.length()) {
      return true;
    }
    char c = text.charAt(i);
    return c != '_' && !Character.isLetterOrDigit(c) && !Character.isSurrogate(c);
  }

  /** An allowed term found overlapping a listed hit and reaching beyond it takes the hit away. */
  private boolean suppressed(List<AhoCorasick.Hit> hits, AhoCorasick.Hit h) {
    for (AhoCorasick.Hit a : hits) {
      if (patternTerms[a.pattern()].state() == TagState.ALLOWED
          && a.start() < h.end() && h.start() < a.end()
          && (a.start() < h.start() || a.end() > h.end())) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(List<AhoCorasick.Hit> hits, int pattern) {
    for (AhoCorasick.Hit h : hits) {
      if (h.pattern() == pattern) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where decoration can end at the start of the folded tag and begin at its end: {@code head[p]}
   * when {@code [0, p)} is nothing but decoration, {@code tail[q]} when {@code [q, n)} is. Decoration
   * is raw digit runs and decoration words. Collapsing runs may have merged a word's first letter into
   * the character before it (links + sale → linksale) or its last into the character after it
   * (new + wxyz → newxyz), so a shared letter counts.
   */
  record Edges(boolean[] head, boolean[] tail) {
    static Edges of(TagNormalizer.Normalized v) {
      String s = v.text();
      int n = s.length();
      boolean[] head = new boolean[n + 1];
      head[0] = true;
      for (int i = 0; i < n; i++) {
        if (!head[i]) {
          continue;
        }
        if (v.fromDigit(i)) {
          head[i + 1] = true;
        }
        for (String w : startingWith(s.charAt(i))) {
          if (s.startsWith(w, i)) {
            head[i + w.length()] = true;
          }
        }
        if (i > 0) { // the word's first letter merged into the character before
          for (String w : startingWith(s.charAt(i - 1))) {
            int k = w.length();
            if (k > 1 && i + k - 1 <= n && s.regionMatches(i, w, 1, k - 1)) {
              head[i + k - 1] = true;
            }
          }
        }
        for (String w : startingWith(s.charAt(i))) { // its last letter merged into the next
          int k = w.length();
          if (k > 1 && i + k - 1 < n && w.charAt(k - 1) == s.charAt(i + k - 1) && s.regionMatches(i, w, 0, k - 1)) {
            head[i + k - 1] = true;
          }
        }
      }
      boolean[] tail = new boolean[n + 1];
      tail[n] = true;
      for (int q = n - 1; q >= 0; q--) {
        if (v.fromDigit(q) && tail[q + 1]) {
          tail[q] = true;
          continue;
        }
        for (String w : startingWith(s.charAt(q))) {
          if (s.startsWith(w, q) && tail[q + w.length()]) {
            tail[q] = true;
            break;
          }
        }
        if (!tail[q] && q > 0) {
          for (String w : startingWith(s.charAt(q - 1))) {
            int k = w.length();
            if (k > 1 && q + k - 1 <= n && tail[q + k - 1] && s.regionMatches(q, w, 1, k - 1)) {
              tail[q] = true;
              break;
            }
          }
        }
      }
      return new Edges(head, tail);
    }
  }

  private static final String[] NONE = new String[0];

  private static String[] startingWith(char c) {
    return c < DECORATIONS_BY_FIRST.length ? DECORATIONS_BY_FIRST[c] : NONE;
  }

  /** The tag, and the tag with decoration cut from its start, its end or both: near-match candidates. */
  private static List<int[]> cores(TagNormalizer.Normalized v, Edges edges) {
    int n = v.length();
    List<int[]> out = new ArrayList<>();
    for (int p = 0; p < n && out.size() < MAX_CORES; p++) {
      if (!edges.head[p]) {
        continue;
      }
      for (int q = n; q - p >= 5 && out.size() < MAX_CORES; q--) {
        if (edges.tail[q]) {
          out.add(new int[] {p, q});
        }
      }
    }
    return out;
  }

  /** Each one-character deletion, also with the run it may create collapsed as normalising would. */
  private static void deleteOne(String s, Set<String> into) {
    for (int i = 0; i < s.length(); i++) {
      if (i > 0 && s.charAt(i) == s.charAt(i - 1)) {
        continue; // same string as deleting the previous character
      }
      into.add(s.substring(0, i) + s.substring(i + 1));
      if (i > 0 && i + 1 < s.length() && s.charAt(i - 1) == s.charAt(i + 1)) {
        into.add(s.substring(0, i) + s.substring(i + 2));
      }
    }
  }

  /** Levenshtein distance, or {@code max + 1} as soon as it must exceed {@code max}. */
  static int boundedLevenshtein(String a, String b, int max) {
    int n = a.length();
    int m = b.length();
    if (Math.abs(n - m) > max) {
      return max + 1;
    }
    int[] prev = new int[m + 1];
    int[] cur = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= n; i++) {
      cur[0] = i;
      int rowMin = cur[0];
      char ca = a.charAt(i - 1);
      for (int j = 1; j <= m; j++) {
        int cost = ca == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (rowMin > max) {
        return max + 1;
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return Math.min(prev[m], max + 1);
  }

  private static int[] concat(int[] a, int[] b) {
    int[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static String[][] byFirst(String[] words) {
    String[][] out = new String[128][];
    for (int c = 0; c < 128; c++) {
      List<String> ws = new ArrayList<>();
      for (String w : words) {
        if (w.charAt(0) == c) {
          ws.add(w);
        }
      }
      out[c] = ws.toArray(String[]::new);
    }
    return out;
  }

  private static String[] loadDecorations() {
    Set<String> out = new LinkedHashSet<>();
    try (InputStream in = LexiconIndex.class.getResourceAsStream("decorations.txt")) {
      if (in == null) {
        throw new IllegalStateException("resource io/ringbreaker/detect/text/decorations.txt is missing");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#")) {
          String f = TagNormalizer.fold(l);
          if (!f.isEmpty()) {
            out.add(f);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading decorations.txt", e);
    }
    return out.toArray(String[]::new);
  }
}
