package io.ringbreaker.server.visual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringbreaker.detect.ring.TieKind;
import io.ringbreaker.model.Severity;
import io.ringbreaker.model.contract.ContractJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class RingGraphTest {

  private static RingView.Member member(String id, Severity s, boolean seed) {
    return new RingView.Member(id, Optional.empty(), seed, s, false);
  }

  private static RingView.Tie tie(String a, String b, TieKind k, double w) {
    return new RingView.Tie(a, b, Map.of(k, w));
  }

  /** Two triangles joined by one weak tie. */
  private static RingView twoTriangles() {
    return new RingView("ring-7", List.of(member("a1", Severity.CRITICAL, true), member("a2", Severity.HIGH, false),
        member("a3", Severity.HIGH, false), member("b1", Severity.MEDIUM, true), member("b2", Severity.LOW, false),
        member("b3", Severity.NONE, false)),
        List.of(tie("a1", "a2", TieKind.MESSAGE, 3), tie("a2", "a3", TieKind.MESSAGE, 3), tie("a1", "a3", TieKind.SHARED_IDENTITY, 4),
            tie("b1", "b2", TieKind.FOLLOW, 1), tie("b2", "b3", TieKind.COMMENT, 1.5), tie("b1", "b3", TieKind.SHARED_TAG, 1.2),
            tie("a3", "b1", TieKind.FOLLOW, 0.2)));
  }

  private static Map<String, double[]> centres(SvgDoc d) {
    Map<String, double[]> out = new java.util.HashMap<>();
    for (Element a : d.all("a")) {
      String title = a.getElementsByTagNameNS("*", "title").item(0).getTextContent();
      String id = title.substring(0, title.indexOf(' '));
      Element c = (Element) a.getElementsByTagNameNS("*", "circle").item(a.getElementsByTagNameNS("*", "circle").getLength() - 1);
      out.put(id, new double[] {Double.parseDouble(c.getAttribute("cx")), Double.parseDouble(c.getAttribute("cy"))});
    }
    return out;
  }

  private static double dist(double[] p, double[] q) {
    return Math.hypot(p[0] - q[0], p[1] - q[1]);
  }

  @Test
  void sameRingSameBytesWhateverTheOrderOfItsMembersAndTies() {
    RingView v = twoTriangles();
    List<RingView.Member> ms = new ArrayList<>(v.members());
    List<RingView.Tie> ts = new ArrayList<>(v.ties());
    Collections.reverse(ms);
    Collections.reverse(ts);
    String svg = RingGraph.svg(v);
    assertThat(RingGraph.svg(new RingView(v.ringId(), ms, ts))).isEqualTo(svg);
    assertThat(RingGraph.svg(twoTriangles())).isEqualTo(svg);
  }

  @Test
  void tiedMembersSitTogetherAndEachIsALinkColouredBySeverity() {
    SvgDoc d = SvgDoc.parse(RingGraph.svg(twoTriangles(), a -> "/console/accounts/" + a));
    Map<String, double[]> c = centres(d);
    assertThat(c).hasSize(6);
    for (double[] p : c.values()) {
      assertThat(p[0]).isBetween(RingGraph.LEFT, RingGraph.RIGHT);
      assertThat(p[1]).isBetween(RingGraph.TOP, RingGraph.BOTTOM);
    }
    double within = Math.max(dist(c.get("a1"), c.get("a2")), dist(c.get("b2"), c.get("b3")));
    double across = Math.min(dist(c.get("a1"), c.get("b2")), dist(c.get("a2"), c.get("b3")));
    assertThat(within).as("a triangle's members closer than members of the other").isLessThan(across);
    assertThat(d.all("a")).extracting(a -> a.getAttribute("href"))
        .containsExactlyInAnyOrder("/console/accounts/a1", "/console/accounts/a2", "/console/accounts/a3",
            "/console/accounts/b1", "/console/accounts/b2", "/console/accounts/b3");
    String svg = RingGraph.svg(twoTriangles());
    assertThat(svg).contains("fill=\"#7a0019\"", "fill=\"#c0392b\"", "fill=\"#d68910\"", "fill=\"#7f8c8d\"");
    // Two seeds, each circled.
    assertThat(d.all("circle")).filteredOn(e -> e.getAttribute("fill").equals("none")
        && e.getParentNode().getNodeName().equals("a")).hasSize(2);
    assertThat(d.byId("legend").getTextContent()).contains("critical", "seed", "suspended", "shared identity", "message",
        "comment", "follow", "shared tag");
    assertThat(d.doc.getDocumentElement().getElementsByTagNameNS("*", "title").item(0).getTextContent())
        .isEqualTo("Ring ring-7: 6 members, 2 seeds");
  }

  @Test
  void tiesAreAsWideAsTheyAreStrongAndDashedByTheirStrongestKind() {
    SvgDoc d = SvgDoc.parse(RingGraph.svg(twoTriangles()));
    List<Element> lines = d.all("line").stream().filter(l -> l.getParentNode() instanceof Element p
        && p.getAttribute("id").equals("ties")).toList();
    assertThat(lines).hasSize(7);
    Element identity = lines.stream().filter(l -> l.getTextContent().contains("shared identity")).findFirst().orElseThrow();
    Element weak = lines.stream().filter(l -> l.getTextContent().contains("follow 0.20")).findFirst().orElseThrow();
    assertThat(Double.parseDouble(identity.getAttribute("stroke-width")))
        .isGreaterThan(Double.parseDouble(weak.getAttribute("stroke-width")));
    assertThat(identity.hasAttribute("stroke-dasharray")).isFalse();
    assertThat(lines.stream().filter(l -> l.getTextContent().contains("message")).findFirst().orElseThrow()
        .getAttribute("stroke-dasharray")).isEqualTo("9 4");
    assertThat(lines.stream().filter(l -> l.getTextContent().contains("comment")).findFirst().orElseThrow()
        .getAttribute("stroke-dasharray")).isEqualTo("2 3");
  }

  @Test
  void handlesAreInertWhateverTheyHold() {
    String evil = "<script>alert(1)</script>\"onload=\"x\" & 'q' \u202Egnp.exe \u200Bzero\u200D\u2066iso\u2069\u0007"
        + "\uD800 end";
    RingView v = new RingView("ring-<b>&", List.of(
        new RingView.Member("acc\"1", Optional.of(evil), true, Severity.HIGH, false),
        new RingView.Member("acc<2>", Optional.of("plain"), false, Severity.HIGH, true)),
        List.of(tie("acc\"1", "acc<2>", TieKind.MESSAGE, 1)));
    String svg = RingGraph.svg(v, a -> "/a?id=" + a);
    SvgDoc d = SvgDoc.parse(svg);
    assertThat(d.names()).doesNotContain("script", "foreignObject", "iframe", "image", "use", "b");
    assertThat(d.attributes()).noneMatch(a -> a.startsWith("on"));
    assertThat(svg).doesNotContain("<script", "\u202E", "\u200B", "\u200D", "\u2066", "\u2069", "\u0007", "\uD800");
    String text = d.doc.getDocumentElement().getTextContent();
    assertThat(text).contains("<script>alert(1)</script>", "[U+202E]gnp.exe", "[U+200B]zero[U+200D]",
        "[U+2066]iso[U+2069][U+0007]", "\uFFFD end", "& 'q'", "ring-<b>&");
    assertThat(d.all("a")).extracting(a -> a.getAttribute("href")).containsExactlyInAnyOrder("/a?id=acc\"1", "/a?id=acc<2>");
    assertThat(svg).contains("stroke-dasharray=\"3 2\""); // the suspended member's outline
  }

  @Test
  void onlySafeLinksAreMade() {
    assertThatThrownBy(() -> RingGraph.svg(twoTriangles(), a -> "javascript:alert('" + a + "')"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("link for account 'b3' must be a relative path"); // the first drawn
    assertThatThrownBy(() -> RingGraph.svg(twoTriangles(), a -> "//evil.example/" + a))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(RingGraph.svg(twoTriangles(), a -> "https://console.example/a/" + a)).contains("https://console.example/a/b3");
  }

  @Test
  void aLargeRingShowsItsTwoHundredMostTiedMembersAndSaysSo() {
    List<RingView.Member> ms = new ArrayList<>();
    List<RingView.Tie> ts = new ArrayList<>();
    for (int i = 0; i < 260; i++) {
      ms.add(member(String.format("m%03d", i), Severity.HIGH, i % 10 == 0));
    }
    // The first 200 are tied in a chain; the rest to nobody.
    for (int i = 1; i < 200; i++) {
      ts.add(tie(String.format("m%03d", i - 1), String.format("m%03d", i), TieKind.FOLLOW, 1));
    }
    String svg = RingGraph.svg(new RingView("big", ms, ts));
    SvgDoc d = SvgDoc.parse(svg);
    assertThat(d.all("a")).hasSize(200);
    assertThat(svg).contains("Showing the 200 most strongly tied of 260 members").doesNotContain("m250");
  }

  @Test
  void aRingIsReadFromItsJsonAndTieLookups() {
    ObjectNode ring = ContractJson.mapper().createObjectNode().put("id", "ring-3").put("found_at", "2019-01-05T00:00:00Z");
    ring.putArray("members")
        .add(ContractJson.mapper().createObjectNode().put("account", "x").put("seed", true).put("tied_members", 2))
        .add(ContractJson.mapper().createObjectNode().put("account", "y").put("seed", false).put("tied_members", 1))
        .add(ContractJson.mapper().createObjectNode().put("account", "z").put("seed", false).put("tied_members", 1));
    JsonNode verdict = ContractJson.mapper().createObjectNode().put("severity", "critical").set("signals",
        ContractJson.mapper().createArrayNode().add(ContractJson.mapper().createObjectNode()
            .put("kind", "enforcement.platform").put("value", "suspended")));
    List<String> asked = new ArrayList<>();
    RingView v = RingView.fromJson(ring, a -> a.equals("x") ? RingView.Facts.ofVerdict(verdict) : null, (a, b) -> {
      asked.add(a + b);
      Map<TieKind, Double> w = new EnumMap<>(TieKind.class);
      if (a.equals("x")) {
        w.put(TieKind.MESSAGE, 2.0);
        w.put(TieKind.FOLLOW, 0.0);
      }
      return w;
    });
    assertThat(asked).containsExactly("xy", "xz", "yz");
    assertThat(v.members()).containsExactly(new RingView.Member("x", Optional.empty(), true, Severity.CRITICAL, true),
        new RingView.Member("y", Optional.empty(), false, Severity.NONE, false),
        new RingView.Member("z", Optional.empty(), false, Severity.NONE, false));
    assertThat(v.ties()).containsExactly(new RingView.Tie("x", "y", Map.of(TieKind.MESSAGE, 2.0)),
        new RingView.Tie("x", "z", Map.of(TieKind.MESSAGE, 2.0)));

    assertThatThrownBy(() -> RingView.fromJson(ContractJson.mapper().createObjectNode().put("id", "r"), a -> null,
        (a, b) -> Map.of())).hasMessage("ring r: 'members' must be an array");
    assertThatThrownBy(() -> new RingView("r", List.of(member("x", Severity.LOW, false)),
        List.of(tie("x", "ghost", TieKind.FOLLOW, 1)))).hasMessage("ring r: tie x–ghost names 'ghost', who is not a member");
  }

  @Test
  void anEmptyRingStillDraws() {
    assertThat(SvgDoc.parse(RingGraph.svg(new RingView("r0", List.of(), List.of()))).doc.getDocumentElement()
        .getTextContent()).contains("This ring has no members");
  }
}
