package io.ringbreaker.detect.offplatform;

import static io.ringbreaker.detect.offplatform.Scan.evidence;
import static io.ringbreaker.detect.offplatform.Scan.only;
import static io.ringbreaker.detect.offplatform.Scan.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.model.Signal;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentDetectorTest {
  private final PaymentDetector detector = new PaymentDetector();
  private final Random random = new Random(20260101);

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "pay at paypal.me/GreenKettle77 thanks|paypal.me/GreenKettle77|payment.paypal|greenkettle77",
      "https://www.paypal.com/paypalme/GreenKettle77/10|https://www.paypal.com/paypalme/GreenKettle77/10|payment.paypal|greenkettle77",
      "paypal (dot) me/GreenKettle77|paypal (dot) me/GreenKettle77|payment.paypal|greenkettle77",
      "https://cash.app/$MossyFern|https://cash.app/$MossyFern|payment.cashapp|mossyfern",
      "send to $MossyFern today|$MossyFern|payment.cashapp|mossyfern",
      "cashapp: $mossy_fern_22.|$mossy_fern_22|payment.cashapp|mossy_fern_22",
      "venmo.com/u/Quiet-Otter-7|venmo.com/u/Quiet-Otter-7|payment.venmo|quiet-otter-7",
      "https://account.venmo.com/u/Quiet-Otter-7|https://account.venmo.com/u/Quiet-Otter-7|payment.venmo|quiet-otter-7",
      "venmo @Quiet-Otter-7|venmo @Quiet-Otter-7|payment.venmo|quiet-otter-7",
      "Venmo: quiet_otter|Venmo: quiet_otter|payment.venmo|quiet_otter",
  })
  void findsAccountForms(String text, String evidence, String kind, String value) {
    Signal s = only(detector, text);
    assertThat(s.kind()).isEqualTo(kind);
    assertThat(s.value()).isEqualTo(value);
    assertThat(evidence(text, s)).isEqualTo(evidence);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "I paid $20", "costs $5.99 each", "$USD and $AAPL are up", "US$40", "a$b", "meet at 5:30",
      "paypal.me", "venmo is easy", "cash.app", "see dropbox.com", "https://example.org",
      "0x1234", "hash 5f4dcc3b5aa765d61d8327deb882cf99", "order 1000000000000000000000000000"})
  void ordinaryTextGivesNothing(String text) {
    assertThat(scan(detector, text)).isEmpty();
  }

  // ---- Bitcoin ----

  private String p2pkh(int version) {
    byte[] payload = new byte[21];
    random.nextBytes(payload);
    payload[0] = (byte) version;
    byte[] check = Coins.sha256(Coins.sha256(payload));
    byte[] full = new byte[25];
    System.arraycopy(payload, 0, full, 0, 21);
    System.arraycopy(check, 0, full, 21, 4);
    return Coins.base58Encode(full);
  }

  @Test
  void base58AddressesFromRandomBytes() {
    for (int i = 0; i < 50; i++) {
      String a = p2pkh(i % 2 == 0 ? 0 : 5);
      String text = "btc: " + a + ".";
      Signal s = only(detector, text);
      assertThat(s.kind()).isEqualTo(PaymentDetector.BTC);
      assertThat(s.value()).isEqualTo(a);
      assertThat(evidence(text, s)).isEqualTo(a);
      assertThat(s.detail()).containsEntry("encoding", i % 2 == 0 ? "p2pkh" : "p2sh");
    }
  }

  @Test
  void base58WithBadChecksumIsNotAnAddress() {
    for (int i = 0; i < 50; i++) {
      String a = p2pkh(0);
      int at = 5 + random.nextInt(a.length() - 5);
      char c = a.charAt(at);
      char swapped = Coins.BASE58.charAt((Coins.BASE58.indexOf(c) + 1) % 58);
      String bad = a.substring(0, at) + swapped + a.substring(at + 1);
      assertThat(scan(detector, "btc " + bad)).as(bad).isEmpty();
    }
  }

  @Test
  void bech32VectorsAndGeneratedAddresses() {
    String v0 = "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4";
    Signal s = only(detector, "to " + v0 + " pls");
    assertThat(s.value()).isEqualTo(v0.toLowerCase());
    assertThat(s.detail()).containsEntry("encoding", "bech32").containsEntry("network", "mainnet");
    String taproot = "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0";
    assertThat(only(detector, taproot).detail()).containsEntry("encoding", "bech32m");
    for (int i = 0; i < 30; i++) {
      byte[] program = new byte[i % 2 == 0 ? 20 : 32];
      random.nextBytes(program);
      int version = i % 3 == 0 ? 1 : 0;
      String a = Coins.segwitEncode("bc", version, program);
      String text = "addr:" + a;
      Signal found = only(detector, text);
      assertThat(found.value()).isEqualTo(a);
      assertThat(evidence(text, found)).isEqualTo(a);
      String bad = a.substring(0, a.length() - 1) + (a.endsWith("q") ? "p" : "q");
      assertThat(scan(detector, bad)).as(bad).isEmpty();
    }
  }

  @Test
  void segwitV1WithBech32ChecksumIsRejected() {
    // BIP-350: a version-1 program must use Bech32m; the same data under Bech32 is invalid.
    byte[] program = new byte[32];
    random.nextBytes(program);
    String v1 = Coins.segwitEncode("bc", 1, program);
    String v0 = Coins.segwitEncode("bc", 0, program);
    String v1WithBech32 = "bc1p" + v0.substring(4); // data differs in version: checksum breaks
    assertThat(scan(detector, v1)).hasSize(1);
    assertThat(scan(detector, v1WithBech32)).isEmpty();
  }

  // ---- Ethereum ----

  @Test
  void eip55VectorsAreFound() {
    for (String a : new String[] {
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"}) {
      String text = "eth " + a + ", thanks";
      Signal s = only(detector, text);
      assertThat(s.kind()).isEqualTo(PaymentDetector.ETH);
      assertThat(s.value()).isEqualTo(a.toLowerCase());
      assertThat(s.detail()).containsEntry("checksum", "eip55");
      assertThat(evidence(text, s)).isEqualTo(a);
    }
  }

  @Test
  void ethWithBrokenChecksumIsNotAnAddress() {
    assertThat(scan(detector, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")).isEmpty();
    assertThat(scan(detector, "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")).isEmpty();
  }

  @Test
  void singleCaseEthIsAcceptedWithoutChecksum() {
    byte[] raw = new byte[20];
    random.nextBytes(raw);
    String lower = "0x" + HexFormat.of().formatHex(raw);
    assertThat(only(detector, lower).detail()).containsEntry("checksum", "none");
    String mixed = "0x" + Coins.eip55Encode(lower.substring(2));
    assertThat(only(detector, mixed).value()).isEqualTo(lower);
  }

  // ---- Monero ----

  private String xmr(int netByte) {
    byte[] body = new byte[65];
    random.nextBytes(body);
    body[0] = (byte) netByte;
    return Coins.moneroEncode(body);
  }

  @Test
  void moneroAddressesFromRandomKeys() {
    for (int i = 0; i < 20; i++) {
      String a = xmr(i % 2 == 0 ? 18 : 42);
      assertThat(a).hasSize(95).startsWith(i % 2 == 0 ? "4" : "8");
      String text = "xmr: " + a;
      Signal s = only(detector, text);
      assertThat(s.kind()).isEqualTo(PaymentDetector.XMR);
      assertThat(s.value()).isEqualTo(a);
      assertThat(evidence(text, s)).isEqualTo(a);
      assertThat(s.detail()).containsEntry("type", i % 2 == 0 ? "standard" : "subaddress");
    }
  }

  @Test
  void moneroWithBadChecksumIsNotAnAddress() {
    for (int i = 0; i < 20; i++) {
      String a = xmr(18);
      int at = 1 + random.nextInt(93);
      char swapped = Coins.BASE58.charAt((Coins.BASE58.indexOf(a.charAt(at)) + 1) % 58);
      String bad = a.substring(0, at) + swapped + a.substring(at + 1);
      assertThat(scan(detector, bad)).as(bad).isEmpty();
    }
  }
}
