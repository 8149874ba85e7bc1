package io.ringbreaker.server.visual;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Charts as standalone SVG: {@link #line} for a tag's days (counts on the left axis, shares on the
 * right), {@link #bars} for a few counts. Same spec → same bytes.
 */
public final class Chart {
  static final int WIDTH = 860;
  static final int HEIGHT = 440;
  static final double LEFT = 70;
  static final double RIGHT = 790;
  static final double TOP = 60;
  static final double BOTTOM = 340;
  private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

  private Chart() {}

  /** The x of a day on a chart of {@code days} (the middle when there is only one day). */
  static double x(List<LocalDate> days, LocalDate day) {
    if (days.isEmpty()) {
      return (LEFT + RIGHT) / 2;
    }
    long first = days.getFirst().toEpochDay();
    long span = days.getLast().toEpochDay() - first;
    if (span == 0) {
      return (LEFT + RIGHT) / 2;
    }
    return LEFT + (RIGHT - LEFT) * (day.toEpochDay() - first) / span;
  }

  public static String line(ChartSpec spec) {
    List<LocalDate> days = spec.days();
    double maxCount = 0;
    boolean shares = false;
    for (ChartSpec.Series s : spec.series()) {
      if (s.axis() == ChartSpec.Axis.COUNT) {
        for (double v : s.values()) {
          maxCount = Math.max(maxCount, v);
        }
      } else {
        shares = true;
      }
    }
    double step = niceStep(maxCount);
    double top = Math.max(step, Math.ceil(maxCount / step) * step);

    StringBuilder b = new StringBuilder(16_384);
    Svg.open(b, WIDTH, HEIGHT, spec.title(), spec.description());
    b.append("<text x=\"").append(Svg.num(LEFT)).append("\" y=\"28\" font-size=\"16\" font-weight=\"600\" fill=\"#222\">")
        .append(Xml.text(Xml.cut(spec.title(), 100))).append("</text>\n");

    // Grid and the count axis (left).
    b.append("<g id=\"count-axis\" fill=\"#444\" text-anchor=\"end\">\n");
    for (int k = 0; k * step <= top + step / 2; k++) {
      double v = k * step; // counted, not summed, so no drift puts a tick off its value
      double y = yOf(v, top);
      b.append("<line x1=\"").append(Svg.num(LEFT)).append("\" y1=\"").append(Svg.num(y)).append("\" x2=\"")
          .append(Svg.num(RIGHT)).append("\" y2=\"").append(Svg.num(y)).append("\" stroke=\"#e5e8e8\"/>")
          .append("<text x=\"").append(Svg.num(LEFT - 8)).append("\" y=\"").append(Svg.num(y + 4)).append("\">")
          .append(count(v)).append("</text>\n");
    }
    b.append("<text transform=\"translate(").append(Svg.num(LEFT - 52)).append(' ').append(Svg.num((TOP + BOTTOM) / 2))
        .append(") rotate(-90)\" text-anchor=\"middle\">count per day</text>\n</g>\n");
    if (shares) {
      b.append("<g id=\"share-axis\" fill=\"#444\">\n");
      for (int p = 0; p <= 100; p += 25) {
        double y = yOf(p / 100.0, 1);
        b.append("<text x=\"").append(Svg.num(RIGHT + 8)).append("\" y=\"").append(Svg.num(y + 4)).append("\">")
            .append(p).append("%</text>\n");
      }
      b.append("<text transform=\"translate(").append(Svg.num(RIGHT + 58)).append(' ').append(Svg.num((TOP + BOTTOM) / 2))
          .append(") rotate(90)\" text-anchor=\"middle\">share</text>\n</g>\n");
    }
    b.append("<path d=\"M").append(Svg.num(LEFT)).append(' ').append(Svg.num(TOP)).append("V").append(Svg.num(BOTTOM))
        .append("H").append(Svg.num(RIGHT)).append(shares ? "V" + Svg.num(TOP) : "")
        .append("\" fill=\"none\" stroke=\"#555\"/>\n");

    // Dates (x axis): calendar days at an even step (1, 2, 7, 14 or 28 days…), about eight
    // labels at most; the year under the first and where it changes.
    b.append("<g id=\"date-axis\" fill=\"#444\" text-anchor=\"middle\">\n");
    long span = days.isEmpty() ? 0 : days.getLast().toEpochDay() - days.getFirst().toEpochDay();
    long every = 1;
    for (long candidate : new long[] {1, 2, 7, 14, 28, 56, 91, 182, 364}) {
      every = candidate;
      if (span / candidate < 8) {
        break;
      }
    }
    every = Math.max(every, (span + 7) / 8);
    int lastYear = Integer.MIN_VALUE;
    for (long k = 0; !days.isEmpty() && k * every <= span; k++) {
      LocalDate d = days.getFirst().plusDays(k * every);
      double x = x(days, d);
      b.append("<line x1=\"").append(Svg.num(x)).append("\" y1=\"").append(Svg.num(BOTTOM)).append("\" x2=\"")
          .append(Svg.num(x)).append("\" y2=\"").append(Svg.num(BOTTOM + 5)).append("\" stroke=\"#555\"/>")
          .append("<text x=\"").append(Svg.num(x)).append("\" y=\"").append(Svg.num(BOTTOM + 19)).append("\">")
          .append(MONTH_DAY.format(d)).append("</text>");
      if (d.getYear() != lastYear) {
        b.append("<text x=\"").append(Svg.num(x)).append("\" y=\"").append(Svg.num(BOTTOM + 33))
            .append("\" fill=\"#777\">").append(d.getYear()).append("</text>");
        lastYear = d.getYear();
      }
      b.append('\n');
    }
    if (days.isEmpty()) {
      b.append("<text x=\"").append(Svg.num((LEFT + RIGHT) / 2)).append("\" y=\"").append(Svg.num((TOP + BOTTOM) / 2))
          .append("\">No days to show</text>\n");
    }
    b.append("</g>\n");

    // Markers under the lines, so the data stays readable where they cross.
    for (int m = 0; m < spec.markers().size(); m++) {
      ChartSpec.Marker mk = spec.markers().get(m);
      double x = x(days, mk.day());
      if (days.isEmpty() || x < LEFT - 0.01 || x > RIGHT + 0.01) {
        continue; // outside the days shown: the description still names it
      }
      b.append("<g id=\"marker-").append(m).append("\"><title>").append(Xml.text(Xml.cut(mk.label(), 200)))
          .append(" on ").append(mk.day()).append("</title><line x1=\"").append(Svg.num(x)).append("\" y1=\"")
          .append(Svg.num(TOP - 6)).append("\" x2=\"").append(Svg.num(x)).append("\" y2=\"").append(Svg.num(BOTTOM))
          .append("\" stroke=\"#7a0019\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/><text x=\"").append(Svg.num(x))
          .append("\" y=\"").append(Svg.num(TOP - 10)).append("\" text-anchor=\"").append(x > RIGHT - 80 ? "end" : "middle")
          .append("\" fill=\"#7a0019\" font-weight=\"600\">").append(Xml.text(Xml.cut(mk.label(), 40)))
          .append("</text></g>\n");
    }

    for (int s = 0; s < spec.series().size(); s++) {
      ChartSpec.Series series = spec.series().get(s);
      double scaleTop = series.axis() == ChartSpec.Axis.COUNT ? top : 1;
      // One line per run of consecutive days: a day with no row is not drawn as if it were
      // half way between its neighbours.
      List<List<String>> runs = new ArrayList<>();
      StringBuilder dots = new StringBuilder();
      for (int i = 0; i < days.size(); i++) {
        double v = series.values().get(i);
        String x = Svg.num(x(days, days.get(i)));
        String y = Svg.num(yOf(v, scaleTop));
        if (i == 0 || days.get(i).toEpochDay() - days.get(i - 1).toEpochDay() > 1) {
          runs.add(new ArrayList<>());
        }
        runs.getLast().add(x + "," + y);
        dots.append("<circle cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"3\"><title>")
            .append(days.get(i)).append(": ").append(Xml.text(series.name())).append(' ')
            .append(series.axis() == ChartSpec.Axis.COUNT ? count(v) : percent(v)).append("</title></circle>");
      }
      b.append("<g id=\"series-").append(s).append("\" fill=\"").append(series.colour()).append("\">");
      for (List<String> run : runs) {
        b.append("<polyline fill=\"none\" stroke=\"").append(series.colour()).append("\" stroke-width=\"2.5\"")
            .append(series.dashed() ? " stroke-dasharray=\"7 4\"" : "").append(" points=\"")
            .append(String.join(" ", run)).append("\"/>");
      }
      b.append(dots).append("</g>\n");
    }

    // Legend below the dates.
    double lx = LEFT;
    double ly = HEIGHT - 30;
    b.append("<g id=\"legend\" fill=\"#222\">\n");
    for (ChartSpec.Series s : spec.series()) {
      b.append("<line x1=\"").append(Svg.num(lx)).append("\" y1=\"").append(Svg.num(ly - 4)).append("\" x2=\"")
          .append(Svg.num(lx + 28)).append("\" y2=\"").append(Svg.num(ly - 4)).append("\" stroke=\"").append(s.colour())
          .append("\" stroke-width=\"2.5\"").append(s.dashed() ? " stroke-dasharray=\"7 4\"" : "").append("/>")
          .append("<text x=\"").append(Svg.num(lx + 34)).append("\" y=\"").append(Svg.num(ly)).append("\">")
          .append(Xml.text(Xml.cut(s.name(), 40))).append(s.axis() == ChartSpec.Axis.COUNT ? " (left)" : " (right, %)")
          .append("</text>\n");
      lx += 60 + 7 * Math.min(40, s.name().length()) + 60;
    }
    if (!spec.markers().isEmpty()) {
      b.append("<line x1=\"").append(Svg.num(lx)).append("\" y1=\"").append(Svg.num(ly - 12)).append("\" x2=\"")
          .append(Svg.num(lx)).append("\" y2=\"").append(Svg.num(ly + 4))
          .append("\" stroke=\"#7a0019\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/><text x=\"")
          .append(Svg.num(lx + 8)).append("\" y=\"").append(Svg.num(ly)).append("\">enforcement</text>\n");
    }
    b.append("</g>\n</svg>\n");
    return b.toString();
  }

  static final int BARS_WIDTH = 520;
  static final int BARS_HEIGHT = 300;

  /** Vertical bars, each labelled below with its count above; a zero count is still labelled. */
  public static String bars(BarSpec spec) {
    double left = 40;
    double right = BARS_WIDTH - 20;
    double top = 60;
    double bottom = BARS_HEIGHT - 50;
    long max = spec.bars().stream().mapToLong(BarSpec.Bar::value).max().orElse(0);
    StringBuilder b = new StringBuilder(4_096);
    Svg.open(b, BARS_WIDTH, BARS_HEIGHT, spec.title(), spec.description());
    b.append("<text x=\"").append(Svg.num(left)).append("\" y=\"28\" font-size=\"16\" font-weight=\"600\" fill=\"#222\">")
        .append(Xml.text(Xml.cut(spec.title(), 60))).append("</text>\n");
    b.append("<line x1=\"").append(Svg.num(left)).append("\" y1=\"").append(Svg.num(bottom)).append("\" x2=\"")
        .append(Svg.num(right)).append("\" y2=\"").append(Svg.num(bottom)).append("\" stroke=\"#555\"/>\n");
    int n = spec.bars().size();
    double slot = n == 0 ? 0 : (right - left) / n;
    b.append("<g id=\"bars\" text-anchor=\"middle\" fill=\"#222\">\n");
    for (int i = 0; i < n; i++) {
      BarSpec.Bar bar = spec.bars().get(i);
      double h = max == 0 ? 0 : (bottom - top) * bar.value() / max;
      double x = left + slot * i + slot * 0.15;
      double w = slot * 0.7;
      b.append("<g><title>").append(Xml.text(Xml.cut(bar.label(), 200))).append(": ").append(bar.value())
          .append("</title><rect x=\"").append(Svg.num(x)).append("\" y=\"").append(Svg.num(bottom - h))
          .append("\" width=\"").append(Svg.num(w)).append("\" height=\"").append(Svg.num(h)).append("\" fill=\"")
          .append(bar.colour()).append("\"/><text x=\"").append(Svg.num(x + w / 2)).append("\" y=\"")
          .append(Svg.num(bottom - h - 6)).append("\" font-weight=\"600\">").append(bar.value()).append("</text><text x=\"")
          .append(Svg.num(x + w / 2)).append("\" y=\"").append(Svg.num(bottom + 18)).append("\">")
          .append(Xml.text(Xml.cut(bar.label(), 18))).append("</text></g>\n");
    }
    if (n == 0) {
      b.append("<text x=\"").append(Svg.num((left + right) / 2)).append("\" y=\"").append(Svg.num((top + bottom) / 2))
          .append("\">Nothing to show</text>\n");
    }
    b.append("</g>\n</svg>\n");
    return b.toString();
  }

  private static double yOf(double v, double top) {
    return BOTTOM - (BOTTOM - TOP) * v / top;
  }

  /** 1, 2 or 5 times a power of ten, giving about five steps up to {@code max}. */
  static double niceStep(double max) {
    if (max <= 5) {
      return 1;
    }
    double raw = max / 5;
    double pow = 1;
    while (pow * 10 <= raw) {
      pow *= 10;
    }
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * pow >= raw) {
        return m * pow;
      }
    }
    return 10 * pow;
  }

  private static String count(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String percent(double v) {
    return String.format(Locale.ROOT, "%.1f%%", v * 100);
  }
}
