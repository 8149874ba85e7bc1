package io.ringbreaker.server;

import static io.ringbreaker.server.Served.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** POST /v1/events over real HTTP on each database: outcomes per event, idempotency, limits. */
class IngestTest {
  private static final long MAX_BODY = 1024;
  private static final int MAX_EVENTS = 5;

  @TempDir Path dir;

  private Served start(Served.Vendor vendor) {
    return Served.start(vendor, dir, c -> new ServerConfig(c.host(), c.port(), MAX_BODY, MAX_EVENTS, c.dataDir()));
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void oneEventIsAcceptedAndJournaled(Served.Vendor vendor) {
    try (Served s = start(vendor)) {
      HttpResponse<String> r = s.postEvents(Events.json(Events.post("e1", "u1", "p1", "sunrise")));

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode body = json(r);
      assertThat(body.path("accepted").asInt()).isEqualTo(1);
      assertThat(body.path("duplicates").asInt()).isZero();
      assertThat(body.path("rejected").asInt()).isZero();
      JsonNode result = body.path("results").path(0);
      assertThat(result.path("index").asInt()).isZero();
      assertThat(result.path("event_id").asText()).isEqualTo("e1");
      assertThat(result.path("status").asText()).isEqualTo("accepted");
      long seq = result.path("seq").asLong();
      assertThat(s.store.journal().find("e1")).hasValueSatisfying(e -> assertThat(e.seq()).isEqualTo(seq));
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void anArrayGetsOneResultPerEventInOrder(Served.Vendor vendor) {
    try (Served s = start(vendor)) {
      ObjectNode noPostId = Events.post("e2", "u1", "p2");
      ((ObjectNode) noPostId.get("post")).remove("id");
      ObjectNode badTime = Events.post("e3", "u1", "p3");
      badTime.put("occurred_at", "yesterday");
      String body = Events.array(List.of(Events.post("e1", "u1", "p1"), noPostId, badTime,
          Events.post("e1", "u1", "p1")));

      HttpResponse<String> r = s.postEvents(body);

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode out = json(r);
      assertThat(out.path("accepted").asInt()).isEqualTo(1);
      assertThat(out.path("duplicates").asInt()).isEqualTo(1);
      assertThat(out.path("rejected").asInt()).isEqualTo(2);
      JsonNode results = out.path("results");
      assertThat(results).hasSize(4);
      for (int i = 0; i < 4; i++) {
        assertThat(results.get(i).path("index").asInt()).isEqualTo(i);
      }
      assertThat(results.get(0).path("status").asText()).isEqualTo("accepted");
      assertThat(results.get(1).path("status").asText()).isEqualTo("rejected");
      assertThat(results.get(1).path("event_id").asText()).isEqualTo("e2");
      assertThat(texts(results.get(1).path("reasons"))).containsExactly("post.id: required");
      assertThat(results.get(2).path("status").asText()).isEqualTo("rejected");
      assertThat(texts(results.get(2).path("reasons"))).singleElement().asString().startsWith("occurred_at: ");
      // The repeat inside one request is the same event: a duplicate with the first one's seq.
      assertThat(results.get(3).path("status").asText()).isEqualTo("duplicate");
      assertThat(results.get(3).path("seq").asLong()).isEqualTo(results.get(0).path("seq").asLong());

      assertThat(s.store.journal().count()).isEqualTo(1);
      assertThat(s.store.journal().find("e2")).isEmpty();
      assertThat(s.store.journal().find("e3")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void theSameEventIdTwiceIsProcessedOnce(Served.Vendor vendor) {
    try (Served s = start(vendor)) {
      String event = Events.json(Events.post("e1", "u1", "p1", "dropboxlinks"));

      JsonNode first = json(s.postEvents(event));
      HttpResponse<String> again = s.postEvents(event);

      assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
      JsonNode second = json(again);
      assertThat(second.path("duplicates").asInt()).isEqualTo(1);
      assertThat(second.path("accepted").asInt()).isZero();
      assertThat(second.path("results").path(0).path("status").asText()).isEqualTo("duplicate");
      assertThat(second.path("results").path(0).path("seq").asLong())
          .isEqualTo(first.path("results").path(0).path("seq").asLong());
      s.awaitProcessed();
      assertThat(s.store.journal().count()).isEqualTo(1);
      // Each processing of a post counts a use of its tag: one use means processed once.
      JsonNode tags = json(s.get("/v1/hashtags")).path("hashtags");
      assertThat(tags).hasSize(1);
      assertThat(tags.get(0).path("tag").asText()).isEqualTo("dropboxlinks");
      assertThat(tags.get(0).path("posts").asLong()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void theSameEventSentConcurrentlyIsAcceptedExactlyOnce(Served.Vendor vendor) throws Exception {
    try (Served s = start(vendor)) {
      String event = Events.json(Events.post("e1", "u1", "p1", "dropboxlinks"));
      int clients = 8;
      CountDownLatch go = new CountDownLatch(1);
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
        for (int i = 0; i < clients; i++) {
          answers.add(pool.submit(() -> {
            go.await();
            return s.postEvents(event);
          }));
        }
        go.countDown();
        List<String> statuses = new ArrayList<>();
        for (Future<HttpResponse<String>> a : answers) {
          HttpResponse<String> r = a.get(60, TimeUnit.SECONDS);
          assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
          statuses.add(json(r).path("results").path(0).path("status").asText());
        }
        assertThat(statuses).containsOnlyOnce("accepted").filteredOn("duplicate"::equals).hasSize(clients - 1);
      }
      s.awaitProcessed();
      assertThat(s.store.journal().count()).isEqualTo(1);
      assertThat(json(s.get("/v1/hashtags")).path("hashtags").path(0).path("posts").asLong()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void allRejectedIs400WithTheReasons(Served.Vendor vendor) {
    try (Served s = start(vendor)) {
      ObjectNode noActor = Events.post("e1", "u1", "p1");
      noActor.remove("actor");
      ObjectNode badType = Events.post("e2", "u1", "p2");
      badType.put("type", "poke");

      HttpResponse<String> one = s.postEvents(Events.json(noActor));
      HttpResponse<String> two = s.postEvents(Events.array(List.of(noActor, badType)));

      assertThat(one.statusCode()).as(one.body()).isEqualTo(400);
      assertThat(texts(json(one).path("results").path(0).path("reasons"))).containsExactly("actor: required");
      assertThat(two.statusCode()).as(two.body()).isEqualTo(400);
      JsonNode results = json(two).path("results");
      assertThat(results.get(1).path("index").asInt()).isEqualTo(1);
      assertThat(results.get(1).path("event_id").asText()).isEqualTo("e2");
      assertThat(texts(results.get(1).path("reasons"))).singleElement().asString().startsWith("type: unknown event type 'poke'");
      assertThat(s.store.journal().count()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void malformedJsonIs400WithTheReason(Served.Vendor vendor) {
    try (Served s = start(vendor)) {
      HttpResponse<String> broken = s.postEvents("{\"event_id\": \"e1\", ");
      HttpResponse<String> empty = s.postEvents("");

      assertThat(broken.statusCode()).isEqualTo(400);
      assertThat(json(broken).path("error").asText()).startsWith("malformed JSON: ");
      assertThat(empty.statusCode()).isEqualTo(400);
      assertThat(json(empty).path("error").asText()).startsWith("empty body");
      assertThat(s.store.journal().count()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void aBodyOverTheLimitIs413WithOrWithoutContentLength(Served.Vendor vendor) {
    try (Served s = start(vendor)) {
      ObjectNode big = Events.postText("e1", "u1", "p1", "x".repeat(4 * (int) MAX_BODY));
      byte[] bytes = Events.json(big).getBytes(StandardCharsets.UTF_8);

      HttpResponse<String> sized = s.send(s.authorized("/v1/events").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
      // ofInputStream has no length: the client sends it chunked.
      HttpResponse<String> chunked = s.send(s.authorized("/v1/events").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));

      assertThat(sized.statusCode()).as(sized.body()).isEqualTo(413);
      assertThat(json(sized).path("error").asText()).contains("over the limit of " + MAX_BODY);
      assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
      assertThat(json(chunked).path("error").asText()).contains("over the limit of " + MAX_BODY);
      assertThat(s.store.journal().count()).isZero();

      // A client that streams far more than the limit gets the same answer, and the server goes on.
      HttpResponse<String> stream = s.send(s.authorized("/v1/events").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
            private int left = 1 << 20;

            @Override
            public int read() {
              return left-- > 0 ? ' ' : -1;
            }
          })));
      assertThat(stream.statusCode()).as(stream.body()).isEqualTo(413);

      // A body within the limit, chunked, is read whole.
      byte[] small = Events.json(Events.post("e2", "u1", "p2")).getBytes(StandardCharsets.UTF_8);
      assertThat(small.length).isLessThan((int) MAX_BODY);
      HttpResponse<String> fine = s.send(s.authorized("/v1/events").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small))));
      assertThat(fine.statusCode()).as(fine.body()).isEqualTo(200);
    }
  }

  @ParameterizedTest
  @EnumSource(Served.Vendor.class)
  void tooManyEventsInOneRequestIs413(Served.Vendor vendor) {
    try (Served s = start(vendor)) {
      List<ObjectNode> six = new ArrayList<>();
      for (int i = 0; i < MAX_EVENTS + 1; i++) {
        six.add(Events.post("e" + i, "u", "p" + i));
      }

      HttpResponse<String> tooMany = s.postEvents(Events.array(six));
      HttpResponse<String> atTheLimit = s.postEvents(Events.array(six.subList(0, MAX_EVENTS)));

      assertThat(tooMany.statusCode()).as(tooMany.body()).isEqualTo(413);
      assertThat(json(tooMany).path("error").asText())
          .isEqualTo("at most " + MAX_EVENTS + " events per request, got " + (MAX_EVENTS + 1));
      assertThat(atTheLimit.statusCode()).as(atTheLimit.body()).isEqualTo(200);
      assertThat(json(atTheLimit).path("accepted").asInt()).isEqualTo(MAX_EVENTS);
      assertThat(s.store.journal().count()).isEqualTo(MAX_EVENTS);
    }
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
