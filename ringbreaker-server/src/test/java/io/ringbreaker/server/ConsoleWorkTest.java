package io.ringbreaker.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.store.CaseRow;
import io.ringbreaker.store.CaseUpdate;
import io.ringbreaker.store.DecisionRow;
import io.ringbreaker.store.EvidenceItem;
import io.ringbreaker.store.EvidenceKeys;
import io.ringbreaker.store.Role;
import io.ringbreaker.store.StateBatch;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's work beyond one case: a lead disagreeing with a clear, one decision for a whole
 * ring, the event a signal came from, a reviewer's own settings, preserved evidence by role, video.
 */
class ConsoleWorkTest {
  @TempDir Path dir;

  @Test
  void aLeadRejectsAClearedReportAndTheCaseIsDecidedAgain() throws Exception {
    try (Served s = Served.start(Served.Vendor.SQLITE, dir)) {
      reportedFolderPost(s);
      Served.Browser rita = s.signIn("rita", Role.REVIEWER);
      String casePath = take(s, rita, "triage");
      assertThat(s.postForm(rita, casePath + "/decide", "decision=clear&category=not_violating&reason="
          + Served.enc("a document folder, placeholder") + "&csrf=" + rita.csrf()).statusCode()).isEqualTo(302);

      Served.Browser lena = s.signIn("lena", Role.LEAD);
      String page = s.getAs(lena, casePath).body();
      Matcher m = Pattern.compile("action=/console/decisions/(\\d+)/reject").matcher(page);
      assertThat(m.find()).as(page).isTrue();
      long decision = Long.parseLong(m.group(1));
      assertThat(s.postForm(rita, "/console/decisions/" + decision + "/reject", "reason=x&csrf=" + rita.csrf())
          .statusCode()).as("a reviewer is not a lead").isEqualTo(403);
      assertThat(s.postForm(lena, "/console/decisions/" + decision + "/reject", "reason=&csrf=" + lena.csrf())
          .statusCode()).as("a rejection says why").isEqualTo(400);
      HttpResponse<String> rejected = s.postForm(lena, "/console/decisions/" + decision + "/reject",
          "reason=" + Served.enc("the folder link is trade <b>language</b>") + "&csrf=" + lena.csrf());
      assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(302);
      assertThat(s.store.cases().decision(decision).orElseThrow().state()).isEqualTo(DecisionRow.State.REJECTED);

      // Back in the escalated queue, with the lead's reason (escaped) for whoever takes it next.
      Served.Browser omar = s.signIn("omar", Role.REVIEWER);
      String again = take(s, omar, "escalated");
      assertThat(again).isEqualTo(casePath);
      String view = s.getAs(omar, again).body();
      assertThat(view).contains("rejected by lena", "the folder link is trade &lt;b&gt;language&lt;/b&gt;")
          .contains("1 undecided subject(s)");
      HttpResponse<String> decided = s.postForm(omar, again + "/decide", "decision=confirm&category=off_platform_trade"
          + "&reason=&csrf=" + omar.csrf());
      assertThat(decided.statusCode()).as(decided.body()).isEqualTo(302);
      long caseId = Long.parseLong(again.substring(again.lastIndexOf('/') + 1));
      assertThat(s.store.cases().decisions(caseId)).extracting(DecisionRow::state)
          .containsExactly(DecisionRow.State.REJECTED, DecisionRow.State.FINAL);
      assertThat(s.store.audit().list(Optional.of("lena"), Optional.of("decision.reject"), Optional.of("decision:"
          + decision), Optional.empty(), 10).items()).singleElement()
          .satisfies(a -> assertThat(a.detailJson()).contains("trade <b>language</b>"));
    }
  }

  @Test
  void anEscalatedCaseIsDecidedByTheNextReviewer() throws Exception {
    try (Served s = Served.start(Served.Vendor.SQLITE, dir)) {
      reportedFolderPost(s);
      Served.Browser rita = s.signIn("rita", Role.REVIEWER);
      String casePath = take(s, rita, "triage");
      assertThat(s.postForm(rita, casePath + "/decide", "decision=escalate&category=other&reason="
          + Served.enc("needs someone who knows this host") + "&csrf=" + rita.csrf()).statusCode()).isEqualTo(302);
      Served.Browser lena = s.signIn("lena", Role.LEAD);
      String again = take(s, lena, "escalated");
      assertThat(again).isEqualTo(casePath);
      assertThat(s.getAs(lena, again).body()).contains("1 undecided subject(s)");
      HttpResponse<String> decided = s.postForm(lena, again + "/decide", "decision=confirm&category=off_platform_trade"
          + "&reason=&csrf=" + lena.csrf());
      assertThat(decided.statusCode()).as(decided.body()).isEqualTo(302);
      long caseId = Long.parseLong(again.substring(again.lastIndexOf('/') + 1));
      assertThat(s.store.cases().decisions(caseId)).extracting(d -> d.decision().wire() + " by " + d.reviewer())
          .containsExactly("escalate by rita", "confirm by lena");
    }
  }

  @Test
  void anIntegrationRejectsAClearThroughTheApi() throws Exception {
    try (Served s = Served.start(Served.Vendor.SQLITE, dir)) {
      reportedFolderPost(s);
      String tool = s.store.apiKeys().create("trust-tool");
      CaseRow c = s.store.cases().claimNext("triage", "api-key:trust-tool", Instant.now(), Duration.ofMinutes(5))
          .orElseThrow();
      long decision = s.store.cases().decide(c.id(), "api-key:trust-tool", List.of(new io.ringbreaker.store.SubjectDecision(
          "account", "u9", io.ringbreaker.store.DecisionKind.CLEAR, "not_violating", "fine", List.of())), Instant.now())
          .getFirst().id();
      assertThat(post(s, tool, "/v1/decisions/" + decision + "/reject", "{\"reason\":\"x\"}").statusCode())
          .as("the decider may not reject its own clear").isEqualTo(409);
      HttpResponse<String> noReason = post(s, s.key, "/v1/decisions/" + decision + "/reject", "{}");
      assertThat(noReason.statusCode()).isEqualTo(422);
      assertThat(noReason.body()).contains("reason: required text");
      HttpResponse<String> ok = post(s, s.key, "/v1/decisions/" + decision + "/reject", "{\"reason\":\"trade talk\"}");
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
      assertThat(Served.json(ok).path("state").asText()).isEqualTo("rejected");
      assertThat(s.store.cases().get(c.id()).orElseThrow().queue()).isEqualTo("escalated");
      assertThat(s.store.audit().list(Optional.empty(), Optional.of("decision.reject"), Optional.empty(),
          Optional.empty(), 10).items()).extracting(a -> a.actor()).containsExactly("api-key:default");
    }
  }

  @Test
  void oneDecisionCoversAWholeRingEachMemberRecorded() throws Exception {
    try (Served s = Served.start(Served.Vendor.SQLITE, dir)) {
      Instant t = Instant.now();
      for (String m : List.of("r1", "r2", "r3")) {
        s.store.state().commit("engine", 1, StateBatch.EMPTY.withCases(List.of(new CaseUpdate("account:" + m,
            "child-safety", "account", m, "high", List.of("review"), true, 80, 0, 0, List.of(), true,
            Optional.of("ring-7"), Optional.empty(), List.of(m), t))));
      }
      Served.Browser rita = s.signIn("rita", Role.REVIEWER);
      String casePath = take(s, rita, "child-safety");
      String page = s.getAs(rita, casePath).body();
      assertThat(page).contains("name=scope value=ring", "The whole ring ring-7");
      HttpResponse<String> decided = s.postForm(rita, casePath + "/decide", "decision=confirm&category=solicitation"
          + "&scope=ring&reason=" + Served.enc("one folder-trading ring") + "&csrf=" + rita.csrf());
      assertThat(decided.statusCode()).as(decided.body()).isEqualTo(302);
      assertThat(java.net.URLDecoder.decode(decided.headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8))
          .contains("confirm recorded for 3 subject(s) of ring ring-7 in 3 case(s)");
      List<CaseRow> all = s.store.cases().list(new io.ringbreaker.store.CaseQuery(Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), 10)).items();
      assertThat(all).hasSize(3);
      for (CaseRow c : all) {
        assertThat(s.store.cases().decisions(c.id())).as("case %s", c.key()).singleElement()
            .satisfies(d -> assertThat(d.reviewer()).isEqualTo("rita"));
      }
      assertThat(s.store.audit().list(Optional.of("rita"), Optional.of("case.decide"), Optional.empty(),
          Optional.empty(), 10).items()).singleElement()
          .satisfies(a -> assertThat(a.detailJson()).contains("\"ring\":\"ring-7\"", "\"subjects\":3"));
    }
  }

  @Test
  void noPageGivesOneAccessKeyTwice() throws Exception {
    EvidenceKeys keys = EvidenceKeys.ensure(dir.resolve("evidence-keys"));
    try (Served s = Served.start(Served.Vendor.SQLITE, dir, c -> c.withEvidenceKeys(keys))) {
      reportedFolderPost(s);
      Instant t = Instant.now();
      for (String m : List.of("r1", "r2")) {
        s.store.state().commit("engine", 1, StateBatch.EMPTY.withCases(List.of(new CaseUpdate("account:" + m,
            "child-safety", "account", m, "high", List.of("review"), true, 80, 0, 0, List.of(), true,
            Optional.of("ring-7"), Optional.empty(), List.of(m), t))));
      }
      EvidenceItem item = s.store.evidence().preserve(keys, "account", "u9", "event", "e1",
          "{}".getBytes(StandardCharsets.UTF_8), t, Duration.ofDays(365));
      Served.Browser ada = s.signIn("ada", Role.ADMIN);
      String ringCase = take(s, ada, "child-safety");
      String triageCase = take(s, ada, "triage");
      Pattern key = Pattern.compile("accesskey=\"?([^\" >]+)");
      for (String path : List.of("/console", "/console/queues/triage", ringCase, triageCase, "/console/settings",
          "/console/evidence?subject=account:u9", "/console/evidence/" + item.id(), "/console/events/e1",
          "/console/hashtags", "/admin/users", "/admin/audit", "/admin/policy", "/admin/keys")) {
        HttpResponse<String> page = s.getAs(ada, path);
        assertThat(page.statusCode()).as(path).isEqualTo(200);
        List<String> used = new java.util.ArrayList<>();
        for (Matcher m = key.matcher(page.body()); m.find(); ) {
          used.add(m.group(1));
        }
        assertThat(used).as("access keys on %s", path).doesNotHaveDuplicates();
      }
      assertThat(s.getAs(ada, ringCase).body()).as("the decision form is on the page").contains("accesskey=a");
    }
  }

  @Test
  void everySignalLinksToItsEventShownEscapedAndAudited() throws Exception {
    try (Served s = Served.start(Served.Vendor.SQLITE, dir)) {
      String caption = "my folder https://www.dropbox.com/sh/abc123def/AAB?dl=0 <script>alert(1)</script>";
      reported(s, Events.postText("e1", "u9", "p9", caption));
      Served.Browser vic = s.signIn("vic", Role.VIEWER);
      CaseRow c = s.store.cases().list(new io.ringbreaker.store.CaseQuery(Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), 10)).items().getFirst();
      assertThat(s.getAs(vic, "/console/cases/" + c.id()).body()).contains("href=\"/console/events/e1\"");
      HttpResponse<String> event = s.getAs(vic, "/console/events/e1");
      assertThat(event.statusCode()).isEqualTo(200);
      assertThat(event.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>")
          .contains("u9", "p9");
      assertThat(event.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'");
      assertThat(s.getAs(vic, "/console/events/nope").statusCode()).isEqualTo(404);
      assertThat(s.store.audit().list(Optional.of("vic"), Optional.of("event.view"), Optional.of("event:e1"),
          Optional.empty(), 10).items()).hasSize(1);
    }
  }

  @Test
  void aCaseIsFoundByItsAccountsHandleAndByItsWords() throws Exception {
    try (Served s = Served.start(Served.Vendor.SQLITE, dir)) {
      String account = Events.json(Events.account("e0", "u9", "Sunny.Days", "Sunny", "photos and coffee"));
      assertThat(s.postEvents("[" + account + "]").statusCode()).isEqualTo(200);
      reportedFolderPost(s);
      Served.Browser vic = s.signIn("vic", Role.VIEWER);
      for (String q : List.of("sunny.days", "@Sunny.Days", "u9")) {
        assertThat(s.getAs(vic, "/console/queues/triage?q=" + Served.enc(q)).body()).as(q).contains(">account:u9</a>");
        assertThat(Served.json(s.get("/v1/cases?q=" + Served.enc(q))).path("cases").findValuesAsText("key")).as(q)
            .containsExactly("account:u9");
      }
      assertThat(s.getAs(vic, "/console/queues/triage?q=nobody.here").body()).doesNotContain(">account:u9</a>");
    }
  }

  @Test
  void aReviewerSetsTheirOwnSettingsAndOnlyALeadRaisesTheCap() throws Exception {
    try (Served s = Served.start(Served.Vendor.SQLITE, dir)) {
      Served.Browser rita = s.signIn("rita", Role.REVIEWER);
      Served.Browser omar = s.signIn("omar", Role.REVIEWER);
      assertThat(s.getAs(rita, "/console/settings").body()).contains("name=blur_media value=on accesskey=m checked");
      HttpResponse<String> saved = s.postForm(rita, "/console/settings",
          "user=rita&max_high_per_shift=20&break_minutes=30&csrf=" + rita.csrf());
      assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
      var mine = s.store.users().find("rita").orElseThrow().settings();
      assertThat(mine.blurMedia()).as("the box was unticked").isFalse();
      assertThat(mine.maxHighPerShift()).isEqualTo(20);
      assertThat(mine.breakMinutes()).isEqualTo(30);

      assertThat(s.postForm(rita, "/console/settings", "user=rita&blur_media=on&max_high_per_shift=21&break_minutes=30"
          + "&csrf=" + rita.csrf()).statusCode()).as("raising the cap is a lead's call").isEqualTo(403);
      assertThat(s.postForm(rita, "/console/settings", "user=omar&blur_media=on&max_high_per_shift=5&break_minutes=30"
          + "&csrf=" + rita.csrf()).statusCode()).as("someone else's settings").isEqualTo(403);
      HttpResponse<String> bad = s.postForm(rita, "/console/settings", "user=rita&max_high_per_shift=10&break_minutes=1"
          + "&csrf=" + rita.csrf());
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("breakMinutes must be 5 to 480, got 1");
      assertThat(s.postForm(rita, "/console/settings", "user=rita&max_high_per_shift=10&break_minutes=30").statusCode())
          .as("no CSRF token").isEqualTo(403);

      Served.Browser lena = s.signIn("lena", Role.LEAD);
      assertThat(s.postForm(lena, "/console/settings", "user=omar&blur_media=on&max_high_per_shift=80&break_minutes=45"
          + "&csrf=" + lena.csrf()).statusCode()).isEqualTo(302);
      assertThat(s.store.users().find("omar").orElseThrow().settings().maxHighPerShift()).isEqualTo(80);
      assertThat(s.getAs(omar, "/console/settings").body()).contains("value=80");
      assertThat(s.store.audit().list(Optional.of("lena"), Optional.of("settings.change"), Optional.of("user:omar"),
          Optional.empty(), 10).items()).hasSize(1);
    }
  }

  @Test
  void withTheBlurOffEveryViewOfAnOriginalIsAudited() throws Exception {
    try (Served s = Served.start(Served.Vendor.SQLITE, dir)) {
      ObjectNode post = Events.postText("e1", "u9", "p9", "my folder https://www.dropbox.com/sh/abc123def/AAB?dl=0");
      ((ObjectNode) post.path("post")).putArray("media").addObject().put("id", "m1").put("mime", "image/png")
          .put("data_base64", Base64.getEncoder().encodeToString(ReviewConsoleBrowserTest.picture()));
      reported(s, post);
      Served.Browser rita = s.signIn("rita", Role.REVIEWER);
      assertThat(s.postForm(rita, "/console/settings", "user=rita&max_high_per_shift=40&break_minutes=50&csrf="
          + rita.csrf()).statusCode()).isEqualTo(302);
      String casePath = take(s, rita, "triage");
      assertThat(s.getAs(rita, casePath).body()).contains("src=\"/console/media/e1/m1/original\"")
          .doesNotContain("Reveal this item");
      for (int i = 0; i < 2; i++) {
        assertThat(s.getAs(rita, "/console/media/e1/m1/original").statusCode()).isEqualTo(200);
      }
      assertThat(s.getAs(rita, "/console/media/nope/m1/original").statusCode()).isEqualTo(404);
      assertThat(s.store.audit().list(Optional.of("rita"), Optional.of("media.view"), Optional.of("media:e1/m1"),
          Optional.empty(), 10).items()).as("each view").hasSize(2);
    }
  }

  @Test
  void evidenceIsForLeadsEveryAccessAuditedDeletionForAdmins() throws Exception {
    EvidenceKeys keys = EvidenceKeys.ensure(dir.resolve("evidence-keys"));
    try (Served s = Served.start(Served.Vendor.SQLITE, dir, c -> c.withEvidenceKeys(keys))) {
      ObjectNode event = Events.postText("e1", "u9", "p9", "caption <i>kept</i>");
      ((ObjectNode) event.path("post")).putArray("media").addObject().put("id", "m1").put("mime", "image/png")
          .put("data_base64", Base64.getEncoder().encodeToString(new byte[300]));
      EvidenceItem item = s.store.evidence().preserve(keys, "account", "u9", "event", "e1",
          Events.json(event).getBytes(StandardCharsets.UTF_8), Instant.now(), Duration.ofDays(365));

      Served.Browser rita = s.signIn("rita", Role.REVIEWER);
      assertThat(s.getAs(rita, "/console/evidence?subject=account:u9").statusCode()).isEqualTo(403);
      assertThat(s.getAs(rita, "/console/evidence/" + item.id()).statusCode()).isEqualTo(403);

      Served.Browser lena = s.signIn("lena", Role.LEAD);
      String list = s.getAs(lena, "/console/evidence?subject=account:u9").body();
      assertThat(list).contains("href=/console/evidence/" + item.id(), "<code>e1</code>");
      HttpResponse<String> open = s.getAs(lena, "/console/evidence/" + item.id());
      assertThat(open.statusCode()).isEqualTo(200);
      assertThat(open.body()).contains("caption &lt;i&gt;kept&lt;/i&gt;", "[300 bytes of media, not shown here]")
          .doesNotContain(Base64.getEncoder().encodeToString(new byte[300]));
      assertThat(s.postForm(lena, "/console/evidence/" + item.id() + "/hold", "reason=" + Served.enc("NCMEC report 1")
          + "&csrf=" + lena.csrf()).statusCode()).isEqualTo(302);
      assertThat(s.store.evidence().item(item.id()).orElseThrow().legalHold()).contains("NCMEC report 1");
      assertThat(s.postForm(lena, "/console/evidence/" + item.id() + "/delete", "reason=x&csrf=" + lena.csrf())
          .statusCode()).as("deletion is an admin's").isEqualTo(403);

      Served.Browser ada = s.signIn("ada", Role.ADMIN);
      assertThat(s.postForm(ada, "/console/evidence/" + item.id() + "/delete", "reason=x&csrf=" + ada.csrf())
          .statusCode()).as("held evidence is not deleted").isEqualTo(409);
      assertThat(s.postForm(lena, "/console/evidence/" + item.id() + "/release", "csrf=" + lena.csrf()).statusCode())
          .isEqualTo(302);
      assertThat(s.postForm(ada, "/console/evidence/" + item.id() + "/delete", "reason=" + Served.enc("court order 7")
          + "&csrf=" + ada.csrf()).statusCode()).isEqualTo(302);
      assertThat(s.store.evidence().item(item.id()).orElseThrow().deletedReason()).contains("court order 7");
      assertThat(s.getAs(lena, "/console/evidence/" + item.id()).body()).contains("Deleted", "court order 7");

      List<String> actions = s.store.audit().list(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
          100).items().stream().filter(a -> a.action().startsWith("evidence.")).map(a -> a.actor() + " " + a.action())
          .toList();
      assertThat(actions).contains("lena evidence.list", "lena evidence.open", "lena evidence.hold",
          "lena evidence.release", "ada evidence.delete");
    }
  }

  @Test
  void aVideoShowsNoFrameUntilRevealedThenPlaysMuted() throws Exception {
    try (Served s = Served.start(Served.Vendor.SQLITE, dir)) {
      byte[] video = "synthetic video bytes, placeholder".getBytes(StandardCharsets.US_ASCII);
      ObjectNode post = Events.postText("e1", "u9", "p9", "my folder https://www.dropbox.com/sh/abc123def/AAB?dl=0");
      ((ObjectNode) post.path("post")).putArray("media").addObject().put("id", "v1").put("mime", "video/mp4")
          .put("data_base64", Base64.getEncoder().encodeToString(video));
      reported(s, post);
      Served.Browser rita = s.signIn("rita", Role.REVIEWER);
      String casePath = take(s, rita, "triage");
      String before = s.getAs(rita, casePath).body();
      assertThat(before).contains("video · video/mp4 · not shown until revealed").doesNotContain("<video");
      assertThat(s.getAs(rita, "/console/media/e1/v1/original").statusCode()).isEqualTo(403);
      Served.Browser vic = s.signIn("vic", Role.VIEWER);
      assertThat(s.getAs(vic, casePath).body()).contains("1 media item(s), shown to reviewers only")
          .doesNotContain("/console/media/");
      assertThat(s.getAs(vic, "/console/media/e1/v1/preview").statusCode()).as("a viewer sees no media").isEqualTo(403);

      HttpResponse<String> reveal = s.send(s.request("/console/media/e1/v1/reveal").header("Cookie", rita.cookie())
          .header("Referer", s.server.url() + casePath.substring(1)).header("Content-Type",
              "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("csrf=" + rita.csrf())));
      assertThat(reveal.statusCode()).isEqualTo(302);
      assertThat(s.getAs(rita, casePath).body()).contains("<video class=media muted controls preload=none "
          + "src=\"/console/media/e1/v1/original\">");
      HttpResponse<byte[]> played = s.http.send(s.request("/console/media/e1/v1/original").header("Cookie", rita.cookie())
          .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(played.statusCode()).isEqualTo(200);
      assertThat(played.headers().firstValue("Content-Type").orElseThrow()).startsWith("video/mp4");
      assertThat(played.body()).isEqualTo(video);
    }
  }

  @Test
  void mediaAPersonConfirmedIsRemovedByPolicyWithoutBeingViewedAgain() throws Exception {
    String pdq = PlatformActionsTest.PDQ;
    String policy = """
        policy: confirmed-first
        version: 1
        rules:
          - id: confirmed-image
            description: media a reviewer already confirmed is removed without a person viewing it again
            when: signals.exists(s, s.kind == 'media.hash_match' && s.detail.bank == 'confirmed')
            severity: critical
            actions:
              account: [review, suspend, preserve]
              content: [remove, preserve]
              other: [preserve]
            automatic: [remove, preserve]
            queue: child-safety
            priority: 100
          - id: known-image
            when: known_image
            severity: critical
            actions:
              account: [review, suspend]
              content: [review, remove]
              other: [review]
            queue: child-safety
        """;
    try (Served s = Served.start(Served.Vendor.SQLITE, dir)) {
      s.pipeline.policy(io.ringbreaker.policy.RulePolicy.parse(policy, "confirmed-first.yaml", m -> {})).join();
      s.store.lists().upsertBankEntries(List.of(io.ringbreaker.model.BankEntry.of("known",
          io.ringbreaker.model.HashType.PDQ, pdq, "synthetic-1")));
      s.pipeline.syncBanks();
      ObjectNode first = Events.postText("e1", "u1", "p1", "new");
      first.withObject("post").putArray("media").addObject().put("id", "m1").put("pdq", pdq).put("pdq_quality", 100);
      assertThat(s.postEvents("[" + Events.json(first) + "]").statusCode()).isEqualTo(200);
      s.awaitProcessed();
      String firstRemoval = io.ringbreaker.store.OutboxAction.derivedId("post", "p1", "remove");
      assertThat(s.store.outbox().get(firstRemoval).orElseThrow().state())
          .as("the first time, a person decides").isEqualTo(io.ringbreaker.store.OutboxState.AWAITING_PERSON);

      Served.Browser rita = s.signIn("rita", Role.REVIEWER);
      String casePath = take(s, rita, "child-safety");
      assertThat(s.postForm(rita, casePath + "/decide", "decision=confirm&category=csam.known&reason=&csrf="
          + rita.csrf()).statusCode()).isEqualTo(302);
      assertThat(s.store.lists().bankEntries()).as("the confirmed bank holds the hash")
          .anySatisfy(b -> assertThat(b.bank() + " " + b.hash()).isEqualTo("confirmed " + pdq));
      s.pipeline.syncBanks();
      assertThat(s.pipeline.engine().banks().lookup(io.ringbreaker.model.HashType.PDQ, pdq, java.util.OptionalInt.of(100)))
          .as("the engine matches the confirmed bank").anySatisfy(m -> assertThat(m.bank().name()).isEqualTo("confirmed"));

      // The same picture again, from someone else: removed by the policy; only the account waits for a person.
      ObjectNode again = Events.postText("e2", "u2", "p2", "new");
      again.withObject("post").putArray("media").addObject().put("id", "m2").put("pdq", pdq).put("pdq_quality", 100);
      assertThat(s.postEvents("[" + Events.json(again) + "]").statusCode()).isEqualTo(200);
      s.awaitProcessed();
      var removal = s.store.outbox().get(io.ringbreaker.store.OutboxAction.derivedId("post", "p2", "remove"))
          .orElseThrow();
      assertThat(removal.state()).as(s.store.state().verdict("post", "p2").orElseThrow().json())
          .isEqualTo(io.ringbreaker.store.OutboxState.PENDING);
      assertThat(removal.payloadJson()).contains("\"approval\":\"automatic\"", "confirmed-image");
      assertThat(s.store.outbox().get(io.ringbreaker.store.OutboxAction.derivedId("account", "u2", "suspend"))
          .orElseThrow().state()).isEqualTo(io.ringbreaker.store.OutboxState.AWAITING_PERSON);
    }
  }

  /** A post with a cloud-folder link, and a user's report of its author: a triage case. */
  private static void reportedFolderPost(Served s) {
    reported(s, Events.postText("e1", "u9", "p9", "my folder https://www.dropbox.com/sh/abc123def/AAB?dl=0"));
  }

  /** {@code post} by u9, and a user's report of u9. */
  private static void reported(Served s, ObjectNode post) {
    String report = "{\"event_id\":\"e2\",\"type\":\"report\",\"occurred_at\":\"2019-01-02T09:02:00Z\",\"actor\":\"u31\","
        + "\"report\":{\"id\":\"r1\",\"target_type\":\"account\",\"target_id\":\"u9\",\"reason\":\"child_safety\"}}";
    assertThat(s.postEvents("[" + Events.json(post) + "," + report + "]").statusCode()).isEqualTo(200);
    s.awaitProcessed();
  }

  /** Takes the next case of {@code queue}; its page's path. */
  private static String take(Served s, Served.Browser who, String queue) {
    HttpResponse<String> next = s.postForm(who, "/console/queues/" + queue + "/next", "csrf=" + who.csrf());
    assertThat(next.statusCode()).as(next.body()).isEqualTo(302);
    String path = next.headers().firstValue("Location").orElseThrow();
    assertThat(path).as("a case from " + queue).startsWith("/console/cases/");
    return path;
  }

  private static HttpResponse<String> post(Served s, String key, String path, String body) {
    return s.send(s.request(path).header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }
}
