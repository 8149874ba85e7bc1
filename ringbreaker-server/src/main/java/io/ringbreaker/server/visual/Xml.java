package io.ringbreaker.server.visual;

/**
 * Text for SVG/XML, made inert. Handles and ids are written by whoever runs the account, so every
 * one goes through {@link #text}: markup characters become entities, and characters that would
 * either break the document (XML 1.0 forbids most controls; one bad char and the browser shows no
 * picture at all) or deceive the reviewer (bidi overrides that reverse what follows, zero-width
 * characters that make two handles look alike) are shown as a visible {@code [U+XXXX]} instead.
 */
final class Xml {
  private Xml() {}

  /** Escaped for both element text and a double- or single-quoted attribute value. */
  static String text(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int n = Character.charCount(cp);
      if (n == 1 && Character.isSurrogate((char) cp)) {
        b.append('\uFFFD'); // a lone surrogate: not a character XML can carry
      } else if (shownAsCode(cp)) {
        b.append("[U+").append(String.format(java.util.Locale.ROOT, "%04X", cp)).append(']');
      } else {
        switch (cp) {
          case '<' -> b.append("&lt;");
          case '>' -> b.append("&gt;");
          case '&' -> b.append("&amp;");
          case '"' -> b.append("&quot;");
          case '\'' -> b.append("&#39;");
          default -> b.appendCodePoint(cp);
        }
      }
      i += n;
    }
    return b.toString();
  }

  /** At most {@code max} code points of {@code s}, with an ellipsis when cut (before escaping). */
  static String cut(String s, int max) {
    if (s.codePointCount(0, s.length()) <= max) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
  }

  /**
   * Controls (C0, C1, DEL), format characters that reorder or hide text (bidi embeddings,
   * overrides and isolates, marks, zero-width space/joiners, word joiner, BOM, and the rest of
   * Unicode's Cf category), line/paragraph separators, and the non-characters U+FFFE/U+FFFF.
   */
  static boolean shownAsCode(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR || cp == 0xFFFE || cp == 0xFFFF;
  }
}
