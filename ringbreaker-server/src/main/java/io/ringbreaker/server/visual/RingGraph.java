package io.ringbreaker.server.visual;

import io.ringbreaker.detect.ring.TieKind;
import io.ringbreaker.model.Severity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A ring drawn as a graph in one standalone SVG: members placed by {@link Layout}, coloured by the
 * severity of their verdict, seeds circled, suspended accounts faded with a dashed outline, ties as
 * lines as wide as they are strong and dashed by their strongest kind; each member a link with a
 * tooltip. Same view and links → same bytes.
 */
public final class RingGraph {
  /** Above this many members only the most strongly tied are drawn (the layout is O(n²)). */
  public static final int MAX_MEMBERS = 200;
  static final int WIDTH = 960;
  static final int HEIGHT = 720;
  /** The graph's box; the legend is to its right. */
  static final double LEFT = 30;
  static final double TOP = 60;
  static final double RIGHT = 700;
  static final double BOTTOM = 690;
  static final int LABEL_CHARS = 24;

  private RingGraph() {}

  static final Map<Severity, String> COLOURS = new EnumMap<>(Map.of(
      Severity.CRITICAL, "#7a0019", Severity.HIGH, "#c0392b", Severity.MEDIUM, "#d68910",
      Severity.LOW, "#7f8c8d", Severity.NONE, "#d5d8dc"));

  /** How each kind of tie is stroked: colour and dash pattern ("none" is solid). */
  record Stroke(String colour, String dash) {}

  static final Map<TieKind, Stroke> STROKES = new EnumMap<>(Map.of(
      TieKind.SHARED_IDENTITY, new Stroke("#1b2631", "none"),
      TieKind.MESSAGE, new Stroke("#566573", "9 4"),
      TieKind.COMMENT, new Stroke("#566573", "2 3"),
      TieKind.FOLLOW, new Stroke("#99a3a4", "none"),
      TieKind.SHARED_TAG, new Stroke("#7d3c98", "12 3 2 3")));

  /** Each member linked to its verdicts in the API ({@code /v1/verdicts?subject_id=…}). */
  public static String svg(RingView view) {
    return svg(view, a -> "/v1/verdicts?subject_type=account&subject_id=" + URLEncoder.encode(a, StandardCharsets.UTF_8));
  }

  /**
   * @param link the URL a member's node links to; relative (starting {@code /}, {@code ?} or
   *             {@code #}) or http(s), so no {@code javascript:} link can be made of an account id
   * @throws IllegalArgumentException when a link is of another kind
   */
  public static String svg(RingView view, Function<String, String> link) {
    List<RingView.Member> shown = strongest(view);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < shown.size(); i++) {
      index.put(shown.get(i).account(), i);
    }
    List<RingView.Tie> ties = view.ties().stream()
        .filter(t -> index.containsKey(t.a()) && index.containsKey(t.b()))
        .sorted(Comparator.comparing((RingView.Tie t) -> first(t)).thenComparing(t -> second(t)))
        .toList();
    int[][] edges = new int[ties.size()][];
    double[] weights = new double[ties.size()];
    for (int e = 0; e < ties.size(); e++) {
      edges[e] = new int[] {index.get(ties.get(e).a()), index.get(ties.get(e).b())};
      weights[e] = ties.get(e).total();
    }
    double[] unit = Layout.place(shown.size(), edges, weights);
    double[] xy = new double[unit.length];
    double side = Math.min(RIGHT - LEFT, BOTTOM - TOP);
    double ox = LEFT + (RIGHT - LEFT - side) / 2;
    double oy = TOP + (BOTTOM - TOP - side) / 2;
    for (int i = 0; i < unit.length; i += 2) {
      xy[i] = ox + unit[i] * side;
      xy[i + 1] = oy + unit[i + 1] * side;
    }

    long seeds = view.members().stream().filter(RingView.Member::seed).count();
    String title = "Ring " + view.ringId() + ": " + view.members().size() + " members, " + seeds + " seeds";
    String desc = "Members of ring " + view.ringId() + " and the ties between them. Colour: severity of the "
        + "member's verdict; circled: seed; faded with a dashed outline: suspended; line width: tie strength; "
        + "dash: strongest kind of tie." + (shown.size() < view.members().size()
        ? " Showing the " + shown.size() + " most strongly tied of " + view.members().size() + " members." : "");
    StringBuilder b = new StringBuilder(8_192 + 600 * shown.size() + 200 * ties.size());
    Svg.open(b, WIDTH, HEIGHT, title, desc);
    b.append("<text x=\"").append(Svg.num(LEFT)).append("\" y=\"28\" font-size=\"16\" font-weight=\"600\" fill=\"#222\">")
        .append(Xml.text(Xml.cut(title, 120))).append("</text>\n");
    if (shown.size() < view.members().size()) {
      b.append("<text x=\"").append(Svg.num(LEFT)).append("\" y=\"46\" fill=\"#c0392b\">")
          .append("Showing the ").append(shown.size()).append(" most strongly tied of ").append(view.members().size())
          .append(" members</text>\n");
    }
    if (shown.isEmpty()) {
      b.append("<text x=\"").append(Svg.num((LEFT + RIGHT) / 2)).append("\" y=\"").append(Svg.num((TOP + BOTTOM) / 2))
          .append("\" text-anchor=\"middle\" fill=\"#555\">This ring has no members</text>\n");
    }

    double maxWeight = ties.stream().mapToDouble(RingView.Tie::total).max().orElse(1);
    // A dense ring is mostly lines: fainter ones keep the members readable.
    String opacity = ties.size() > 50 ? "0.55" : "0.75";
    b.append("<g id=\"ties\" fill=\"none\" stroke-linecap=\"round\">\n");
    for (int e = 0; e < ties.size(); e++) {
      RingView.Tie t = ties.get(e);
      Stroke s = STROKES.get(t.strongest());
      int i = edges[e][0];
      int j = edges[e][1];
      b.append("<line x1=\"").append(Svg.num(xy[2 * i])).append("\" y1=\"").append(Svg.num(xy[2 * i + 1]))
          .append("\" x2=\"").append(Svg.num(xy[2 * j])).append("\" y2=\"").append(Svg.num(xy[2 * j + 1]))
          .append("\" stroke=\"").append(s.colour()).append("\" stroke-opacity=\"").append(opacity).append("\" stroke-width=\"")
          .append(Svg.num(width(t.total(), maxWeight))).append('"');
      if (!s.dash().equals("none")) {
        b.append(" stroke-dasharray=\"").append(s.dash()).append('"');
      }
      b.append("><title>").append(Xml.text(Xml.cut(name(shown.get(i)), 64))).append(" – ")
          .append(Xml.text(Xml.cut(name(shown.get(j)), 64))).append(": ");
      List<String> parts = new ArrayList<>();
      t.weights().forEach((k, w) -> parts.add(k.wire().replace('_', ' ') + " " + String.format(Locale.ROOT, "%.2f", w)));
      b.append(String.join(", ", parts)).append("</title></line>\n");
    }
    b.append("</g>\n");

    double r = shown.size() <= 40 ? 10 : shown.size() <= 100 ? 7 : 5;
    boolean allLabels = shown.size() <= 60;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < shown.size(); i++) {
      order.add(i);
    }
    // The most severe drawn last, so on top where nodes overlap.
    order.sort(Comparator.comparing((Integer i) -> shown.get(i).severity()).thenComparing(i -> shown.get(i).account()));
    b.append("<g id=\"members\">\n");
    for (int i : order) {
      RingView.Member m = shown.get(i);
      String href = checked(m.account(), link.apply(m.account()));
      String x = Svg.num(xy[2 * i]);
      String y = Svg.num(xy[2 * i + 1]);
      b.append("<a href=\"").append(Xml.text(href)).append("\" xlink:href=\"").append(Xml.text(href))
          .append("\" target=\"_top\">");
      b.append("<title>").append(Xml.text(Xml.cut(tooltip(m), 300))).append("</title>");
      if (m.seed()) {
        b.append("<circle cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"").append(Svg.num(r + 4))
            .append("\" fill=\"none\" stroke=\"#111\" stroke-width=\"2\"/>");
      }
      if (m.suspended()) {
        // An opaque disc under the faded one, so the ties behind do not show through it.
        b.append("<circle cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"").append(Svg.num(r))
            .append("\" fill=\"#fff\"/>");
      }
      b.append("<circle cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"").append(Svg.num(r))
          .append("\" fill=\"").append(COLOURS.get(m.severity())).append('"');
      if (m.suspended()) {
        b.append(" fill-opacity=\"0.4\" stroke=\"#111\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"");
      } else {
        b.append(" stroke=\"#fff\" stroke-width=\"1.5\"");
      }
      b.append("/>");
      if (allLabels || m.seed()) {
        b.append("<text x=\"").append(x).append("\" y=\"").append(Svg.num(xy[2 * i + 1] + r + 13))
            .append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"#222\" stroke=\"#fff\" stroke-width=\"3\" ")
            .append("paint-order=\"stroke\">").append(Xml.text(Xml.cut(label(m), LABEL_CHARS))).append("</text>");
      }
      b.append("</a>\n");
    }
    b.append("</g>\n");
    legend(b);
    b.append("</svg>\n");
    return b.toString();
  }

  /** Every member when they fit; otherwise the most strongly tied (ties to the drawn ones count), then by id. */
  static List<RingView.Member> strongest(RingView view) {
    List<RingView.Member> all = new ArrayList<>(view.members());
    all.sort(Comparator.comparing(RingView.Member::account));
    if (all.size() <= MAX_MEMBERS) {
      return all;
    }
    Map<String, Double> strength = new HashMap<>();
    for (RingView.Tie t : view.ties()) {
      strength.merge(t.a(), t.total(), Double::sum);
      strength.merge(t.b(), t.total(), Double::sum);
    }
    all.sort(Comparator.comparingDouble((RingView.Member m) -> -strength.getOrDefault(m.account(), 0.0))
        .thenComparing(RingView.Member::account));
    List<RingView.Member> top = new ArrayList<>(all.subList(0, MAX_MEMBERS));
    top.sort(Comparator.comparing(RingView.Member::account));
    return top;
  }

  /** 1.2 px for the weakest tie up to 7 px for the strongest drawn. */
  static double width(double weight, double max) {
    return 1.2 + 5.8 * Math.sqrt(weight / max);
  }

  private static String first(RingView.Tie t) {
    return t.a().compareTo(t.b()) <= 0 ? t.a() : t.b();
  }

  private static String second(RingView.Tie t) {
    return t.a().compareTo(t.b()) <= 0 ? t.b() : t.a();
  }

  private static String name(RingView.Member m) {
    return m.handle().map(h -> "@" + h + " (" + m.account() + ")").orElse(m.account());
  }

  private static String label(RingView.Member m) {
    return m.handle().map(h -> "@" + h).orElse(m.account());
  }

  private static String tooltip(RingView.Member m) {
    return name(m) + " · " + (m.seed() ? "seed (own evidence)" : "tied in") + ", verdict " + m.severity().wire()
        + (m.suspended() ? ", suspended" : "");
  }

  static String checked(String account, String href) {
    if (href == null || !(href.startsWith("/") && !href.startsWith("//") || href.startsWith("?") || href.startsWith("#")
        || href.regionMatches(true, 0, "https://", 0, 8) || href.regionMatches(true, 0, "http://", 0, 7))) {
      throw new IllegalArgumentException("link for account '" + account + "' must be a relative path, '?…', '#…' or "
          + "an http(s) URL, got '" + href + "'");
    }
    return href;
  }

  private static void legend(StringBuilder b) {
    double x = 730;
    double y = 80;
    b.append("<g id=\"legend\" font-size=\"12\" fill=\"#222\">\n");
    b.append("<text x=\"").append(Svg.num(x)).append("\" y=\"").append(Svg.num(y)).append("\" font-weight=\"600\">Verdict</text>\n");
    for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.NONE)) {
      y += 22;
      b.append("<circle cx=\"").append(Svg.num(x + 8)).append("\" cy=\"").append(Svg.num(y - 4)).append("\" r=\"7\" fill=\"")
          .append(COLOURS.get(s)).append("\"/><text x=\"").append(Svg.num(x + 24)).append("\" y=\"").append(Svg.num(y))
          .append("\">").append(s == Severity.NONE ? "none / unknown" : s.wire()).append("</text>\n");
    }
    y += 26;
    b.append("<circle cx=\"").append(Svg.num(x + 8)).append("\" cy=\"").append(Svg.num(y - 4))
        .append("\" r=\"7\" fill=\"#c0392b\"/><circle cx=\"").append(Svg.num(x + 8)).append("\" cy=\"").append(Svg.num(y - 4))
        .append("\" r=\"11\" fill=\"none\" stroke=\"#111\" stroke-width=\"2\"/><text x=\"").append(Svg.num(x + 24))
        .append("\" y=\"").append(Svg.num(y)).append("\">seed (own evidence)</text>\n");
    y += 26;
    b.append("<circle cx=\"").append(Svg.num(x + 8)).append("\" cy=\"").append(Svg.num(y - 4))
        .append("\" r=\"7\" fill=\"#c0392b\" fill-opacity=\"0.4\" stroke=\"#111\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"/>")
        .append("<text x=\"").append(Svg.num(x + 24)).append("\" y=\"").append(Svg.num(y)).append("\">suspended</text>\n");
    y += 34;
    b.append("<text x=\"").append(Svg.num(x)).append("\" y=\"").append(Svg.num(y)).append("\" font-weight=\"600\">Tie (strongest kind)</text>\n");
    for (TieKind k : List.of(TieKind.SHARED_IDENTITY, TieKind.MESSAGE, TieKind.COMMENT, TieKind.FOLLOW, TieKind.SHARED_TAG)) {
      y += 22;
      Stroke s = STROKES.get(k);
      b.append("<line x1=\"").append(Svg.num(x)).append("\" y1=\"").append(Svg.num(y - 4)).append("\" x2=\"")
          .append(Svg.num(x + 40)).append("\" y2=\"").append(Svg.num(y - 4)).append("\" stroke=\"").append(s.colour())
          .append("\" stroke-width=\"2.5\"");
      if (!s.dash().equals("none")) {
        b.append(" stroke-dasharray=\"").append(s.dash()).append('"');
      }
      b.append("/><text x=\"").append(Svg.num(x + 48)).append("\" y=\"").append(Svg.num(y)).append("\">")
          .append(k.wire().replace('_', ' ')).append("</text>\n");
    }
    y += 26;
    b.append("<text x=\"").append(Svg.num(x)).append("\" y=\"").append(Svg.num(y)).append("\" fill=\"#555\">")
        .append("Wider line: stronger tie</text>\n");
    y += 18;
    b.append("<text x=\"").append(Svg.num(x)).append("\" y=\"").append(Svg.num(y)).append("\" fill=\"#555\">")
        .append("Hover a member or tie for details</text>\n");
    b.append("</g>\n");
  }
}
