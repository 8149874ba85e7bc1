package io.ringbreaker.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.server.webhook.WebhookSignature.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final byte[] BODY = "{\"action_id\":\"a1\",\"action\":\"hide\"}".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

  @Test
  void aSignedRequestVerifies() {
    String header = WebhookSignature.header(SECRET, NOW, BODY);
    assertThat(header).matches("t=1740830400,v1=[0-9a-f]{64}");
    var v = WebhookSignature.verify(SECRET, header, BODY, NOW.plusSeconds(30));
    assertThat(v.valid()).as(v.reason()).isTrue();
    assertThat(v.outcome()).isEqualTo(Outcome.VALID);
    // Within the tolerance on either side of the receiver's clock.
    assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW.minusSeconds(299)).valid()).isTrue();
    assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW.plusSeconds(300)).valid()).isTrue();
  }

  @Test
  void theSignatureIsTheHmacOfTimestampDotBody() throws Exception {
    // Independently computed, as a platform in another language would.
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256"));
    byte[] expected = mac.doFinal(("1740830400." + new String(BODY, StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8));
    assertThat(WebhookSignature.header(SECRET, NOW, BODY))
        .isEqualTo("t=1740830400,v1=" + java.util.HexFormat.of().formatHex(expected));
  }

  @Test
  void aReplayedRequestIsRefused() {
    String header = WebhookSignature.header(SECRET, NOW, BODY);
    var v = WebhookSignature.verify(SECRET, header, BODY, NOW.plus(Duration.ofMinutes(5)).plusSeconds(1));
    assertThat(v.outcome()).isEqualTo(Outcome.REPLAYED);
    assertThat(v.reason()).isEqualTo(
        "timestamp 1740830400 is 301 s from now, outside the tolerance of 300 s (a replay, or a wrong clock)");
    assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW.plusSeconds(61), Duration.ofSeconds(60)).outcome())
        .isEqualTo(Outcome.REPLAYED);
    assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW.minusSeconds(301)).outcome())
        .isEqualTo(Outcome.REPLAYED);
  }

  @Test
  void aTamperedBodyOrTimestampOrAnotherSecretIsRefused() {
    String header = WebhookSignature.header(SECRET, NOW, BODY);
    byte[] tampered = "{\"action_id\":\"a1\",\"action\":\"suspend\"}".getBytes(StandardCharsets.UTF_8);
    var v = WebhookSignature.verify(SECRET, header, tampered, NOW);
    assertThat(v.outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
    assertThat(v.reason()).isEqualTo("signature does not match the body and secret");

    // A replayer who moves the timestamp forward breaks the signature.
    String moved = header.replace("t=1740830400", "t=1740830999");
    assertThat(WebhookSignature.verify(SECRET, moved, BODY, NOW.plusSeconds(599)).outcome())
        .isEqualTo(Outcome.BAD_SIGNATURE);
    byte[] other = "another-secret-another-secret-xx".getBytes(StandardCharsets.UTF_8);
    assertThat(WebhookSignature.verify(other, header, BODY, NOW).outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
  }

  @Test
  void missingAndMalformedHeadersSayWhy() {
    assertThat(WebhookSignature.verify(SECRET, null, BODY, NOW).outcome()).isEqualTo(Outcome.MISSING_HEADER);
    assertThat(WebhookSignature.verify(SECRET, " ", BODY, NOW).reason()).isEqualTo("no Ringbreaker-Signature header");
    String sig = "v1=" + "a".repeat(64);
    for (String[] c : new String[][] {
        {sig, "no t=<unix seconds>"},
        {"t=1740830400", "no v1=<signature>"},
        {"t=yesterday," + sig, "t must appear once, as unix seconds"},
        {"t=1,t=2," + sig, "t must appear once, as unix seconds"},
        {"t=1740830400,v1=ABC", "v1 must be 64 lowercase hex digits"},
        {"t=1740830400,v1=" + "A".repeat(64), "v1 must be 64 lowercase hex digits"},
        {"garbage", "part \"garbage\" is not key=value"}}) {
      var v = WebhookSignature.verify(SECRET, c[0], BODY, NOW);
      assertThat(v.outcome()).as(c[0]).isEqualTo(Outcome.MALFORMED_HEADER);
      assertThat(v.reason()).as(c[0]).isEqualTo("malformed Ringbreaker-Signature header: " + c[1]);
    }
  }

  @Test
  void anyOfSeveralSignaturesMayMatchAndUnknownSchemesAreIgnored() {
    String good = WebhookSignature.header(SECRET, NOW, BODY);
    String v1 = good.substring(good.indexOf("v1="));
    String header = "t=1740830400,v1=" + "0".repeat(64) + "," + v1 + ",v2=whatever";
    assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW).valid()).isTrue();
  }
}
