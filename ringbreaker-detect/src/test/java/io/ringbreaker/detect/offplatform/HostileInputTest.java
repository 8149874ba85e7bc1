package io.ringbreaker.detect.offplatform;

import static io.ringbreaker.detect.offplatform.Scan.evidence;
import static io.ringbreaker.detect.offplatform.Scan.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.detect.TextDetector;
import io.ringbreaker.model.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input gives a clear outcome: no exception, and the linear-time matchers finish. */
class HostileInputTest {

  private static List<Signal> all(String text) {
    List<Signal> out = new ArrayList<>();
    for (TextDetector d : OffPlatform.detectors()) {
      out.addAll(scan(d, text));
    }
    return out;
  }

  static Stream<String> hostile() {
    return Stream.of(
        "a".repeat(1 << 20),
        ".".repeat(100_000),
        "a.".repeat(1 << 19),
        "https://dropbox.com/sh/" + "a".repeat(100_000),
        "https://" + "a.".repeat(50_000) + "com/" + "b".repeat(50_000),
        "dot ".repeat(100_000),
        "kik: ".repeat(100_000),
        "$a".repeat(200_000),
        "0x".repeat(200_000),
        "1".repeat(500_000),
        "bc1".repeat(100_000),
        "+4".repeat(100_000),
        "\uD800\uDC00\uD800".repeat(10_000) + "kik: x\uDC00",
        "\u202E\u202D\u2066".repeat(50_000),
        "\u0000\u0007\u001B[0m".repeat(20_000),
        "");
  }

  @ParameterizedTest
  @MethodSource("hostile")
  void finishesWithoutException(String text) {
    List<Signal> found = all(text);
    assertThat(found.size()).isLessThanOrEqualTo(text.length());
  }

  @Test
  void hugeOrdinaryTextGivesNothing() {
    assertThat(all("a".repeat(1 << 20))).isEmpty();
    assertThat(all(".".repeat(100_000))).isEmpty();
    assertThat(all("https://dropbox.com/sh/" + "a".repeat(100_000))).isEmpty();
  }

  @Test
  void evidenceSurvivesBidiOverridesAndBrokenSurrogates() {
    String text = "\u202Edropbox.com/sh/k3x9q2abcd\u202C \uD800 kik: quietfox19 \uDC00";
    List<Signal> found = all(text);
    assertThat(found).extracting(Signal::value)
        .containsExactlyInAnyOrder("dropbox:folder:k3x9q2abcd", "quietfox19");
    for (Signal s : found) {
      assertThat(evidence(text, s)).doesNotContain("\u202E", "\u202C", "\uD800", "\uDC00");
    }
  }

  @Test
  void signalInsideHugeTextIsStillFound() {
    String pad = "lorem ipsum. ".repeat(40_000);
    String text = pad + "wa.me/447700900123 " + pad;
    List<Signal> found = all(text);
    assertThat(found).extracting(Signal::kind)
        .containsExactlyInAnyOrder(LinkDetector.URL, ContactDetector.WHATSAPP);
    assertThat(found).allSatisfy(s -> assertThat(evidence(text, s)).isEqualTo("wa.me/447700900123"));
  }

  @Test
  void theFactoryPassFindsLinksContactsAndPaymentsEachOnce() {
    String text = "kik: blue_otter, folder https://www.dropbox.com/sh/k3x9q2abcd and paypal.me/blueotter";
    assertThat(all(text)).extracting(Signal::kind).containsExactlyInAnyOrder(
        LinkDetector.CLOUD, ContactDetector.KIK, PaymentDetector.PAYPAL);
  }
}
