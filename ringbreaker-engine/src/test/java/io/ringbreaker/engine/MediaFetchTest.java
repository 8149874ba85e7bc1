package io.ringbreaker.engine;

import static io.ringbreaker.engine.EngineTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.HashType;
import io.ringbreaker.policy.RulePolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** http(s) media, fetched only when enabled, from named hosts, within limits; a real HTTP server. */
class MediaFetchTest {

  HttpServer server;
  byte[] png;

  @BeforeEach
  void start() throws IOException {
    png = MediaMatchTest.encode(MediaMatchTest.picture(11), "png");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/ok.png", x -> {
      x.sendResponseHeaders(200, png.length);
      try (OutputStream o = x.getResponseBody()) {
        o.write(png);
      }
    });
    server.createContext("/moved", x -> {
      x.getResponseHeaders().add("Location", "http://169.254.169.254/");
      x.sendResponseHeaders(302, -1);
      x.close();
    });
    server.createContext("/slow", x -> {
      try {
        Thread.sleep(3_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      x.sendResponseHeaders(200, png.length);
      try (OutputStream o = x.getResponseBody()) {
        o.write(png);
      } catch (IOException ignored) {
        // the client gave up
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()); // the slow handler must not hold up the others
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  static String postWithUrl(String n, String url) {
    return "{\"event_id\":\"e" + n + "\",\"type\":\"post\",\"occurred_at\":\"2019-01-02T09:05:00Z\",\"actor\":\"u" + n
        + "\",\"post\":{\"id\":\"p" + n + "\",\"media\":[{\"id\":\"m" + n + "\",\"url\":\"" + url + "\"}]}}";
  }

  @Test
  void fetchedOnlyWhenEnabledFromNamedHostsWithinLimitsAndEveryFailureNamesItsReason() {
    List<Engine.MediaProblem> problems = new ArrayList<>();
    Engine e = new Engine(List.of(), List.of(BankEntry.of("known", HashType.PDQ,
        MediaMatchTest.pdq(MediaMatchTest.picture(11)), "synthetic-11")), RulePolicy.defaults()).onMediaProblem(problems::add);

    e.apply(event(postWithUrl("1", url("/ok.png"))));
    assertThat(MediaMatchTest.mediaSignals(e, "p1")).as("off by default").isEmpty();
    assertThat(problems).isEmpty();

    e.fetchMedia(Optional.of(new MediaFetcher(List.of("127.0.0.1"), 1 << 20, Duration.ofSeconds(1))));
    e.apply(event(postWithUrl("2", url("/ok.png"))));
    assertThat(MediaMatchTest.mediaSignals(e, "p2")).hasSize(1);

    e.apply(event(postWithUrl("3", url("/moved"))));
    e.apply(event(postWithUrl("4", url("/missing"))));
    e.apply(event(postWithUrl("5", url("/slow"))));
    e.apply(event(postWithUrl("6", "http://media.example.invalid/x.png")));
    e.fetchMedia(Optional.of(new MediaFetcher(List.of("127.0.0.1"), 100, Duration.ofSeconds(1))));
    e.apply(event(postWithUrl("7", url("/ok.png"))));

    assertThat(problems).extracting(Engine.MediaProblem::eventId).containsExactly("e3", "e4", "e5", "e6", "e7");
    assertThat(problems.get(0).problem()).contains("answered HTTP 302 (redirects are not followed)");
    assertThat(problems.get(1).problem()).contains("answered HTTP 404");
    assertThat(problems.get(2).problem()).contains("did not answer within 1000 ms");
    assertThat(problems.get(3).problem()).isEqualTo(
        "media m6: media.example.invalid is not a host media is fetched from (--fetch-media-from)");
    assertThat(problems.get(4).problem()).contains("over the limit of 100");
    assertThat(e.eventsApplied()).isEqualTo(7);
  }

  @Test
  void aHostEntryWithALeadingDotCoversItsSubdomains() {
    MediaFetcher f = new MediaFetcher(List.of(".cdn.example.com", "img.example.org"), 10, Duration.ofSeconds(1));
    assertThat(f.allows(java.net.URI.create("https://a.cdn.example.com/x"))).isTrue();
    assertThat(f.allows(java.net.URI.create("https://cdn.example.com/x"))).isTrue();
    assertThat(f.allows(java.net.URI.create("https://evilcdn.example.com/x"))).isFalse();
    assertThat(f.allows(java.net.URI.create("https://IMG.example.org/x"))).isTrue();
    assertThat(f.allows(java.net.URI.create("https://sub.img.example.org/x"))).isFalse();
  }
}
