package io.ringbreaker.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.model.EnforcementAction;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.EventBody;
import io.ringbreaker.model.Media;
import io.ringbreaker.model.TargetType;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The 2019 pattern, element by element, checked against the events and the truth. */
class ScenarioTest {
  private static final Set<Truth.Role> LOOKALIKES = Set.of(Truth.Role.LOOKALIKE_CARDS, Truth.Role.LOOKALIKE_DOCS);

  private final Generated g = Generated.of(7);
  private final Truth truth = g.truth;

  @Test
  void thePlatformRestrictsTheListedTagOnce() {
    List<Event> restrictions = g.events.stream()
        .filter(e -> e.body() instanceof EventBody.Enforcement en && en.action() == EnforcementAction.HASHTAG_RESTRICTED)
        .toList();
    assertThat(restrictions).hasSize(1);
    Event r = restrictions.get(0);
    assertThat(r.actor()).isEqualTo("platform");
    assertThat(r.body()).isEqualTo(new EventBody.Enforcement(TargetType.HASHTAG, "dropboxlinks",
        EnforcementAction.HASHTAG_RESTRICTED));
    assertThat(r.occurredAt()).isEqualTo(truth.restriction().at());
    assertThat(truth.restriction().day()).isEqualTo(10);
  }

  @Test
  void disguisesCoverEveryKindAndEachIsUsedByTheRings() {
    Set<String> kinds = truth.disguises().stream().map(Truth.Disguise::kind).collect(Collectors.toSet());
    assertThat(kinds).contains("leet", "separator", "repeat", "fullwidth", "homoglyph", "zero_width", "decoration",
        "case");
    List<String> spellings = truth.disguises().stream().map(Truth.Disguise::spelling).toList();
    assertThat(spellings).doesNotHaveDuplicates().doesNotContain("dropboxlinks");
    assertThat(String.join("", spellings))
        .containsAnyOf("\u200B", "\u200C", "\u200D", "\u2060") // invisible characters
        .containsPattern("[\u0400-\u04FF]") // Cyrillic look-alikes
        .containsPattern("[\u0370-\u03FF]") // Greek look-alikes
        .contains("ｄｒｏｐｂｏｘｌｉｎｋｓ");
    Set<String> ringTags = g.by(a -> a.role().isRing()).flatMap(e -> Generated.hashtags(e).stream())
        .collect(Collectors.toSet());
    assertThat(ringTags).containsAll(spellings).contains("dropboxlinks");
    // The disguise is in the post's text too, as people would read it.
    assertThat(g.by(a -> a.role().isRing()).filter(e -> e.body() instanceof EventBody.Post p
        && p.text().orElse("").contains("#" + spellings.get(0)))).isNotEmpty();
  }

  @Test
  void afterTheRestrictionRingsMoveToAnInventedTagAndToBios() {
    assertThat(truth.emergingTags()).hasSize(4);
    Set<String> emerging = new HashSet<>();
    for (Truth.EmergingTag t : truth.emergingTags()) {
      emerging.add(t.tag());
      assertThat(t.tag()).doesNotContain("dropbox").isNotEqualTo("dropboxpaper");
      assertThat(t.startedAt()).isAfter(truth.restriction().at());
      assertThat(Simulator.lexiconCsv()).doesNotContain(t.tag());
      List<Event> uses = g.events.stream().filter(e -> Generated.hashtags(e).contains(t.tag())).toList();
      assertThat(uses).as(t.tag()).isNotEmpty().allSatisfy(e -> {
        assertThat(e.occurredAt()).isAfterOrEqualTo(t.startedAt());
        assertThat(truth.account(e.actor()).orElseThrow().ring()).contains(t.ring());
      });
    }
    assertThat(emerging).hasSize(4);
    // Bios updated after the restriction carry handles on other apps and the new tag.
    List<String> laterBios = g.by(a -> a.role() == Truth.Role.RING)
        .filter(e -> e.body() instanceof EventBody.Account && e.occurredAt().isAfter(truth.restriction().at()))
        .map(e -> ((EventBody.Account) e.body()).bio().orElse("")).toList();
    assertThat(laterBios).isNotEmpty().allSatisfy(b -> assertThat(b).containsAnyOf("kik: ", "tg @", "wa.me/", "snap: ")
        .containsAnyOf(emerging.stream().map(t -> "#" + t).toArray(String[]::new)));
  }

  @Test
  void ringMembersMostlyFollowEachOther() {
    for (Truth.Ring ring : truth.rings()) {
      List<String> founders = ring.members().stream()
          .filter(id -> truth.account(id).orElseThrow().role() == Truth.Role.RING).toList();
      Set<String> pairs = g.events.stream()
          .filter(e -> e.body() instanceof EventBody.Follow f && founders.contains(e.actor())
              && founders.contains(f.target()))
          .map(e -> e.actor() + ">" + ((EventBody.Follow) e.body()).target()).collect(Collectors.toSet());
      int possible = founders.size() * (founders.size() - 1);
      assertThat(pairs.size()).as(ring.id()).isGreaterThan(possible * 7 / 10);
    }
  }

  @Test
  void ringsTradeOffPlatformThroughFoldersHandlesAndPaymentIds() {
    List<String> ringMessages = g.by(a -> a.role().isRing())
        .filter(e -> e.body() instanceof EventBody.Message).flatMap(e -> Generated.texts(e).stream()).toList();
    String all = String.join("\n", ringMessages);
    assertThat(all).containsPattern("https://www\\.dropbox\\.com/sh/[a-z0-9]{15}/[A-Za-z0-9_-]{25}\\?dl=0")
        .containsPattern("https://drive\\.google\\.com/drive/folders/[A-Za-z0-9_-]{33}")
        .containsPattern("https://mega\\.nz/folder/[A-Za-z0-9]{8}#[A-Za-z0-9_-]{22}")
        .containsPattern("(^|[^/])(dropbox\\.com|drive\\.google\\.com|mega\\.nz)/") // without scheme
        .contains(" (dot) ")
        .contains("you send first");
    String bios = g.by(a -> a.role().isRing()).filter(e -> e.body() instanceof EventBody.Account)
        .flatMap(e -> Generated.texts(e).stream()).collect(Collectors.joining("\n"));
    String everything = all + "\n" + bios;
    assertThat(everything).contains("kik: ").containsAnyOf("paypal.me/", "Cash App $", "btc ");
    Set<String> kinds = truth.accounts().stream().filter(a -> a.role().isRing())
        .flatMap(a -> a.identities().stream()).map(Truth.Identity::kind).collect(Collectors.toSet());
    assertThat(kinds).contains("kik", "telegram", "folder", "btc");
    assertThat(truth.accounts().stream().flatMap(a -> a.identities().stream())
        .filter(i -> i.kind().equals("whatsapp")).map(Truth.Identity::value))
        .allSatisfy(v -> assertThat(v).matches("wa\\.me/(447700900\\d{3}|61491570\\d{3}|120255501\\d{2})"));
  }

  @Test
  void bitcoinAddressesInTheTruthHaveValidChecksums() {
    List<String> addresses = truth.accounts().stream().flatMap(a -> a.identities().stream())
        .filter(i -> i.kind().equals("btc")).map(Truth.Identity::value).toList();
    assertThat(addresses).isNotEmpty().allSatisfy(a -> assertThat(
        a.startsWith("bc1") ? Bech32.decodeSegwit("bc", a).isPresent() : Base58Check.decodeChecked(a).isPresent())
        .as(a).isTrue());
  }

  @Test
  void messagingOnlyMembersNeverPostButDoMessage() {
    List<Truth.Account> quiet = truth.accounts().stream().filter(Truth.Account::messagingOnly).toList();
    assertThat(quiet).isNotEmpty().allSatisfy(a -> assertThat(a.role()).isEqualTo(Truth.Role.RING));
    Set<String> ids = quiet.stream().map(Truth.Account::id).collect(Collectors.toSet());
    List<Event> theirs = g.events.stream().filter(e -> ids.contains(e.actor())).toList();
    assertThat(theirs).noneMatch(e -> e.body() instanceof EventBody.Post || e.body() instanceof EventBody.Comment);
    assertThat(theirs).filteredOn(e -> e.body() instanceof EventBody.Message).isNotEmpty();
  }

  @Test
  void onlyRingAccountsShareKnownMedia() {
    Set<String> knownMd5 = truth.knownMedia().stream().map(Truth.KnownMedia::md5).collect(Collectors.toSet());
    Set<String> knownPdq = truth.knownMedia().stream().map(Truth.KnownMedia::pdq).collect(Collectors.toSet());
    Map<Boolean, List<Event>> withKnown = g.events.stream()
        .filter(e -> Generated.media(e).stream().anyMatch(m -> m.md5().filter(knownMd5::contains).isPresent()
            || m.pdq().filter(knownPdq::contains).isPresent()))
        .collect(Collectors.partitioningBy(e -> truth.account(e.actor()).orElseThrow().role().isRing()));
    assertThat(withKnown.get(false)).isEmpty();
    assertThat(withKnown.get(true)).isNotEmpty().allSatisfy(e ->
        assertThat(truth.account(e.actor()).orElseThrow().sharesKnownMedia()).isTrue());
    // Re-encoded copies: a PDQ a few bits from a known one, with other file hashes.
    long nearCopies = g.by(a -> a.role().isRing()).flatMap(e -> Generated.media(e).stream())
        .filter(m -> m.pdq().isPresent() && !knownPdq.contains(m.pdq().get())
            && knownPdq.stream().anyMatch(k -> hamming(k, m.pdq().get()) <= 10))
        .count();
    assertThat(nearCopies).isPositive();
  }

  @Test
  void suspendedMembersGoQuietAndComeBackUnderANewAccountReusingSomeOfTheirTraces() {
    assertThat(truth.suspensions()).hasSize(5);
    for (Truth.Suspension s : truth.suspensions()) {
      assertThat(g.events).anyMatch(e -> e.actor().equals("platform") && e.occurredAt().equals(s.at())
          && e.body().equals(new EventBody.Enforcement(TargetType.ACCOUNT, s.account(), EnforcementAction.SUSPENDED)));
      assertThat(g.events).filteredOn(e -> e.actor().equals(s.account()))
          .allSatisfy(e -> assertThat(e.occurredAt()).isBefore(s.at()));

      String evaderId = s.evader().orElseThrow();
      Truth.Account evader = truth.account(evaderId).orElseThrow();
      Truth.Account gone = truth.account(s.account()).orElseThrow();
      assertThat(evader.role()).isEqualTo(Truth.Role.EVADER);
      assertThat(evader.replaces()).contains(s.account());
      assertThat(evader.ring()).isEqualTo(gone.ring()).contains(s.ring());
      assertThat(evader.handle()).isNotEqualTo(gone.handle());
      assertThat(truth.rings().stream().filter(r -> r.id().equals(s.ring())).findFirst().orElseThrow().members())
          .contains(evaderId);

      List<Event> theirs = g.events.stream().filter(e -> e.actor().equals(evaderId)).toList();
      assertThat(theirs.get(0).body()).isInstanceOf(EventBody.Account.class);
      assertThat(theirs.get(0).occurredAt()).isEqualTo(s.returnedAt().orElseThrow()).isAfter(s.at());
      // What it reuses shows (EvasionTest checks each kind); the ring sees it in messages.
      assertThat(s.reused()).isNotEmpty();
      assertThat(theirs).anyMatch(e -> e.body() instanceof EventBody.Message m
          && m.to().stream().allMatch(to -> truth.account(to).orElseThrow().ring().equals(evader.ring())));
      // And it reconnects: follows ring members again from the day it returns.
      List<Event> ringFollows = theirs.stream().filter(e -> e.body() instanceof EventBody.Follow f
          && truth.account(f.target()).orElseThrow().ring().equals(evader.ring())).toList();
      assertThat(ringFollows).isNotEmpty();
      assertThat(ringFollows.get(0).occurredAt()).isBefore(s.returnedAt().orElseThrow().plusSeconds(2 * 3600));
    }
  }

  @Test
  void floodersBuryTheTagWithNearDuplicateMemesAndReportRingAccounts() {
    Instant restricted = truth.restriction().at();
    List<Event> memes = g.byRole(Truth.Role.FLOODER)
        .filter(e -> e.body() instanceof EventBody.Post p && p.text().orElse("").contains("#dropboxlinks")).toList();
    assertThat(memes).anyMatch(e -> e.occurredAt().isAfter(restricted));
    assertThat(memes.stream().map(Event::actor).distinct().count()).isGreaterThan(20);
    assertThat(memes).allSatisfy(e -> {
      Media m = Generated.media(e).get(0);
      assertThat(truth.flood().memePdq()).anyMatch(base -> hamming(base, m.pdq().orElseThrow()) <= 6);
    });
    assertThat(memes).anyMatch(e -> ((EventBody.Post) e.body()).text().orElse("").startsWith("this tag is now for memes"));
    int floodDays = truth.flood().endDay() - truth.flood().startDay() + 1;
    assertThat(memes).allSatisfy(e -> assertThat(e.occurredAt()).isAfterOrEqualTo(
            SimConfig.START_2019.plusSeconds(truth.flood().startDay() * 86_400L))
        .isBefore(SimConfig.START_2019.plusSeconds((truth.flood().startDay() + floodDays) * 86_400L)));
    // In the flood, the listed tag's posts are mostly memes.
    long ringListed = g.by(a -> a.role().isRing()).filter(e -> Generated.hashtags(e).contains("dropboxlinks")).count();
    assertThat((long) memes.size()).isGreaterThan(ringListed * 3);

    // Besides their everyday spam reports, flooders report the accounts they see in the tag.
    List<EventBody.Report> reports = g.byRole(Truth.Role.FLOODER)
        .filter(e -> e.body() instanceof EventBody.Report r && r.reason().equals(java.util.Optional.of("child_safety")))
        .map(e -> (EventBody.Report) e.body()).toList();
    assertThat(reports).hasSizeGreaterThan(20)
        .allSatisfy(r -> assertThat(r.targetType()).isEqualTo(TargetType.ACCOUNT));
    long atRing = reports.stream().filter(r -> truth.account(r.targetId()).orElseThrow().role().isRing()).count();
    assertThat(atRing).isGreaterThan(reports.size() * 3L / 4);
  }

  @Test
  void someUserReportsAreSpamReportsOfOrdinaryAccounts() {
    assertThat(g.byRole(Truth.Role.ORDINARY).filter(e -> e.body() instanceof EventBody.Report r
        && r.reason().equals(java.util.Optional.of("spam")) && r.targetType() == TargetType.ACCOUNT
        && truth.account(r.targetId()).orElseThrow().role() != Truth.Role.RING)).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(longs = {7, 8, 9})
  void lookalikesNeverUseTheListedTagOrItsDisguises(long seed) {
    Generated s = Generated.of(seed);
    Set<String> banned = new HashSet<>();
    banned.add("dropboxlinks");
    s.truth.disguises().forEach(d -> banned.add(d.spelling().toLowerCase(Locale.ROOT)));
    List<String> said = s.by(a -> LOOKALIKES.contains(a.role())).flatMap(e -> Generated.texts(e).stream())
        .map(t -> t.toLowerCase(Locale.ROOT)).toList();
    assertThat(said).isNotEmpty().allSatisfy(t -> assertThat(banned).noneMatch(t::contains));
    // …while looking close to a ring.
    String cards = s.byRole(Truth.Role.LOOKALIKE_CARDS).flatMap(e -> Generated.texts(e).stream())
        .collect(Collectors.joining("\n"));
    assertThat(cards).contains("dm me to trade", "paypal.me/", "serious traders only", "you send first");
    String docs = s.byRole(Truth.Role.LOOKALIKE_DOCS).flatMap(e -> Generated.texts(e).stream())
        .collect(Collectors.joining("\n"));
    assertThat(docs).containsPattern("https://www\\.dropbox\\.com/scl/fi/[a-z0-9]{25}/\\w+\\.\\w+\\?(rlkey=\\w+&)?dl=0")
        .contains("#teamwork", "#meetingnotes", "#dropboxpaper", "drive.google.com/drive/folders/");
  }

  @Test
  void ordinaryUsersShareThePopularTagsTheRingsUse() {
    Set<String> ordinaryTags = g.byRole(Truth.Role.ORDINARY)
        .flatMap(e -> Generated.hashtags(e).stream()).collect(Collectors.toSet());
    Set<String> ringTags = g.by(a -> a.role().isRing())
        .flatMap(e -> Generated.hashtags(e).stream()).collect(Collectors.toSet());
    assertThat(ordinaryTags).contains("sunrise", "nofilter", "food", "travel", "love", "photooftheday")
        .doesNotContain("dropboxlinks");
    assertThat(ringTags).contains("love", "photooftheday");
    // Rings solicit under ordinary posts.
    Set<String> ordinaryPosts = g.byRole(Truth.Role.ORDINARY).filter(e -> e.body() instanceof EventBody.Post)
        .map(e -> ((EventBody.Post) e.body()).id()).collect(Collectors.toSet());
    assertThat(g.by(a -> a.role().isRing())).anyMatch(e -> e.body() instanceof EventBody.Comment c
        && ordinaryPosts.contains(c.postId()));
  }

  @Test
  void idsSayNothingAboutRoles() {
    List<Integer> ringNumbers = truth.withRole(Truth.Role.RING).stream()
        .map(a -> Integer.parseInt(a.id().substring(1))).sorted().toList();
    assertThat(ringNumbers.get(ringNumbers.size() - 1) - ringNumbers.get(0)).isGreaterThan(200);
    Set<String> handles = truth.accounts().stream().map(Truth.Account::handle).collect(Collectors.toSet());
    assertThat(handles).hasSize(truth.accounts().size());
  }

  @Test
  void noGeneratedTextIsExplicit() {
    // Placeholder-level text only: no sexual words, no ages, no words about children. Random
    // tokens (links, ids, addresses) are left out: any word can turn up inside random characters.
    Set<String> banned = Set.of("sex", "sexy", "nude", "nudes", "naked", "porn", "nsfw", "child", "children", "kid",
        "kids", "teen", "teens", "boy", "boys", "girl", "girls", "young", "underage", "yo", "cp", "abuse", "explicit");
    Set<String> words = new HashSet<>();
    g.events.stream().flatMap(e -> Generated.texts(e).stream())
        .flatMap(t -> java.util.Arrays.stream(t.toLowerCase(Locale.ROOT).split("\\s+")))
        .filter(token -> !token.matches(".*[0-9/$@].*"))
        .flatMap(token -> java.util.Arrays.stream(token.split("[^\\p{L}]+")))
        .forEach(words::add);
    assertThat(words).contains("trade", "folders", "coffee").doesNotContainAnyElementsOf(banned);
  }

  static int hamming(String a, String b) {
    int d = 0;
    for (int i = 0; i < a.length(); i++) {
      d += Integer.bitCount(Character.digit(a.charAt(i), 16) ^ Character.digit(b.charAt(i), 16));
    }
    return d;
  }
}
