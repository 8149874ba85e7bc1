package io.ringbreaker.server;

import static io.ringbreaker.server.Served.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code GET /v1/rings/{id}/graph.svg}: the ring of {@link RingsApiTest} as a picture, over HTTP. */
class RingGraphRouteTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void theRingIsDrawnAsALockedDownSvg(Served.Vendor vendor) {
    try (Served s = Served.start(vendor, dir)) {
      RingsApiTest.load(s);
      String id = json(s.get("/v1/rings")).path("rings").get(0).path("id").asText();

      HttpResponse<String> r = s.get("/v1/rings/" + id + "/graph.svg");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("image/svg+xml; charset=utf-8");
      assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; style-src 'unsafe-inline'");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(r.body()).startsWith("<svg ").contains("Ring " + id + ": 5 members")
          .contains("/v1/verdicts?subject_type=account&amp;subject_id=quiet")
          .contains("fill=\"#c0392b\"") // the members' verdicts are high
          .contains("message ") // ties weighed from the engine's graph
          .doesNotContain("<script");

      assertThat(s.send(s.request("/v1/rings/" + id + "/graph.svg").GET()).statusCode()).isEqualTo(401);
      HttpResponse<String> missing = s.get("/v1/rings/ring-999/graph.svg");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).contains("no ring 'ring-999'");
    }
  }
}
