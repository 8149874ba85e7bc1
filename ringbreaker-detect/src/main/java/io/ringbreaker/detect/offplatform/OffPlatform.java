package io.ringbreaker.detect.offplatform;

import io.ringbreaker.detect.TextDetector;
import java.util.List;

/** The off-platform detectors — links, contacts, payments — ready to plug into the text pass. */
public final class OffPlatform {
  private OffPlatform() {}

  public static List<TextDetector> detectors() {
    return List.of(new LinkDetector(), new ContactDetector(), new PaymentDetector());
  }
}
