package io.ringbreaker.server.visual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringbreaker.model.contract.ContractJson;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class ChartTest {
  static final LocalDate D0 = LocalDate.parse("2019-01-01");
  static final long[] POSTS = {10, 30, 20, 60, 55, 5, 0, 12};
  static final double[] FLAGGED = {0.10, 0.20, 0.20, 0.25, 0.50, 0.75, 0.0, 1.0};

  /** A tag's days as the API serves them; day 4 is missing (nobody used the tag). */
  static ObjectNode seriesJson() {
    ObjectNode o = ContractJson.mapper().createObjectNode().put("tag", "dropboxlinks");
    ArrayNode days = o.putArray("days");
    int d = 0;
    for (int i = 0; i < POSTS.length; i++) {
      if (d == 4) {
        d++;
      }
      days.addObject().put("day", D0.plusDays(d++).toString()).put("posts", POSTS[i]).put("accounts", 3)
          .put("flagged_share", FLAGGED[i]).put("flood_share", i >= 3 && i <= 5 ? 0.8 : 0.0);
    }
    return o;
  }

  static final LocalDate RESTRICTED = D0.plusDays(6);

  static ChartSpec spec() {
    return ChartSpec.tagSeries(seriesJson(), List.of(new ChartSpec.Marker(RESTRICTED, "restricted")));
  }

  /** The points of series {@code s}'s polylines, in order, as [x, y]. */
  static List<double[]> points(SvgDoc d, int s) {
    List<double[]> out = new ArrayList<>();
    org.w3c.dom.NodeList lines = d.byId("series-" + s).getElementsByTagNameNS("*", "polyline");
    for (int i = 0; i < lines.getLength(); i++) {
      for (String p : ((Element) lines.item(i)).getAttribute("points").split(" ")) {
        String[] xy = p.split(",");
        out.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
      }
    }
    return out;
  }

  @Test
  void sameSpecSameBytes() {
    assertThat(Chart.line(spec())).isEqualTo(Chart.line(spec()));
    assertThat(Chart.bars(BarSpec.bySeverity("Queue", "Verdicts by severity", Map.of("high", 3L))))
        .isEqualTo(Chart.bars(BarSpec.bySeverity("Queue", "Verdicts by severity", Map.of("high", 3L))));
  }

  @Test
  void pointsRiseWithTheirValuesAndTimeRunsLeftToRightWithItsGaps() {
    SvgDoc d = SvgDoc.parse(Chart.line(spec()));
    List<double[]> posts = points(d, 0);
    assertThat(posts).hasSize(POSTS.length);
    for (int i = 0; i < POSTS.length; i++) {
      for (int j = 0; j < POSTS.length; j++) {
        if (POSTS[i] > POSTS[j]) {
          assertThat(posts.get(i)[1]).as("posts %d above %d", i, j).isLessThan(posts.get(j)[1]);
        }
      }
    }
    assertThat(posts.get(6)[1]).as("0 posts on the axis").isEqualTo(Chart.BOTTOM);
    double dayWidth = posts.get(1)[0] - posts.get(0)[0];
    assertThat(posts.get(4)[0] - posts.get(3)[0]).as("the missing day leaves a gap").isCloseTo(2 * dayWidth, within(0.2));
    assertThat(d.byId("series-0").getElementsByTagNameNS("*", "polyline").getLength())
        .as("the line breaks at the missing day").isEqualTo(2);
    assertThat(posts.getFirst()[0]).isEqualTo(Chart.LEFT);
    assertThat(posts.getLast()[0]).isEqualTo(Chart.RIGHT);

    List<double[]> flagged = points(d, 1);
    assertThat(flagged.get(7)[1]).as("100%% at the top").isEqualTo(Chart.TOP);
    assertThat(flagged.get(4)[1]).as("50%% half way").isCloseTo((Chart.TOP + Chart.BOTTOM) / 2, within(0.1));
    assertThat(d.byId("series-2").getElementsByTagNameNS("*", "polyline").item(0).getAttributes()
        .getNamedItem("stroke-dasharray")).isNotNull();
  }

  @Test
  void theRestrictionMarkerSitsOnItsDay() {
    SvgDoc d = SvgDoc.parse(Chart.line(spec()));
    Element marker = (Element) d.byId("marker-0").getElementsByTagNameNS("*", "line").item(0);
    double x = Double.parseDouble(marker.getAttribute("x1"));
    // RESTRICTED is day 6, the 6th point (index 5), since day 4 is missing.
    assertThat(x).isEqualTo(points(d, 0).get(5)[0]);
    assertThat(d.byId("marker-0").getTextContent()).contains("restricted on 2019-01-07");
  }

  @Test
  void axesLegendAndAccessibleText() {
    String svg = Chart.line(spec());
    SvgDoc d = SvgDoc.parse(svg);
    assertThat(d.doc.getDocumentElement().getAttribute("role")).isEqualTo("img");
    assertThat(d.all("title").getFirst().getTextContent()).isEqualTo("#dropboxlinks by day");
    assertThat(d.all("desc").getFirst().getTextContent()).contains("Posts using #dropboxlinks", "restricted on 2019-01-07");
    assertThat(d.byId("count-axis").getTextContent()).contains("0", "20", "40", "60");
    assertThat(d.byId("share-axis").getTextContent()).contains("0%", "25%", "50%", "100%");
    assertThat(d.byId("date-axis").getTextContent()).contains("Jan 1", "2019");
    assertThat(d.byId("legend").getTextContent()).contains("posts (left)", "flagged accounts (right, %)",
        "flood posts (right, %)", "enforcement");
    assertThat(d.names()).doesNotContain("script", "foreignObject");
  }

  @Test
  void oneDayAndNoDaysStillDraw() {
    ObjectNode one = ContractJson.mapper().createObjectNode().put("tag", "t");
    one.putArray("days").addObject().put("day", "2019-01-02").put("posts", 12).put("flagged_share", 0.5)
        .put("flood_share", 0);
    SvgDoc d = SvgDoc.parse(Chart.line(ChartSpec.tagSeries(one, List.of())));
    assertThat(points(d, 0).getFirst()[0]).isEqualTo((Chart.LEFT + Chart.RIGHT) / 2);
    ObjectNode none = ContractJson.mapper().createObjectNode().put("tag", "t");
    none.putArray("days");
    assertThat(Chart.line(ChartSpec.tagSeries(none, List.of()))).contains("No days to show");
  }

  @Test
  void badSpecsAreRefusedByName() {
    ObjectNode o = seriesJson();
    ((ObjectNode) o.path("days").get(2)).put("posts", "many");
    assertThatThrownBy(() -> ChartSpec.tagSeries(o, List.of()))
        .hasMessage("series of #dropboxlinks: days[2].posts must be a number, got \"many\"");
    assertThatThrownBy(() -> new ChartSpec.Series("s", ChartSpec.Axis.SHARE, List.of(1.5), "#000000", false))
        .hasMessage("series 's' value 0: must be a share in [0, 1], got 1.5");
    assertThatThrownBy(() -> new ChartSpec("t", "d", List.of(D0, D0), List.of(), List.of()))
        .hasMessage("days must ascend without repeats: 2019-01-01 then 2019-01-01");
    assertThatThrownBy(() -> new ChartSpec.Series("s", ChartSpec.Axis.COUNT, List.of(1.0), "red\" onload=\"x", false))
        .hasMessage("colour must be #rrggbb, got 'red\" onload=\"x'");
  }

  @Test
  void barsAreAsTallAsTheirCounts() {
    String svg = Chart.bars(BarSpec.bySeverity("Review queue", "Open verdicts by severity",
        Map.of("critical", 2L, "high", 8L, "medium", 4L)));
    SvgDoc d = SvgDoc.parse(svg);
    List<Element> rects = d.all("rect").stream().filter(r -> r.hasAttribute("x")).toList();
    assertThat(rects).hasSize(4);
    double[] h = rects.stream().mapToDouble(r -> Double.parseDouble(r.getAttribute("height"))).toArray();
    assertThat(h[1]).isGreaterThan(h[2]).isGreaterThan(h[0]).isGreaterThan(h[3]);
    assertThat(h[3]).isZero();
    assertThat(h[2] / h[1]).isCloseTo(0.5, within(0.01));
    assertThat(d.byId("bars").getTextContent()).contains("critical", "high", "medium", "low");
    assertThat(rects.getFirst().getAttribute("fill")).isEqualTo("#7a0019");
    assertThat(Chart.bars(new BarSpec("SLA", "none", List.of()))).contains("Nothing to show");
  }
}
