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

class FirstPolicyTest {

  static final Subject ACCOUNT = Subject.account("u1");
  final FirstPolicy policy = new FirstPolicy();

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
}
