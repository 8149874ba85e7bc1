package io.ringbreaker.detect.offplatform;

import io.ringbreaker.detect.TextDetector;
import java.util.List;

/** The off-platform detectors — links, contacts, payments — ready to plug into the text pass. */
public final class OffPlatform {
  private OffPlatform() {}

  /** One pass that finds a text's links once and hands them to the link, contact and payment detectors. */
  public static List<TextDetector> detectors() {
    LinkDetector links = new LinkDetector();
    ContactDetector contacts = new ContactDetector();
    PaymentDetector payments = new PaymentDetector();
    return List.of((event, field, out) -> {
      List<Urls.Url> urls = Urls.find(field.text());
      links.scan(event, field, urls, out);
      contacts.scan(event, field, urls, out);
      payments.scan(event, field, urls, out);
    });
  }
}
