package io.ringbreaker.server.visual;

import java.util.Locale;

/** Numbers written the same way on every machine and locale, so the same input gives the same bytes. */
final class Svg {
  private Svg() {}

  static final String FONT = "font-family=\"system-ui,-apple-system,'Segoe UI',sans-serif\"";

  /** One decimal, a dot, no "-0.0". */
  static String num(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("not a finite coordinate: " + v);
    }
    String s = String.format(Locale.ROOT, "%.1f", v);
    if (s.endsWith(".0")) {
      s = s.substring(0, s.length() - 2);
    }
    return s.equals("-0") ? "0" : s;
  }

  /** The opening of a standalone SVG document with an accessible name and description. */
  static void open(StringBuilder b, int width, int height, String title, String desc) {
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" width=\"").append(width)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" role=\"img\" aria-labelledby=\"t d\" ").append(FONT).append(" font-size=\"12\">\n");
    b.append("<title id=\"t\">").append(Xml.text(title)).append("</title>\n");
    b.append("<desc id=\"d\">").append(Xml.text(desc)).append("</desc>\n");
    b.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
  }
}
