package io.ringbreaker.detect.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds hashtags in text in any script: {@code #} (or full-width {@code ＃}) followed by letters,
 * marks, digits, underscores and the invisible joiners people hide inside tags. A {@code #} inside
 * a word or a URL ({@code mega.nz/folder/x#key}) does not start a tag, and a tag needs a letter.
 */
public final class Hashtags {

  /** Longer runs are cut here; the contract's id limit. */
  public static final int MAX_TAG_CHARS = 256;
  /** Tags taken from one text at most; the rest are ignored (10,000 tags in one post stays cheap). */
  public static final int MAX_TAGS_PER_TEXT = 1_000;

  /** A tag found in text: as written (without {@code #}) and where, in UTF-16 offsets of the text. */
  public record Found(String raw, int start, int end) {
    /** The spelling as used, case-folded: the key of {@code hashtags.jsonl}. */
    public String folded() {
      return fold(raw);
    }
  }

  private Hashtags() {}

  public static List<Found> find(String text) {
    List<Found> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n && out.size() < MAX_TAGS_PER_TEXT) {
      char c = text.charAt(i);
      if ((c == '#' || c == '＃') && startsTag(text, i)) {
        int j = i + 1;
        boolean letter = false;
        while (j < n) {
          int cp = text.codePointAt(j);
          if (!isTagPart(cp)) {
            break;
          }
          letter |= Character.isLetter(cp);
          j += Character.charCount(cp);
        }
        if (letter && j - (i + 1) <= MAX_TAG_CHARS) {
          out.add(new Found(text.substring(i + 1, j), i, j));
        }
        i = Math.max(j, i + 1);
      } else {
        i++;
      }
    }
    return out;
  }

  /** Case-folds a tag as given by a platform or found in text; strips a leading {@code #}. */
  public static String fold(String tag) {
    String t = tag.startsWith("#") || tag.startsWith("＃") ? tag.substring(1) : tag;
    return t.toLowerCase(Locale.ROOT);
  }

  private static boolean startsTag(String text, int i) {
    if (i == 0) {
      return true;
    }
    int prev = text.codePointBefore(i);
    return !(isTagPart(prev) || prev == '/' || prev == '&' || prev == '#' || prev == '=' || prev == '?');
  }

  static boolean isTagPart(int cp) {
    if (cp == '_' || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF) {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
           Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
           Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
           Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
      default -> false;
    };
  }
}
