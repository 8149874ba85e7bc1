package io.ringbreaker.detect.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Folds a tag (or any text) to the form listed terms are compared in, keeping for every character of
 * the result the UTF-16 span of the raw text it came from. The steps run in this fixed order:
 *
 * <ol>
 *   <li>Unicode NFKC case-fold (ICU {@code Normalizer2.getNFKCCasefoldInstance()}): full-width and
 *       styled letters become plain, case goes.
 *   <li>Invisible and format characters are removed: general category Cf, default-ignorable code
 *       points (zero-width space/joiners, word joiner, BOM, bidi controls), variation selectors.
 *   <li>Confusable skeleton (UTS #39, ICU {@code SpoofChecker.getSkeleton}), then case-fold again
 *       because skeletons may map to other cases: Cyrillic and Greek look-alikes become Latin.
 *       Combining marks left over are dropped ({@code é} counts as {@code e}).
 *   <li>Digits and symbols used as letters: 0→o, 1→l or i (both are tried, see {@link
 *       Normalized#variants()}), 3→e, 4→a, 5→s, 7→t, 8→b, 9→g, @→a, $→s, !→i, |→l, +→t, €→e, and ƅ→b (the skeleton of
 *       Cyrillic ь is a Latin letter that itself looks like b).
 *   <li>Separators are dropped: {@code _ . - ·}, spaces and every other character that is not a
 *       letter or a digit.
 *   <li>Runs of one repeated character collapse to one ({@code dropppbox} → {@code dropbox}), but
 *       not across white space, so words of running text keep their letters.
 * </ol>
 *
 * <p>The same function folds terms and tags, so {@code m} (whose skeleton is {@code rn}) stays
 * comparable on both sides. Steps 1–5 work per code point with its following combining marks; the
 * result of a lone code point is cached, and ASCII uses a precomputed table.
 */
public final class TagNormalizer {

  /** The result character came from a raw digit (a year or a count in a decoration). */
  static final byte FROM_DIGIT = 1;
  /** The result character came from a {@code 1}, which may stand for {@code i} or {@code l}. */
  static final byte AMBIGUOUS_IL = 2;

  private static final int MAX_AMBIGUOUS_POSITIONS = 4;

  private static final Normalizer2 NFKC_CF = Normalizer2.getNFKCCasefoldInstance();
  private static final Normalizer2 NFD = Normalizer2.getNFDInstance();
  // Built once: building a SpoofChecker loads the confusables data; getSkeleton is read-only.
  private static final SpoofChecker SPOOF = new SpoofChecker.Builder().build();

  private record Piece(String out, byte flags) {}

  private static final Piece EMPTY = new Piece("", (byte) 0);
  private static final Piece[] ASCII = new Piece[128];
  private static final Piece[] BMP = new Piece[0x10000];
  private static final ConcurrentHashMap<Integer, Piece> ASTRAL = new ConcurrentHashMap<>();

  static {
    for (int c = 0; c < 128; c++) {
      ASCII[c] = fold(String.valueOf((char) c));
    }
  }

  private TagNormalizer() {}

  /** A folded text and, for each of its characters, the span of the raw text it came from. */
  public static final class Normalized {
    private final String raw;
    private final String text;
    private final int[] starts;
    private final int[] ends;
    private final byte[] flags;
    private final List<Normalized> variants;

    private Normalized(String raw, String text, int[] starts, int[] ends, byte[] flags, List<Normalized> variants) {
      this.raw = raw;
      this.text = text;
      this.starts = starts;
      this.ends = ends;
      this.flags = flags;
      this.variants = variants;
    }

    public String raw() {
      return raw;
    }

    /** The folded form. */
    public String text() {
      return text;
    }

    public int length() {
      return text.length();
    }

    /** Where the folded character at {@code i} starts in the raw text (UTF-16 offset). */
    public int rawStart(int i) {
      return starts[i];
    }

    /** Where the folded character at {@code i} ends in the raw text (UTF-16 offset, exclusive). */
    public int rawEnd(int i) {
      return ends[i];
    }

    /** The raw span {@code [rawStart(from), rawEnd(to - 1))} of the folded range {@code [from, to)}. */
    public int[] rawSpan(int from, int to) {
      if (from < 0 || to > text.length() || from >= to) {
        throw new IndexOutOfBoundsException("folded range [" + from + ", " + to + ") of length " + text.length());
      }
      return new int[] {starts[from], ends[to - 1]};
    }

    /** True when every raw character behind folded character {@code i} was a digit. */
    public boolean fromDigit(int i) {
      return (flags[i] & FROM_DIGIT) != 0;
    }

    /**
     * This form first, then the forms with each ambiguous {@code 1} read as {@code i} instead of
     * {@code l} (every combination for up to four of them, else all-{@code i}).
     */
    public List<Normalized> variants() {
      return variants;
    }
  }

  /** Folds {@code raw} through all steps; never fails, whatever the input. */
  public static Normalized normalize(String raw) {
    int n = raw.length();
    char[] out = new char[Math.max(4, n + 8)];
    int[] st = new int[out.length];
    int[] en = new int[out.length];
    byte[] fl = new byte[out.length];
    int len = 0;
    int i = 0;
    while (i < n) {
      char c = raw.charAt(i);
      Piece p;
      int end;
      if (c < 128 && (i + 1 >= n || raw.charAt(i + 1) < 0x300)) {
        p = ASCII[c];
        end = i + 1;
      } else {
        int cp = raw.codePointAt(i);
        end = i + Character.charCount(cp);
        int markEnd = end;
        while (markEnd < n) {
          int m = raw.codePointAt(markEnd);
          if (!isMark(m)) {
            break;
          }
          markEnd += Character.charCount(m);
        }
        if (markEnd == end) {
          p = cached(cp);
        } else {
          p = fold(raw.substring(i, markEnd));
          end = markEnd;
        }
      }
      String s = p.out;
      int k = s.length();
      if (len + k > out.length) {
        int cap = Math.max(out.length * 2, len + k);
        out = java.util.Arrays.copyOf(out, cap);
        st = java.util.Arrays.copyOf(st, cap);
        en = java.util.Arrays.copyOf(en, cap);
        fl = java.util.Arrays.copyOf(fl, cap);
      }
      for (int j = 0; j < k; j++) {
        out[len] = s.charAt(j);
        st[len] = i;
        en[len] = end;
        fl[len] = p.flags;
        len++;
      }
      i = end;
    }
    return withVariants(raw, out, st, en, fl, len);
  }

  private static Normalized withVariants(String raw, char[] out, int[] st, int[] en, byte[] fl, int len) {
    int[] amb = new int[MAX_AMBIGUOUS_POSITIONS + 1];
    int ambCount = 0;
    for (int j = 0; j < len && ambCount <= MAX_AMBIGUOUS_POSITIONS; j++) {
      if ((fl[j] & AMBIGUOUS_IL) != 0) {
        amb[ambCount++] = j;
      }
    }
    if (ambCount == 0) {
      return collapse(raw, out, st, en, fl, len, List.of());
    }
    List<Normalized> others = new ArrayList<>();
    if (ambCount <= MAX_AMBIGUOUS_POSITIONS) {
      for (int mask = 1; mask < (1 << ambCount); mask++) {
        char[] v = java.util.Arrays.copyOf(out, len);
        for (int b = 0; b < ambCount; b++) {
          if ((mask & (1 << b)) != 0) {
            v[amb[b]] = 'i';
          }
        }
        others.add(collapse(raw, v, st, en, fl, len, List.of()));
      }
    } else {
      char[] v = java.util.Arrays.copyOf(out, len);
      for (int j = 0; j < len; j++) {
        if ((fl[j] & AMBIGUOUS_IL) != 0) {
          v[j] = 'i';
        }
      }
      others.add(collapse(raw, v, st, en, fl, len, List.of()));
    }
    return collapse(raw, out, st, en, fl, len, others);
  }

  /** Step 6: a run of one character becomes one character spanning the whole run. */
  private static Normalized collapse(String raw, char[] c, int[] st, int[] en, byte[] fl, int len,
                                     List<Normalized> others) {
    char[] oc = new char[len];
    int[] os = new int[len];
    int[] oe = new int[len];
    byte[] of = new byte[len];
    int m = 0;
    for (int j = 0; j < len; j++) {
      if (m > 0 && oc[m - 1] == c[j] && !spaceBetween(raw, oe[m - 1], st[j])) {
        oe[m - 1] = en[j];
        of[m - 1] &= fl[j]; // digit-made only if every raw character of the run was a digit
        continue;
      }
      oc[m] = c[j];
      os[m] = st[j];
      oe[m] = en[j];
      of[m] = fl[j];
      m++;
    }
    List<Normalized> vs = new ArrayList<>(1 + others.size());
    Normalized self = new Normalized(raw, new String(oc, 0, m), java.util.Arrays.copyOf(os, m),
        java.util.Arrays.copyOf(oe, m), java.util.Arrays.copyOf(of, m), vs);
    vs.add(self);
    vs.addAll(others);
    return self;
  }

  /** Words in running text keep their own letters: "and dropbox" must not lose the d. */
  private static boolean spaceBetween(String raw, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.isWhitespace(raw.charAt(i)) || Character.isSpaceChar(raw.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** The folded form alone, for terms and decoration words. */
  public static String fold(CharSequence raw) {
    return normalize(raw.toString()).text();
  }

  private static Piece cached(int cp) {
    if (cp < 0x10000) {
      Piece p = BMP[cp];
      if (p == null) {
        // A benign race: two threads may compute the same immutable value.
        p = fold(new String(Character.toChars(cp)));
        BMP[cp] = p;
      }
      return p;
    }
    return ASTRAL.size() < 100_000
        ? ASTRAL.computeIfAbsent(cp, k -> fold(new String(Character.toChars(k))))
        : fold(new String(Character.toChars(cp)));
  }

  private static boolean isMark(int cp) {
    int t = Character.getType(cp);
    return t == Character.NON_SPACING_MARK || t == Character.ENCLOSING_MARK
        || t == Character.COMBINING_SPACING_MARK || UCharacter.hasBinaryProperty(cp, UProperty.VARIATION_SELECTOR);
  }

  private static boolean isInvisible(int cp) {
    return Character.getType(cp) == Character.FORMAT
        || UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
        || UCharacter.hasBinaryProperty(cp, UProperty.VARIATION_SELECTOR);
  }

  /** Steps 1 to 5 for one code point and its marks. */
  private static Piece fold(String chunk) {
    byte flags = 0;
    // An unpaired surrogate is not text: it folds to nothing.
    if (chunk.length() == 1 && Character.isSurrogate(chunk.charAt(0))) {
      return EMPTY;
    }
    String s = NFKC_CF.normalize(chunk);
    s = dropInvisible(s);
    if (s.isEmpty()) {
      return EMPTY;
    }
    int first = s.codePointAt(0);
    if (!Character.isLetterOrDigit(first) && asLetter(first) < 0) {
      return EMPTY; // a separator; its skeleton may hold letters (% is º/₀), which must not count
    }
    if (Character.isDigit(first)) {
      flags |= FROM_DIGIT;
      if (Character.digit(first, 10) == 1) {
        flags |= AMBIGUOUS_IL;
      }
    }
    // case-folding recomposes (o + ̈ → ö); decompose again so the marks can be dropped
    String skel = NFD.normalize(NFKC_CF.normalize(SPOOF.getSkeleton(s)));
    StringBuilder b = new StringBuilder(skel.length());
    for (int j = 0; j < skel.length(); ) {
      int cp = skel.codePointAt(j);
      j += Character.charCount(cp);
      int t = Character.getType(cp);
      if (t == Character.NON_SPACING_MARK || t == Character.ENCLOSING_MARK
          || t == Character.COMBINING_SPACING_MARK || isInvisible(cp)) {
        continue;
      }
      if (Character.isDigit(cp)) {
        cp = '0' + Character.digit(cp, 10);
      }
      int l = asLetter(cp);
      if (l >= 0) {
        b.append((char) l);
      } else if (Character.isLetterOrDigit(cp)) {
        b.appendCodePoint(cp);
      }
      // anything else is a separator: dropped
    }
    // The skeleton of the digit 1 is l; that it was a digit is kept in the flags.
    if ((flags & FROM_DIGIT) != 0 && b.isEmpty()) {
      flags = 0;
    }
    return new Piece(b.toString(), flags);
  }

  private static int asLetter(int cp) {
    return switch (cp) {
      case '0' -> 'o';
      case '1', '|' -> 'l';
      case '3', '€' -> 'e';
      case '4', '@' -> 'a';
      case '5', '$' -> 's';
      case '7', '+' -> 't';
      case '8', 'ƅ' -> 'b'; // ƅ: the skeleton of Cyrillic ь, itself a look-alike of b
      case '9' -> 'g';
      case '!' -> 'i';
      default -> -1;
    };
  }

  private static String dropInvisible(String s) {
    StringBuilder b = null;
    for (int j = 0; j < s.length(); ) {
      int cp = s.codePointAt(j);
      int w = Character.charCount(cp);
      if (isInvisible(cp)) {
        if (b == null) {
          b = new StringBuilder(s.length()).append(s, 0, j);
        }
      } else if (b != null) {
        b.appendCodePoint(cp);
      }
      j += w;
    }
    return b == null ? s : b.toString();
  }
}
