package io.ringbreaker.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.model.Severity;
import io.ringbreaker.model.Signal;
import io.ringbreaker.model.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shipped default policy, decision by decision: what docs/policy.md promises. */
class DefaultPolicyTest {

  static final Subject ACCOUNT = Subject.account("u1");
  static final RulePolicy policy = RulePolicy.defaults();

  static Signal signal(String kind, String value, String event, Map<String, String> detail) {
    return new Signal(kind, value, event, Instant.parse("2019-01-02T09:00:00Z"), Optional.empty(), detail);
  }

  static List<Signal> many(String kind, String value, int n, Map<String, String> detail) {
    List<Signal> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(signal(kind, value, "e" + kind + i, detail));
    }
    return out;
  }

  @Test
  void tradeTalkAloneIsLow() {
    Decision d = policy.decide(ACCOUNT, many("trade.phrase", "invite_dm", 30, Map.of()));
    assertThat(d.severity()).isEqualTo(Severity.LOW);
  }

  @Test
  void aCardTraderWithTradeTalkAndAPaymentLinkStaysBelowHigh() {
    List<Signal> s = new ArrayList<>(many("trade.phrase", "want_trade", 40, Map.of()));
    s.add(signal("payment.paypal", "cardguy", "p1", Map.of()));
    s.addAll(many("report.user", "spammer-reporter", 1, Map.of("reason", "spam")));
    assertThat(policy.decide(ACCOUNT, s).severity()).isIn(Severity.LOW, Severity.MEDIUM);
  }

  @Test
  void offPlatformIdentitiesAndTradeTalkWithoutAListedTagStopAtMedium() {
    List<Signal> s = new ArrayList<>(many("trade.phrase", "send_first", 10, Map.of()));
    s.add(signal("link.cloud_storage", "dropbox:folder:a1", "l1", Map.of("kind", "folder")));
    s.add(signal("link.cloud_storage", "mega:folder:b2", "l2", Map.of("kind", "folder")));
    s.add(signal("contact.kik", "someone", "c1", Map.of()));
    s.add(signal("contact.telegram", "someone", "c2", Map.of()));
    s.add(signal("contact.whatsapp", "+447700900123", "c3", Map.of()));
    s.add(signal("payment.btc", "bc1qexample", "b1", Map.of()));
    s.add(signal("payment.paypal", "someone", "b2", Map.of()));
    Decision d = policy.decide(ACCOUNT, s);
    assertThat(d.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(d.reasons().getFirst()).startsWith("trade talk");
  }

  @Test
  void theSameWithAListedTagIsHigh() {
    List<Signal> s = new ArrayList<>(many("trade.phrase", "send_first", 3, Map.of()));
    s.add(signal("link.cloud_storage", "dropbox:folder:a1", "l1", Map.of("kind", "folder")));
    s.add(signal("hashtag.lexicon", "dr0pboxlinks", "h1", Map.of("state", "watch")));
    assertThat(policy.decide(ACCOUNT, s).severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void teamsSharingDocumentLinksAreLow() {
    List<Signal> s = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      s.add(signal("link.cloud_storage", "dropbox:file:doc" + i, "l" + i, Map.of("kind", "file")));
    }
    assertThat(policy.decide(ACCOUNT, s).severity()).isEqualTo(Severity.LOW);
  }

  @Test
  void aKnownImageIsCriticalWhateverElse() {
    Decision d = policy.decide(ACCOUNT, List.of(signal("media.hash_match", "md5:00", "m1", Map.of("bank", "b", "label", "x"))));
    assertThat(d.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(d.actions()).contains("review", "preserve", "draft_report");
  }

  @Test
  void aKnownImageOnAPostRemovesAndPreservesAndOnlyPreservingIsAutomatic() {
    Decision d = policy.decide(Subject.post("p1"),
        List.of(signal("media.hash_match", "pdq:ab", "m1", Map.of("bank", "known", "label", "x"))));
    assertThat(d.actions()).containsExactly("review", "remove", "preserve", "draft_report");
    assertThat(d.automatic()).containsExactly("preserve");
    assertThat(d.rules()).containsExactly("known-image");
    assertThat(d.queue()).contains("child-safety");
    assertThat(d.priority()).isEqualTo(100);
  }

  @Test
  void aReportAloneIsMediumAtMostAndNotPriority() {
    List<Signal> s = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      s.add(signal("report.user", "reporter" + i, "r" + i, Map.of("reason", "child_safety")));
    }
    Decision d = policy.decide(ACCOUNT, s);
    assertThat(d.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(d.actions()).doesNotContain("priority");
  }

  @Test
  void aReportAgainstAnAccountWithAnyRiskSignalGoesToAPersonFirstAndIsNeverClosed() {
    List<Signal> s = List.of(
        signal("report.user", "reporter1", "r1", Map.of("reason", "spam")),
        signal("contact.kik", "someone", "c1", Map.of()));
    Decision d = policy.decide(ACCOUNT, s);
    assertThat(d.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(d.actions()).contains("review", "priority");
    assertThat(d.reasons()).anyMatch(r -> r.contains("never closed as no violation"));
    assertThat(d.rules()).containsExactly("medium", "reported-with-risk");
    assertThat(d.priority()).isEqualTo(60);
  }

  @Test
  void aRingMemberThroughItsTiesAloneIsHighWithMessagingRestricted() {
    Decision d = policy.decide(ACCOUNT, List.of(signal("ring.member", "ring-1", "x1",
        Map.of("role", "tied", "share", "0.6", "tied_members", "3", "size", "9"))));
    assertThat(d.severity()).isEqualTo(Severity.HIGH);
    assertThat(d.actions()).containsExactly("review", "restrict_messaging", "preserve");
    assertThat(d.reasons().getFirst()).contains("member of ring-1");
  }

  @Test
  void memesInAFloodOfAListedTagNeverAddUpToHigh() {
    Decision d = policy.decide(ACCOUNT, many("hashtag.lexicon", "dropboxlinks", 200,
        Map.of("state", "blocked", "flood", "meme")));
    assertThat(d.severity()).isEqualTo(Severity.LOW);
  }

  @Test
  void theVersionNamesTheFileAndItsDigest() {
    assertThat(policy.version()).matches("default/3#[0-9a-f]{8}");
  }

  @Test
  void everyDecisionRecordsTheRuleThatMadeIt() {
    assertThat(policy.decide(ACCOUNT, many("trade.phrase", "invite_dm", 1, Map.of())).rules()).containsExactly("low");
  }
}
