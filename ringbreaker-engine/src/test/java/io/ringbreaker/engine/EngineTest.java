package io.ringbreaker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.HashType;
import io.ringbreaker.model.HashtagOpinion;
import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.Severity;
import io.ringbreaker.model.Subject;
import io.ringbreaker.model.TagState;
import io.ringbreaker.model.Verdict;
import io.ringbreaker.model.contract.EventParser;
import io.ringbreaker.model.contract.ParseResult;
import io.ringbreaker.policy.RulePolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineTest {

  static final String PDQ = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

  static Event event(String json) {
    return switch (EventParser.parse(json)) {
      case ParseResult.Accepted a -> a.event();
      case ParseResult.Rejected r -> throw new AssertionError(r.reason());
    };
  }

  static Engine engine() {
    return new Engine(List.of(new LexiconTerm("examplelinks", "trade_advert", TagState.WATCH),
        new LexiconTerm("examplepaper", "brand", TagState.ALLOWED)),
        List.of(BankEntry.of("known", HashType.PDQ, PDQ, "synthetic-1")), RulePolicy.defaults());
  }

  static String post(String id, String postId, String actor, String text) {
    return "{\"event_id\":\"" + id + "\",\"type\":\"post\",\"occurred_at\":\"2019-01-02T09:0" + id.length()
        + ":00Z\",\"actor\":\"" + actor + "\",\"post\":{\"id\":\"" + postId + "\",\"text\":\"" + text + "\"}}";
  }

  @Test
  void listedHashtagFlagsThePostAndItsAuthorWithTheSpan() {
    Engine e = engine();
    e.apply(event(post("e1", "p1", "u1", "new stuff #ExampleLinks dm me")));
    Verdict post = e.verdict(Subject.post("p1")).orElseThrow();
    assertThat(post.signals()).extracting(s -> s.kind() + ":" + s.value())
        .containsExactlyInAnyOrder("hashtag.lexicon:examplelinks", "trade.phrase:invite_dm");
    assertThat(post.signals()).filteredOn(s -> s.kind().equals("trade.phrase")).singleElement()
        .satisfies(s -> assertThat(s.span().orElseThrow().start()).isEqualTo(24));
    assertThat(post.signals()).filteredOn(s -> s.kind().equals("hashtag.lexicon")).singleElement().satisfies(s -> {
      assertThat(s.kind()).isEqualTo("hashtag.lexicon");
      assertThat(s.value()).isEqualTo("examplelinks");
      assertThat(s.eventId()).isEqualTo("e1");
      assertThat(s.span().orElseThrow().start()).isEqualTo(10);
      assertThat(s.detail()).containsEntry("state", "watch");
    });
    assertThat(e.verdict(Subject.account("u1"))).isPresent();
    // A listed tag with an invitation to message: soliciting beside the advertisement, a person reviews.
    assertThat(e.verdict(Subject.account("u1")).orElseThrow().severity()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void anAppealIsRecordedOnItsSubjectAndWeighsNothing() {
    Engine e = engine();
    e.apply(event(post("e1", "p1", "u1", "#examplelinks dm me")));
    Verdict before = e.verdict(Subject.account("u1")).orElseThrow();
    e.apply(event("{\"event_id\":\"e9\",\"type\":\"appeal\",\"occurred_at\":\"2019-01-05T00:00:00Z\",\"actor\":\"u1\","
        + "\"appeal\":{\"id\":\"a1\",\"target_type\":\"account\",\"target_id\":\"u1\",\"action\":\"restrict_messaging\","
        + "\"text\":\"placeholder\"}}"));
    Verdict after = e.verdict(Subject.account("u1")).orElseThrow();
    assertThat(after.signals()).anySatisfy(s -> {
      assertThat(s.kind()).isEqualTo("appeal.filed");
      assertThat(s.value()).isEqualTo("a1");
      assertThat(s.detail()).containsEntry("action", "restrict_messaging");
    });
    assertThat(after.score()).isEqualTo(before.score());
    assertThat(after.severity()).isEqualTo(before.severity());
    assertThat(after.reasons()).contains("appealed restrict_messaging (1 appeal)");
  }

  @Test
  void repeatedUseRestrictionAndReportsRaiseTheAccountToHigh() {
    Engine e = engine();
    e.apply(event(post("e1", "p1", "u1", "#examplelinks")));
    e.apply(event(post("e22", "p2", "u1", "#examplelinks again")));
    e.apply(event("{\"event_id\":\"e3\",\"type\":\"enforcement\",\"occurred_at\":\"2019-01-03T00:00:00Z\",\"actor\":\"platform\","
        + "\"enforcement\":{\"target_type\":\"hashtag\",\"target_id\":\"ExampleLinks\",\"action\":\"hashtag_restricted\"}}"));
    e.apply(event(post("e444", "p3", "u1", "#examplelinks still here")));
    e.apply(event("{\"event_id\":\"e5\",\"type\":\"report\",\"occurred_at\":\"2019-01-04T00:00:00Z\",\"actor\":\"u9\","
        + "\"report\":{\"id\":\"r1\",\"target_type\":\"account\",\"target_id\":\"u1\",\"reason\":\"child_safety\"}}"));
    Verdict v = e.verdict(Subject.account("u1")).orElseThrow();
    assertThat(v.severity()).isEqualTo(Severity.HIGH);
    assertThat(v.actions()).contains("review", "priority", "preserve");
    assertThat(v.firstFlaggedAt()).isPresent();
    HashtagOpinion tag = e.hashtags().getFirst();
    assertThat(tag.tag()).isEqualTo("examplelinks");
    assertThat(tag.state()).isEqualTo(TagState.RESTRICTED);
    assertThat(tag.posts()).isEqualTo(3);
    assertThat(tag.flaggedAccounts()).isEqualTo(1);
  }

  @Test
  void anAccountFlaggedLaterUpdatesTheFlaggedCountOfTagsItUsedEarlier() {
    Engine e = engine();
    e.apply(event(post("e1", "p1", "u1", "#examplelinks")));
    e.drainChanges();
    e.apply(event("{\"event_id\":\"e2\",\"type\":\"post\",\"occurred_at\":\"2019-01-02T09:05:00Z\",\"actor\":\"u1\","
        + "\"post\":{\"id\":\"p2\",\"media\":[{\"id\":\"m3\",\"pdq\":\"" + PDQ + "\"}]}}"));
    Engine.Changes changes = e.drainChanges();
    assertThat(changes.hashtags()).singleElement().satisfies(h -> {
      assertThat(h.tag()).isEqualTo("examplelinks");
      assertThat(h.flaggedAccounts()).isEqualTo(1);
    });
  }

  @Test
  void allowedTermsAndOrdinaryTagsDoNotSignal() {
    Engine e = engine();
    e.apply(event(post("e1", "p1", "u1", "#examplepaper #sunrise")));
    assertThat(e.verdicts()).isEmpty();
  }

  @Test
  void reportsAloneNeverReachHigh() {
    Engine e = engine();
    for (int i = 0; i < 20; i++) {
      e.apply(event("{\"event_id\":\"r" + i + "\",\"type\":\"report\",\"occurred_at\":\"2019-01-04T00:00:00Z\",\"actor\":\"u"
          + i + "\",\"report\":{\"id\":\"r" + i + "\",\"target_type\":\"account\",\"target_id\":\"u1\",\"reason\":\"child_safety\"}}"));
    }
    Verdict v = e.verdict(Subject.account("u1")).orElseThrow();
    assertThat(v.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(v.actions()).containsExactly("review");
    assertThat(v.reasons()).containsExactly("reported by 20 users");
  }

  @Test
  void knownMediaIsCriticalOnThePostAndAccount() {
    Engine e = engine();
    e.apply(event("{\"event_id\":\"e1\",\"type\":\"post\",\"occurred_at\":\"2019-01-02T09:05:00Z\",\"actor\":\"u17\","
        + "\"post\":{\"id\":\"p9\",\"media\":[{\"id\":\"m3\",\"pdq\":\"" + PDQ.toUpperCase() + "\"}]}}"));
    assertThat(e.verdict(Subject.post("p9")).orElseThrow().severity()).isEqualTo(Severity.CRITICAL);
    Verdict account = e.verdict(Subject.account("u17")).orElseThrow();
    assertThat(account.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(account.signals().getFirst().detail()).containsEntry("bank", "known").containsEntry("label", "synthetic-1");
  }

  @Test
  void mediaBytesAreHashedAgainstTheBank() throws Exception {
    byte[] bytes = "synthetic image bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
    Engine e = new Engine(List.of(), List.of(BankEntry.of("known", HashType.MD5, md5, "x")), RulePolicy.defaults());
    e.apply(event("{\"event_id\":\"e1\",\"type\":\"message\",\"occurred_at\":\"2019-01-02T09:05:00Z\",\"actor\":\"u1\","
        + "\"message\":{\"id\":\"d1\",\"conversation_id\":\"k\",\"to\":[\"u2\"],\"media\":[{\"id\":\"m\",\"data_base64\":\""
        + java.util.Base64.getEncoder().encodeToString(bytes) + "\"}]}}"));
    assertThat(e.verdict(Subject.message("d1")).orElseThrow().severity()).isEqualTo(Severity.CRITICAL);
  }
}
