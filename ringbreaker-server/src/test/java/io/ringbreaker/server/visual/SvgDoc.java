package io.ringbreaker.server.visual;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Parses an SVG as strict XML (no DTDs, no entities from outside): what a browser's SVG parser would accept. */
final class SvgDoc {
  final Document doc;

  private SvgDoc(Document doc) {
    this.doc = doc;
  }

  static SvgDoc parse(String svg) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      return new SvgDoc(b.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))));
    } catch (Exception e) {
      throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + svg, e);
    }
  }

  /** Every element of this local name, in document order. */
  List<Element> all(String name) {
    NodeList nodes = doc.getElementsByTagNameNS("*", name);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add((Element) nodes.item(i));
    }
    return out;
  }

  Element byId(String id) {
    return all("*").stream().filter(e -> id.equals(e.getAttribute("id"))).findFirst()
        .orElseThrow(() -> new AssertionError("no element with id " + id));
  }

  /** Every local element name used, for checking nothing active (script, foreignObject…) is there. */
  List<String> names() {
    return all("*").stream().map(Element::getLocalName).distinct().sorted().toList();
  }

  /** Every attribute name used. */
  List<String> attributes() {
    List<String> out = new ArrayList<>();
    for (Element e : all("*")) {
      for (int i = 0; i < e.getAttributes().getLength(); i++) {
        out.add(e.getAttributes().item(i).getNodeName());
      }
    }
    return out.stream().distinct().sorted().toList();
  }
}
