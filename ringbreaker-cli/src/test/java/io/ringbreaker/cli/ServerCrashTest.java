package io.ringbreaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.store.JournalEntry;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The promise of {@code POST /v1/events}: an event acknowledged is durable. {@code serve} runs as
 * a real process; clients post as fast as they can; the process is SIGKILLed mid-flight. Every
 * acknowledged event must be in the journal, and a restarted {@code serve} must process the rest
 * exactly once.
 */
class ServerCrashTest {
  private static final String LISTED = "dropboxlinks";
  private static final int CLIENTS = 4;
  private static final int ACCOUNTS = 40;
  private static final long MAX_REQUESTS_PER_CLIENT = 200_000;

  enum Vendor { SQLITE, POSTGRES }

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void acknowledgedEventsSurviveSigkillAndProcessingResumes(Vendor vendor) throws Exception {
    TestDatabases.PostgresSchema schema = vendor == Vendor.POSTGRES ? TestDatabases.postgresSchema() : null;
    try {
      String dbUrl = schema == null ? TestDatabases.sqliteUrl(dir.resolve("db")) : schema.url();
      Path dataDir = dir.resolve("data");
      Path logs = dir.resolve("logs");

      // 1. Serve, load, and kill -9 while requests are in flight.
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      AtomicLong requests = new AtomicLong();
      AtomicReference<String> unexpected = new AtomicReference<>();
      try (ServeProcess first = ServeProcess.start(dbUrl, dataDir, logs)) {
        String key = Files.readString(dataDir.resolve("api-key")).trim();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
          int client = c;
          clients.add(Thread.ofPlatform().name("crash-client-" + c).start(() ->
              postUntilStopped(first.url, key, client, stop, acknowledged, requests, unexpected)));
        }
        // Let the clients get going (the first answers), then kill the server under them.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until && acknowledged.isEmpty() && unexpected.get() == null) {
          Thread.sleep(20);
        }
        Thread.sleep(1500);
        first.kill();
        stop.set(true);
        for (Thread t : clients) {
          t.join(TimeUnit.SECONDS.toMillis(60));
          assertThat(t.isAlive()).as("client %s ended within 60 s of the kill", t.getName()).isFalse();
        }
        assertThat(unexpected.get()).as("an answer that was neither 200 nor a connection failure\n" + first.logs())
            .isNull();
        assertThat(acknowledged).as("events acknowledged before the kill (%d requests)\n%s", requests.get(),
            first.logs()).isNotEmpty();
      }

      // 2. Every acknowledged event is in the journal.
      long journaled;
      long lastSeq;
      String taggedAccount;
      try (Store store = Store.open(dbUrl)) {
        Set<String> ids = new HashSet<>();
        String someAccount = null;
        long after = 0;
        for (int pages = 0; pages < 10_000; pages++) {
          List<JournalEntry> page = store.journal().readAfter(after, 5_000);
          if (page.isEmpty()) {
            break;
          }
          for (JournalEntry e : page) {
            ids.add(e.eventId());
            if (someAccount == null) {
              someAccount = ContractJson.mapper().readTree(e.json()).path("actor").asText();
            }
          }
          after = page.getLast().seq();
        }
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(ids);
        assertThat(lost).as("acknowledged but not journaled (of %d acknowledged)", acknowledged.size()).isEmpty();
        // The same through the lookup by id, for a sample.
        acknowledged.stream().limit(200).forEach(id -> assertThat(store.journal().find(id)).as(id).isPresent());
        journaled = store.journal().count();
        lastSeq = store.journal().lastSeq();
        assertThat(journaled).isEqualTo(ids.size());
        taggedAccount = someAccount;
        System.out.printf("%s: %,d requests answered before the kill, %,d events acknowledged, %,d journaled, "
            + "processed up to seq %,d of %,d%n", vendor, requests.get(), acknowledged.size(), journaled,
            store.state().checkpoint("engine"), lastSeq);
      }

      // 3. A new serve on the same store processes everything journaled, exactly once.
      try (ServeProcess second = ServeProcess.start(dbUrl, dataDir, logs)) {
        try {
          assertProcessingResumed(vendor, second, Files.readString(dataDir.resolve("api-key")).trim(), journaled,
              lastSeq, taggedAccount);
        } catch (IOException | RuntimeException e) {
          throw new AssertionError("restarted serve: " + e + "\n" + second.logs(), e);
        }
      }
    } finally {
      if (schema != null) {
        schema.close();
      }
    }
  }

  private static void assertProcessingResumed(Vendor vendor, ServeProcess serve, String key, long journaled,
                                              long lastSeq, String taggedAccount)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    JsonNode health = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      health = get(http, serve.url.resolve("healthz"), key);
      if (health.path("processed_seq").asLong() == health.path("journal_seq").asLong()) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(health).isNotNull();
    assertThat(health.path("processed_seq").asLong())
        .as("processed_seq caught up with journal_seq within 180 s: %s\n%s", health, serve.logs())
        .isEqualTo(health.path("journal_seq").asLong());
    assertThat(health.path("journal_seq").asLong()).as("journal_seq after the restart").isEqualTo(lastSeq);
    if (vendor == Vendor.SQLITE) {
      // AUTOINCREMENT seqs have no gaps there; a PostgreSQL identity may skip values an aborted transaction took.
      assertThat(health.path("processed_seq").asLong()).as("processed_seq vs journal count").isEqualTo(journaled);
    }

    // Every journaled event is a post with the listed tag: the tag's post count is the number of
    // events the engine applied across both runs. Equal to the journal: none lost, none twice.
    JsonNode tags = get(http, serve.url.resolve("v1/hashtags"), key);
    JsonNode listed = null;
    for (JsonNode t : tags.path("hashtags")) {
      if (LISTED.equals(t.path("tag").asText())) {
        listed = t;
      }
    }
    assertThat(listed).as("#%s in %s", LISTED, tags).isNotNull();
    assertThat(listed.path("posts").asLong()).as("posts counted for #%s (events applied)", LISTED)
        .isEqualTo(journaled);

    JsonNode verdicts = get(http, serve.url.resolve("v1/verdicts?subject_type=account&subject_id="
        + URLEncoder.encode(taggedAccount, StandardCharsets.UTF_8)), key);
    assertThat(verdicts.path("verdicts")).as("verdict on %s", taggedAccount).hasSize(1);
    assertThat(verdicts.path("verdicts").get(0).path("signals").get(0).path("value").asText()).isEqualTo(LISTED);
    JsonNode all = get(http, serve.url.resolve("v1/verdicts?subject_type=account&limit=1000"), key);
    assertThat(all.path("verdicts").size()).isBetween(1, ACCOUNTS);
  }

  private static JsonNode get(HttpClient http, URI uri, String key) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("GET %s: %s", uri, r.body()).isEqualTo(200);
    return json(r);
  }

  /**
   * Posts fresh events (one per request or a batch of up to 20) until stopped or the server is
   * gone; records every event id a 200 answer acknowledged.
   */
  private static void postUntilStopped(URI url, String key, int client, AtomicBoolean stop, Set<String> acknowledged,
                                       AtomicLong requests, AtomicReference<String> unexpected) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long n = 0;
    for (long i = 0; i < MAX_REQUESTS_PER_CLIENT && !stop.get(); i++) {
      int size = random.nextBoolean() ? 1 : 2 + random.nextInt(19);
      ArrayNode batch = ContractJson.mapper().createArrayNode();
      for (int k = 0; k < size; k++) {
        batch.add(event("c" + client + "-" + n, "acct-" + random.nextInt(ACCOUNTS), n));
        n++;
      }
      String body = ContractJson.write(size == 1 ? batch.get(0) : batch);
      HttpResponse<String> r;
      try {
        r = http.send(HttpRequest.newBuilder(url.resolve("v1/events")).timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        return; // the server is gone (killed): what it had not answered was not acknowledged
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      requests.incrementAndGet();
      if (r.statusCode() != 200) {
        unexpected.compareAndSet(null, r.statusCode() + " " + r.body());
        return;
      }
      for (JsonNode result : json(r).path("results")) {
        String status = result.path("status").asText();
        if (status.equals("accepted") || status.equals("duplicate")) {
          acknowledged.add(result.path("event_id").asText());
        }
      }
    }
  }

  private static ObjectNode event(String id, String actor, long n) {
    ObjectNode o = ContractJson.mapper().createObjectNode();
    o.put("event_id", id);
    o.put("type", "post");
    o.put("occurred_at", Instant.parse("2019-01-02T00:00:00Z").plusSeconds(n).toString());
    o.put("actor", actor);
    ObjectNode p = o.putObject("post");
    p.put("id", "post-" + id);
    p.put("text", "evening light");
    p.putArray("hashtags").add(LISTED).add(n % 2 == 0 ? "sunset" : "coffee");
    return o;
  }

  private static JsonNode json(HttpResponse<String> r) {
    try {
      return ContractJson.mapper().readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
    }
  }
}
