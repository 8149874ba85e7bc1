package io.ringbreaker.server;

import static io.ringbreaker.server.Served.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringbreaker.model.Bank;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.HashType;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The HMA-compatible lookup, and bank changes made in the store reaching a running server. */
class HashLookupTest {

  @TempDir Path dir;

  static final String KNOWN = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

  /** {@code hex} with its first {@code bits} bits flipped. */
  static String flip(String hex, int bits) {
    char[] c = hex.toCharArray();
    for (int b = 0; b < bits; b++) {
      int nibble = b / 4;
      int v = Character.digit(c[nibble], 16) ^ (8 >> (b % 4));
      c[nibble] = Character.forDigit(v, 16);
    }
    return new String(c);
  }

  static BankEntry entry(String bank, HashType type, String hash, String label) {
    return new BankEntry(bank, type, hash, label, "test", Instant.parse("2026-11-25T10:00:00Z"), true);
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void aNearPdqIsAnsweredPerBankAsHmaAnswersAndChangesInTheStoreTakeEffectWhileRunning(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      assertThat(json(s.get("/m/lookup?signal_type=pdq&signal=" + KNOWN)).size()).isZero();

      s.store.lists().putBank(Bank.named("memes").withKind(Bank.Kind.ALLOW));
      s.store.lists().upsertBankEntries(List.of(entry("known", HashType.PDQ, KNOWN, "synthetic-1"),
          entry("memes", HashType.PDQ, flip(KNOWN, 40), "a meme")));
      assertThat(s.pipeline.syncBanks()).isTrue();

      JsonNode r = json(s.get("/m/lookup?signal_type=pdq&signal=" + flip(KNOWN, 5)));
      assertThat(r.fieldNames()).toIterable().containsExactly("known");
      JsonNode m = r.get("known").get(0);
      assertThat(m.get("distance").asText()).isEqualTo("5");
      assertThat(m.get("signal").asText()).isEqualTo(KNOWN);
      assertThat(m.get("label").asText()).isEqualTo("synthetic-1");
      long id = m.get("bank_content_id").asLong();
      assertThat(id).isPositive().isLessThan(1L << 53);
      // Between the two entries, both match; the banks filter picks one.
      String between = flip(KNOWN, 20);
      assertThat(json(s.get("/m/lookup?signal_type=pdq&signal=" + between)).fieldNames()).toIterable()
          .containsExactlyInAnyOrder("known", "memes");
      assertThat(json(s.get("/m/lookup?signal_type=pdq&signal=" + between + "&banks=memes")).fieldNames())
          .toIterable().containsExactly("memes");

      // Disabled in the store (as `ringbreaker bank disable` does) → gone from the next lookup.
      s.store.lists().setBankEntryEnabled("known", HashType.PDQ, KNOWN, false);
      s.pipeline.syncBanks();
      assertThat(json(s.get("/m/lookup?signal_type=pdq&signal=" + KNOWN)).has("known")).isFalse();
      // A per-bank threshold.
      s.store.lists().setBankEntryEnabled("known", HashType.PDQ, KNOWN, true);
      s.store.lists().putBank(Bank.named("known").withPdqThreshold(4));
      s.pipeline.syncBanks();
      assertThat(json(s.get("/m/lookup?signal_type=pdq&signal=" + flip(KNOWN, 5))).has("known")).isFalse();
      assertThat(json(s.get("/m/lookup?signal_type=pdq&signal=" + flip(KNOWN, 4))).get("known").get(0)
          .get("bank_content_id").asLong()).isEqualTo(id);
    }
  }

  @Test
  void theServerFollowsTheStoreOnItsOwn() throws InterruptedException {
    try (Served s = Served.start(Served.Vendor.SQLITE, dir)) {
      String md5 = "0123456789abcdef0123456789abcdef";
      s.store.lists().upsertBankEntries(List.of(entry("known", HashType.MD5, md5, "synthetic-md5")));
      long deadline = System.nanoTime() + 20_000_000_000L;
      JsonNode r = json(s.get("/m/lookup?signal_type=video_md5&signal=" + md5.toUpperCase()));
      while (!r.has("known") && System.nanoTime() < deadline) {
        Thread.sleep(100);
        r = json(s.get("/m/lookup?signal_type=md5&signal=" + md5));
      }
      assertThat(r.get("known").get(0).get("distance").asText()).isEqualTo("0");
    }
  }

  @Test
  void badQueriesAre400NamingTheParameterAndAKeyIsRequired() {
    try (Served s = Served.start(Served.Vendor.SQLITE, dir)) {
      HttpResponse<String> r = s.get("/m/lookup?signal_type=tmk&signal=00");
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(json(r).get("error").asText()).startsWith("signal_type: must be one of pdq, md5, sha256");
      r = s.get("/m/lookup?signal_type=pdq&signal=abc");
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(json(r).get("error").asText()).isEqualTo("signal: a pdq hash is 64 hex characters, got 'abc'");
      assertThat(s.get("/m/lookup?signal_type=pdq").statusCode()).isEqualTo(400);
      assertThat(s.send(s.request("/m/lookup?signal_type=pdq&signal=" + KNOWN).GET()).statusCode()).isEqualTo(401);
    }
  }
}
