package io.ringbreaker.sim;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The disguised spellings of the listed tag a ring uses, one seed's worth: every kind of disguise
 * the field has seen (digits for letters, separators, repeated letters, full-width letters,
 * Cyrillic and Greek look-alikes, invisible characters, decorations, case), with the letters and
 * positions drawn from the seed.
 */
final class Disguises {
  private Disguises() {}

  private static final char[][] LEET = {{'o', '0'}, {'i', '1'}, {'l', '1'}, {'s', '5'}, {'b', '8'}};
  /** Latin letter, Cyrillic look-alike. */
  private static final char[][] CYRILLIC = {{'o', '\u043E'}, {'p', '\u0440'}, {'x', '\u0445'}, {'i', '\u0456'},
      {'s', '\u0455'}, {'k', '\u043A'}};
  /** Latin letter, Greek look-alike. */
  private static final char[][] GREEK = {{'o', '\u03BF'}, {'p', '\u03C1'}, {'k', '\u03BA'}, {'i', '\u03B9'},
      {'x', '\u03C7'}};
  private static final char[] INVISIBLE = {'\u200B', '\u200B', '\u200C', '\u200D', '\u2060'};
  private static final String[] PREFIXES = {"trade", "new", "real", "the"};
  private static final String[] SUFFIXES = {"2019", "4trade", "xx", "club", "only", "_new"};

  /** The seed's disguises of {@code tag}, each kind at least once, no two equal. */
  static List<Truth.Disguise> of(String tag, long seed) {
    Rng r = Rng.of(seed, "disguises", 0);
    Set<String> seen = new LinkedHashSet<>();
    seen.add(tag);
    List<Truth.Disguise> out = new ArrayList<>();
    // Each kind twice, with different draws; a draw equal to an earlier one is skipped.
    for (int round = 0; round < 2; round++) {
      add(out, seen, "leet", substitute(tag, LEET, r, 1 + r.nextInt(3)));
      String sep = round == 0 ? "_" : r.chance(0.5) ? "." : "-";
      add(out, seen, "separator", separate(tag, sep, r));
      add(out, seen, "repeat", repeat(tag, r));
      add(out, seen, "homoglyph", substitute(tag, round == 0 ? CYRILLIC : GREEK, r, 1 + r.nextInt(2)));
      add(out, seen, "zero_width", invisible(tag, r));
      add(out, seen, "decoration", r.chance(0.4) ? r.pick(PREFIXES) + tag : tag + r.pick(SUFFIXES));
      add(out, seen, "case", cased(tag, r, round));
    }
    add(out, seen, "fullwidth", fullWidth(tag));
    // Two kinds at once, as seen in the field: digits plus a separator.
    add(out, seen, "leet", separate(substitute(tag, LEET, r, 2), "_", r));
    return List.copyOf(out);
  }

  private static void add(List<Truth.Disguise> out, Set<String> seen, String kind, String spelling) {
    if (seen.add(spelling)) {
      out.add(new Truth.Disguise(spelling, kind));
    }
  }

  /** Replaces {@code n} of the letters that have a look-alike in {@code table}. */
  static String substitute(String tag, char[][] table, Rng r, int n) {
    char[] c = tag.toCharArray();
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < c.length; i++) {
      if (lookup(table, c[i]) != 0) {
        candidates.add(i);
      }
    }
    for (int k = 0; k < n && !candidates.isEmpty(); k++) {
      int i = candidates.remove(r.nextInt(candidates.size()));
      c[i] = lookup(table, c[i]);
    }
    return new String(c);
  }

  private static char lookup(char[][] table, char ch) {
    for (char[] pair : table) {
      if (pair[0] == ch) {
        return pair[1];
      }
    }
    return 0;
  }

  /** For {@code dropboxlinks}: drop_box_links or dropbox_links (word boundaries are where words start). */
  static String separate(String tag, String sep, Rng r) {
    List<Integer> cuts = wordCuts(tag);
    if (cuts.isEmpty()) {
      cuts = List.of(tag.length() / 2);
    }
    StringBuilder sb = new StringBuilder(tag);
    boolean all = r.chance(0.6);
    int chosen = r.nextInt(cuts.size());
    for (int k = cuts.size() - 1; k >= 0; k--) {
      if (all || k == chosen) {
        sb.insert(cuts.get(k), sep);
      }
    }
    return sb.toString();
  }

  /** Word starts of the listed tag; a plain split in thirds for any other tag. */
  private static List<Integer> wordCuts(String tag) {
    if (tag.equals(Texts.LISTED_TAG)) {
      return List.of(4, 7); // drop|box|links
    }
    return List.of(tag.length() / 3, 2 * tag.length() / 3);
  }

  static String repeat(String tag, Rng r) {
    StringBuilder sb = new StringBuilder(tag);
    int n = 1 + r.nextInt(2);
    for (int k = 0; k < n; k++) {
      int i = r.nextInt(sb.length());
      sb.insert(i, sb.charAt(i));
    }
    if (r.chance(0.5)) {
      sb.append(sb.charAt(sb.length() - 1));
    }
    return sb.toString();
  }

  static String invisible(String tag, Rng r) {
    StringBuilder sb = new StringBuilder(tag);
    int n = 1 + r.nextInt(2);
    for (int k = 0; k < n; k++) {
      sb.insert(1 + r.nextInt(sb.length() - 1), INVISIBLE[r.nextInt(INVISIBLE.length)]);
    }
    return sb.toString();
  }

  static String fullWidth(String tag) {
    StringBuilder sb = new StringBuilder(tag.length());
    for (int i = 0; i < tag.length(); i++) {
      char c = tag.charAt(i);
      sb.append(c >= '!' && c <= '~' ? (char) (c - '!' + '\uFF01') : c);
    }
    return sb.toString();
  }

  static String cased(String tag, Rng r, int round) {
    if (round == 0) {
      // Word capitals: DropBoxLinks.
      StringBuilder sb = new StringBuilder(tag);
      sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
      for (int cut : wordCuts(tag)) {
        sb.setCharAt(cut, Character.toUpperCase(sb.charAt(cut)));
      }
      return sb.toString();
    }
    if (r.chance(0.5)) {
      return tag.toUpperCase(Locale.ROOT);
    }
    StringBuilder sb = new StringBuilder(tag);
    for (int i = 0; i < sb.length(); i += 2) {
      sb.setCharAt(i, Character.toUpperCase(sb.charAt(i)));
    }
    return sb.toString();
  }
}
