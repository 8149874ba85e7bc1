package io.ringbreaker.server;

import static io.ringbreaker.server.Served.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * GET /v1/verdicts and /v1/hashtags after real events: accounts that use the listed tag
 * {@code dropboxlinks} once (low), twice (medium) or three times (high); each post is low.
 */
class VerdictsApiTest {
  @TempDir Path dir;

  private static final List<String> LOW = List.of("acct-low-1", "acct-low-2", "acct-low-3");
  private static final List<String> MEDIUM = List.of("acct-med-1", "acct-med-2");
  private static final List<String> HIGH = List.of("acct-high-1", "acct-high-2");
  private static final int POSTS = LOW.size() + 2 * MEDIUM.size() + 3 * HIGH.size();
  private static final int VERDICTS = LOW.size() + MEDIUM.size() + HIGH.size() + POSTS;

  private static void load(Served s) {
    List<ObjectNode> events = new ArrayList<>();
    int n = 0;
    for (List<String> group : List.of(LOW, MEDIUM, HIGH)) {
      int times = group == LOW ? 1 : group == MEDIUM ? 2 : 3;
      for (String account : group) {
        for (int i = 0; i < times; i++) {
          n++;
          events.add(Events.post("ev-" + n, account, "post-" + n, "dropboxlinks", "sunrise"));
        }
      }
    }
    // Half in one request, the rest one by one: both paths feed the same state.
    HttpResponse<String> r = s.postEvents(Events.array(events.subList(0, events.size() / 2)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    for (ObjectNode e : events.subList(events.size() / 2, events.size())) {
      assertThat(s.postEvents(Events.json(e)).statusCode()).isEqualTo(200);
    }
    s.awaitProcessed();
  }

  private static List<JsonNode> verdicts(Served s, String query) {
    HttpResponse<String> r = s.get("/v1/verdicts" + query);
    assertThat(r.statusCode()).as(query + ": " + r.body()).isEqualTo(200);
    List<JsonNode> out = new ArrayList<>();
    json(r).path("verdicts").forEach(out::add);
    return out;
  }

  private static List<String> ids(List<JsonNode> verdicts) {
    return verdicts.stream().map(v -> v.path("subject").path("id").asText()).toList();
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void filtersSelectTheMatchingVerdicts(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      load(s);

      assertThat(verdicts(s, "?limit=1000")).hasSize(VERDICTS);
      List<JsonNode> accounts = verdicts(s, "?subject_type=account");
      assertThat(ids(accounts)).containsExactlyInAnyOrder(concat(LOW, MEDIUM, HIGH).toArray(String[]::new));
      assertThat(accounts).allSatisfy(v -> assertThat(v.path("subject").path("type").asText()).isEqualTo("account"));
      assertThat(verdicts(s, "?subject_type=post&limit=1000")).hasSize(POSTS);

      List<JsonNode> one = verdicts(s, "?subject_id=acct-med-1");
      assertThat(one).hasSize(1);
      assertThat(one.get(0).path("severity").asText()).isEqualTo("medium");
      assertThat(one.get(0).path("signals")).hasSize(2)
          .allSatisfy(sig -> assertThat(sig.path("value").asText()).isEqualTo("dropboxlinks"));

      List<JsonNode> high = verdicts(s, "?severity=high");
      assertThat(ids(high)).containsExactlyInAnyOrder(HIGH.toArray(String[]::new));
      assertThat(high).allSatisfy(v -> {
        assertThat(v.path("actions").toString()).contains("review", "restrict_messaging", "preserve");
        assertThat(v.path("first_flagged_at").asText()).isNotEmpty();
      });
      assertThat(ids(verdicts(s, "?min_severity=medium")))
          .containsExactlyInAnyOrder(concat(MEDIUM, HIGH).toArray(String[]::new));
      assertThat(verdicts(s, "?severity=low&limit=1000")).hasSize(LOW.size() + POSTS);
      assertThat(verdicts(s, "?subject_type=account&severity=low")).hasSize(LOW.size());
      assertThat(verdicts(s, "?severity=critical")).isEmpty();
      // Most severe first.
      assertThat(ids(verdicts(s, "?limit=2"))).containsExactlyInAnyOrder(HIGH.toArray(String[]::new));
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void pagingWithNextReturnsEveryVerdictExactlyOnce(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      load(s);

      List<String> seen = new ArrayList<>();
      String query = "?limit=3";
      int pages = 0;
      while (true) {
        HttpResponse<String> r = s.get("/v1/verdicts" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode page = json(r);
        assertThat(page.path("verdicts").size()).isBetween(0, 3);
        page.path("verdicts").forEach(v -> seen.add(v.path("subject").path("type").asText() + "/"
            + v.path("subject").path("id").asText()));
        pages++;
        assertThat(pages).as("pages needed for %d verdicts, 3 a page", VERDICTS).isLessThanOrEqualTo(VERDICTS / 3 + 2);
        if (page.path("next").isNull()) {
          break;
        }
        query = "?limit=3&after=" + URLEncoder.encode(page.path("next").asText(), StandardCharsets.UTF_8);
      }

      assertThat(seen).hasSize(VERDICTS).doesNotHaveDuplicates();
      // The same with a filter: paging keeps the filter.
      List<String> posts = new ArrayList<>();
      query = "?subject_type=post&limit=4";
      for (int i = 0; i < POSTS; i++) {
        JsonNode page = json(s.get("/v1/verdicts" + query));
        page.path("verdicts").forEach(v -> posts.add(v.path("subject").path("id").asText()));
        if (page.path("next").isNull()) {
          break;
        }
        query = "?subject_type=post&limit=4&after=" + URLEncoder.encode(page.path("next").asText(), StandardCharsets.UTF_8);
      }
      assertThat(posts).hasSize(POSTS).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).startsWith("post-"));
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void badFilterValuesAre400NamingTheParameter(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      String[][] cases = {
          {"subject_type=people", "subject_type"},
          {"severity=urgent", "severity"},
          {"min_severity=HIGHEST", "min_severity"},
          {"limit=0", "limit"},
          {"limit=1001", "limit"},
          {"limit=ten", "limit"},
      };
      for (String[] c : cases) {
        HttpResponse<String> r = s.get("/v1/verdicts?" + c[0]);
        assertThat(r.statusCode()).as("%s -> %s", c[0], r.body()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).as(c[0]).startsWith(c[1] + ": ");
      }
    }
  }

  /**
   * A cursor that is not one the server handed out is the client's mistake: 400 naming
   * {@code after}. Fails today with 500: the store's IllegalArgumentException ("invalid verdict
   * cursor") escapes RingbreakerServer.getVerdicts.
   */
  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void aCursorThatIsNotOneIs400NamingAfter(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      HttpResponse<String> r = s.get("/v1/verdicts?after=not-a-cursor");

      assertThat(r.statusCode())
          .as("GET /v1/verdicts?after=not-a-cursor answered %d %s: a bad cursor must be a 400 naming 'after' "
              + "(RingbreakerServer.getVerdicts lets the store's IllegalArgumentException escape as a 500)",
              r.statusCode(), r.body())
          .isEqualTo(400);
      assertThat(json(r).path("error").asText()).startsWith("after: ");
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void hashtagsListTheListedTagWithCounts(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      load(s);

      HttpResponse<String> r = s.get("/v1/hashtags");

      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode tags = json(r).path("hashtags");
      // Only the tag Ringbreaker has an opinion about; #sunrise is not listed.
      assertThat(tags).hasSize(1);
      JsonNode tag = tags.get(0);
      assertThat(tag.path("tag").asText()).isEqualTo("dropboxlinks");
      assertThat(tag.path("matched").asText()).isEqualTo("dropboxlinks");
      assertThat(tag.path("state").asText()).isEqualTo("watch");
      assertThat(tag.path("posts").asLong()).isEqualTo(POSTS);
      assertThat(tag.path("flagged_accounts").asLong()).isEqualTo(HIGH.size());
    }
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (List<String> l : lists) {
      l.stream().filter(seen::add).forEach(out::add);
    }
    return out;
  }
}
