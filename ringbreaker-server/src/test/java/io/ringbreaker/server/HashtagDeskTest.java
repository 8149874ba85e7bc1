package io.ringbreaker.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.model.TagState;
import io.ringbreaker.store.Role;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's hashtag desk: the listed tag's day series drawn, and a lead setting a tag's state. */
class HashtagDeskTest {
  @TempDir Path dir;

  @Test
  void aLeadSetsATagsStateAndEveryoneSeesItsDays() throws Exception {
    try (Served s = Served.start(Served.Vendor.SQLITE, dir)) {
      String advert = "#dropboxlinks dm me https://www.dropbox.com/sh/abc123def/AAB?dl=0";
      assertThat(s.postEvents(Events.array(List.of(Events.postText("e1", "u1", "p1", advert),
          Events.postText("e2", "u1", "p2", advert), Events.postText("e3", "u2", "p3", "#sunrise #<b>x</b>"))))
          .statusCode()).isEqualTo(200);
      s.pipeline.awaitProcessed(s.pipeline.journaledSeq(), java.time.Duration.ofSeconds(30));

      Served.Browser viewer = s.signIn("vera", Role.VIEWER);
      HttpResponse<String> desk = s.getAs(viewer, "/console/hashtags");
      assertThat(desk.statusCode()).isEqualTo(200);
      assertThat(desk.body()).contains("#dropboxlinks").doesNotContain("<b>x</b>");
      HttpResponse<String> tag = s.getAs(viewer, "/console/hashtags/dropboxlinks");
      assertThat(tag.body()).contains("<svg").doesNotContain("name=state");
      assertThat(s.postForm(viewer, "/console/hashtags/dropboxlinks/state", "state=blocked&csrf=" + viewer.csrf())
          .statusCode()).isEqualTo(403);

      Served.Browser lead = s.signIn("lena", Role.LEAD);
      assertThat(s.getAs(lead, "/console/hashtags/dropboxlinks").body()).contains("name=state");
      HttpResponse<String> set = s.postForm(lead, "/console/hashtags/dropboxlinks/state",
          "state=blocked&csrf=" + lead.csrf());
      assertThat(set.statusCode()).isEqualTo(302);
      assertThat(s.pipeline.engine().lexicon().term("dropboxlinks")).hasValueSatisfying(t ->
          assertThat(t.state()).isEqualTo(TagState.BLOCKED));
      assertThat(s.store.audit().list(java.util.Optional.of("lena"), java.util.Optional.of("lexicon.change"),
          java.util.Optional.empty(), java.util.Optional.empty(), 10).items()).hasSize(1);
      assertThat(s.postForm(lead, "/console/hashtags/dropboxlinks/state", "state=blocked").statusCode())
          .as("without the CSRF token").isEqualTo(403);
    }
  }
}
