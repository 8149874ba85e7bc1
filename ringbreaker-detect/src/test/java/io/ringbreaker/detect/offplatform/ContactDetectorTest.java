package io.ringbreaker.detect.offplatform;

import static io.ringbreaker.detect.offplatform.Scan.evidence;
import static io.ringbreaker.detect.offplatform.Scan.only;
import static io.ringbreaker.detect.offplatform.Scan.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.model.Signal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContactDetectorTest {
  private static final String SESSION_ID =
      "05" + "3f9a1c7e2b4d6f80" + "a1b2c3d4e5f60718" + "29304a5b6c7d8e9f" + "0f1e2d3c4b5a6978";

  private final ContactDetector detector = new ContactDetector();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "add t.me/Blue_Otter42 pls|t.me/Blue_Otter42|contact.telegram|blue_otter42",
      "https://telegram.me/blue_otter42|https://telegram.me/blue_otter42|contact.telegram|blue_otter42",
      "t.me/joinchat/AbCdEf123_x|t.me/joinchat/AbCdEf123_x|contact.telegram|+AbCdEf123_x",
      "t.me/+QwErTy987|t.me/+QwErTy987|contact.telegram|+QwErTy987",
      "wa.me/447700900123|wa.me/447700900123|contact.whatsapp|+447700900123",
      "https://api.whatsapp.com/send?phone=447700900123&text=hi|https://api.whatsapp.com/send?phone=447700900123&text=hi|contact.whatsapp|+447700900123",
      "kik.me/quietfox_19|kik.me/quietfox_19|contact.kik|quietfox_19",
      "www.snapchat.com/add/Mossy.Kettle|www.snapchat.com/add/Mossy.Kettle|contact.snapchat|mossy.kettle",
      "join discord.gg/AbC12xYz now|discord.gg/AbC12xYz|contact.discord|AbC12xYz",
      "https://discord.com/invite/AbC12xYz|https://discord.com/invite/AbC12xYz|contact.discord|AbC12xYz",
      "discordapp.com/invite/AbC12xYz|discordapp.com/invite/AbC12xYz|contact.discord|AbC12xYz",
      "https://signal.me/#p/+447700900123|https://signal.me/#p/+447700900123|contact.signal|+447700900123",
      "signal.group/#CjQKIAbCdEfGh|signal.group/#CjQKIAbCdEfGh|contact.signal|group:CjQKIAbCdEfGh",
      "kik: Quiet.Fox19|kik: Quiet.Fox19|contact.kik|quiet.fox19",
      "kik me @quietfox19|kik me @quietfox19|contact.kik|quietfox19",
      "snap - mossy.kettle|snap - mossy.kettle|contact.snapchat|mossy.kettle",
      "sc: mossy.kettle.|sc: mossy.kettle|contact.snapchat|mossy.kettle",
      "Snapchat @mossy_kettle|Snapchat @mossy_kettle|contact.snapchat|mossy_kettle",
      "tg @blue_otter42|tg @blue_otter42|contact.telegram|blue_otter42",
      "Telegram: Blue_Otter42|Telegram: Blue_Otter42|contact.telegram|blue_otter42",
      "whatsapp +44 7700 900123 anytime|whatsapp +44 7700 900123|contact.whatsapp|+447700900123",
      "WhatsApp: +1 (202) 555-0147|WhatsApp: +1 (202) 555-0147|contact.whatsapp|+12025550147",
      "signal +44 7700 900123|signal +44 7700 900123|contact.signal|+447700900123",
      "wickr: pale-lantern|wickr: pale-lantern|contact.wickr|pale-lantern",
      "wickr me: pale-lantern|wickr me: pale-lantern|contact.wickr|pale-lantern",
      "discord: quiet.fox|discord: quiet.fox|contact.discord|quiet.fox",
      "signal: Pale_Lantern.07|signal: Pale_Lantern.07|contact.signal|pale_lantern.07",
  })
  void findsEachForm(String text, String evidence, String kind, String value) {
    Signal s = only(detector, text);
    assertThat(s.kind()).isEqualTo(kind);
    assertThat(s.value()).isEqualTo(value);
    assertThat(evidence(text, s)).isEqualTo(evidence);
  }

  @Test
  void sessionIdsWithOrWithoutKeyword() {
    String text = "session id " + SESSION_ID + " ok";
    Signal s = only(detector, text);
    assertThat(s.kind()).isEqualTo(ContactDetector.SESSION);
    assertThat(s.value()).isEqualTo(SESSION_ID);
    assertThat(evidence(text, s)).isEqualTo("session id " + SESSION_ID);

    String bare = "add " + SESSION_ID.toUpperCase();
    Signal b = only(detector, bare);
    assertThat(b.value()).isEqualTo(SESSION_ID);
    assertThat(evidence(bare, b)).isEqualTo(SESSION_ID.toUpperCase());
    // One hex digit short, or a 64-digit hash: not a Session id.
    assertThat(scan(detector, "id " + SESSION_ID.substring(1))).isEmpty();
    assertThat(scan(detector, "sha " + SESSION_ID.substring(2))).isEmpty();
  }

  @Test
  void dramaNumbersAreAcceptedAsPossibleButMarkedNotValid() {
    // +44 7700 900xxx is Ofcom's drama range: possible length, not an allocated range.
    assertThat(only(detector, "wa.me/447700900123").detail())
        .containsEntry("valid", "false").containsEntry("source", "link");
    assertThat(only(detector, "whatsapp +44 20 7946 0958").detail()).containsEntry("valid", "true");
  }

  @Test
  void numbersWithoutCountryCodeNeedADefaultRegion() {
    assertThat(scan(detector, "whatsapp: 07700 900123")).isEmpty();
    Signal s = only(detector, "whatsapp: +44 7700 900123");
    assertThat(s.value()).isEqualTo("+447700900123");
    assertThat(scan(new ContactDetector("GB"), "whatsapp +44 7700 900123"))
        .extracting(Signal::value).containsExactly("+447700900123");
  }

  @Test
  void keywordBeforeALinkIsReportedOnceFromTheLink() {
    String text = "telegram: t.me/blue_otter42";
    Signal s = only(detector, text);
    assertThat(s.detail()).containsEntry("source", "link");
    assertThat(evidence(text, s)).isEqualTo("t.me/blue_otter42");
  }

  @Test
  void severalHandlesInOneBio() {
    String text = "kik: quietfox19 | snap - mossy.kettle | tg @blue_otter42 | wa.me/447700900123";
    assertThat(scan(detector, text)).extracting(Signal::kind, Signal::value).containsExactly(
        org.assertj.core.groups.Tuple.tuple(ContactDetector.WHATSAPP, "+447700900123"),
        org.assertj.core.groups.Tuple.tuple(ContactDetector.KIK, "quietfox19"),
        org.assertj.core.groups.Tuple.tuple(ContactDetector.SNAPCHAT, "mossy.kettle"),
        org.assertj.core.groups.Tuple.tuple(ContactDetector.TELEGRAM, "blue_otter42"));
  }

  @Test
  void impossibleNumbersAreDropped() {
    assertThat(scan(detector, "wa.me/4412")).isEmpty();
    assertThat(scan(detector, "whatsapp +44 12 34")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "the telegram group is fun", "signal strength is low", "I like snapchat", "snap peas",
      "kik is an app", "my discord server", "t.me", "t.me/share/url?url=x", "telegram: me",
      "wa.me/", "discord.gg", "https://example.org/kik", "a whatsapp group for parents",
      "school sc results", "snapshot - done", "session started at 10", "meet at 5:30",
      "I paid $20", "see dropbox.com", "oh snap - that was close", "signal: weak",
      "signal: lost it", "kik - me", "telegram: t.me", "tg: a.b"})
  void ordinaryTextGivesNothing(String text) {
    assertThat(scan(detector, text)).isEmpty();
  }
}
