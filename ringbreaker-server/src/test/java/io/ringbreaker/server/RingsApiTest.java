package io.ringbreaker.server;

import static io.ringbreaker.server.Served.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rings, a tag's days and the aftermath of a restriction, over the API. */
class RingsApiTest {
  static final List<String> RING = List.of("r1", "r2", "r3", "r4");

  @TempDir
  Path dir;

  /** Four advertisers who follow and write to each other; a fifth who only writes to them, unreadably. */
  static void load(Served s) {
    List<ObjectNode> events = new ArrayList<>();
    int n = 0;
    for (String r : RING) {
      for (int i = 0; i < 3; i++) {
        events.add(Events.post("e" + ++n, r, "p" + n, "dropboxlinks"));
      }
      for (String o : RING) {
        if (!o.equals(r)) {
          events.add(Events.follow("e" + ++n, r, o));
          events.add(Events.unreadableMessage("e" + ++n, r, "k-" + r + o, o));
        }
      }
      events.add(Events.follow("e" + ++n, "quiet", r));
      events.add(Events.follow("e" + ++n, r, "quiet"));
      for (int i = 0; i < 3; i++) {
        events.add(Events.unreadableMessage("e" + ++n, "quiet", "k-quiet" + r, r));
      }
    }
    events.add(Events.post("e" + ++n, "walker", "p" + n, "sunrise"));
    events.add(Events.restrictHashtag("e" + ++n, "dropboxlinks"));
    events.add(Events.post("e" + ++n, "r1", "p" + n, "newplace"));
    assertThat(s.postEvents(Events.array(events)).statusCode()).isEqualTo(200);
    s.awaitProcessed();
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void theRingIsServedWithTheMemberWhoOnlyMessages(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      load(s);
      HttpResponse<String> r = s.get("/v1/rings");
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode rings = json(r).path("rings");
      assertThat(rings).hasSize(1);
      JsonNode ring = rings.get(0);
      List<String> members = new ArrayList<>();
      ring.path("members").forEach(m -> members.add(m.path("account").asText()));
      assertThat(members).containsExactlyInAnyOrder("r1", "r2", "r3", "r4", "quiet");
      assertThat(ring.path("bonds").toString()).contains("member pairs tied by message");

      String id = ring.path("id").asText();
      assertThat(json(s.get("/v1/rings/" + id)).path("members")).hasSize(5);
      HttpResponse<String> missing = s.get("/v1/rings/ring-999");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).contains("no ring 'ring-999'");

      JsonNode quiet = json(s.get("/v1/verdicts?subject_id=quiet")).path("verdicts").get(0);
      assertThat(quiet.path("severity").asText()).isEqualTo("high");
      assertThat(quiet.path("ring").asText()).isEqualTo(id);
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void aListedTagHasDaysAndItsRestrictionAnAftermath(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      load(s);
      JsonNode series = json(s.get("/v1/hashtags/DropBoxLinks/series"));
      assertThat(series.path("tag").asText()).isEqualTo("dropboxlinks");
      assertThat(series.path("days")).hasSize(1);
      assertThat(series.path("days").get(0).path("posts").asInt()).isEqualTo(12);
      assertThat(s.get("/v1/hashtags/sunrise/series").statusCode()).isEqualTo(404);

      JsonNode after = json(s.get("/v1/reports/aftermath")).path("restrictions");
      assertThat(after).hasSize(1);
      assertThat(after.get(0).path("term").asText()).isEqualTo("dropboxlinks");
      assertThat(after.get(0).path("used_before").asInt()).isEqualTo(4);
      assertThat(after.get(0).path("accounts")).singleElement().satisfies(a -> {
        assertThat(a.path("account").asText()).isEqualTo("r1");
        assertThat(a.path("new_tags").toString()).contains("newplace");
      });
    }
  }
}
