package io.ringbreaker.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.store.DecisionRow;
import io.ringbreaker.store.Role;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reported subject cleared by a reviewer waits for a lead, who confirms it in the console. */
class SecondReviewConsoleTest {
  @TempDir Path dir;

  @Test
  void aClearedReportWaitsForALeadOtherThanTheReviewer() throws Exception {
    try (Served s = Served.start(Served.Vendor.SQLITE, dir)) {
      String report = "{\"event_id\":\"e2\",\"type\":\"report\",\"occurred_at\":\"2019-01-02T09:02:00Z\",\"actor\":\"u31\","
          + "\"report\":{\"id\":\"r1\",\"target_type\":\"account\",\"target_id\":\"u9\",\"reason\":\"child_safety\"}}";
      String post = Events.json(Events.postText("e1", "u9", "p9", "my folder https://www.dropbox.com/sh/abc123def/AAB?dl=0"));
      assertThat(s.postEvents("[" + post + "," + report + "]").statusCode()).isEqualTo(200);
      s.pipeline.awaitProcessed(s.pipeline.journaledSeq(), java.time.Duration.ofSeconds(30));

      Served.Browser rita = s.signIn("rita", Role.REVIEWER);
      HttpResponse<String> next = s.postForm(rita, "/console/queues/triage/next", "csrf=" + rita.csrf());
      assertThat(next.statusCode()).as(next.body()).isEqualTo(302);
      String casePath = next.headers().firstValue("Location").orElseThrow();
      assertThat(casePath).startsWith("/console/cases/");
      HttpResponse<String> decided = s.postForm(rita, casePath + "/decide",
          "decision=clear&category=not_violating&reason=" + Served.enc("a document folder, placeholder") + "&csrf="
              + rita.csrf());
      assertThat(decided.statusCode()).as(decided.body()).isEqualTo(302);
      assertThat(s.getAs(rita, casePath).body()).contains("awaiting_confirmation").doesNotContain("Confirm: no violation");

      Served.Browser lena = s.signIn("lena", Role.LEAD);
      String page = s.getAs(lena, casePath).body();
      Matcher m = Pattern.compile("action=/console/decisions/(\\d+)/confirm").matcher(page);
      assertThat(m.find()).as(page).isTrue();
      assertThat(s.postForm(rita, "/console/decisions/" + m.group(1) + "/confirm", "csrf=" + rita.csrf()).statusCode())
          .as("a reviewer is not a lead").isEqualTo(403);
      HttpResponse<String> confirmed = s.postForm(lena, "/console/decisions/" + m.group(1) + "/confirm",
          "csrf=" + lena.csrf());
      assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(302);
      DecisionRow d = s.store.cases().decision(Long.parseLong(m.group(1))).orElseThrow();
      assertThat(d.state()).isNotEqualTo(DecisionRow.State.AWAITING_CONFIRMATION);
      assertThat(s.store.audit().list(java.util.Optional.of("lena"), java.util.Optional.of("decision.confirm"),
          java.util.Optional.empty(), java.util.Optional.empty(), 10).items()).hasSize(1);
    }
  }
}
