package io.ringbreaker.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringbreaker.server.webhook.Receiver.Answer;
import io.ringbreaker.store.OutboxAction;
import io.ringbreaker.store.OutboxState;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.TestDatabases;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delivery to a real HTTP receiver on 127.0.0.1, from a real SQLite store. No timing is asserted. */
class WebhookDelivererTest {
  private static final byte[] SECRET = "f00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeed"
      .getBytes(StandardCharsets.US_ASCII);
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  /** Fast retries for tests: 10 ms, 20 ms, 40 ms … up to 100 ms. */
  private static WebhookConfig config(URI url) {
    return WebhookConfig.of(url, SECRET).withBackoff(Duration.ofMillis(10), Duration.ofMillis(100));
  }

  static OutboxAction action(String id) {
    return OutboxAction.create(id, "account", "acct-" + id, "suspend",
        "{\"action_id\":\"" + id + "\",\"action\":\"suspend\",\"subject\":{\"type\":\"account\",\"id\":\"acct-" + id
            + "\"}}", OutboxState.PENDING, Instant.now());
  }

  private Store store() {
    return Store.open(TestDatabases.sqliteUrl(dir));
  }

  /** Polls the action until {@code until} holds (bounded). */
  static OutboxAction await(Store store, String id, Predicate<OutboxAction> until) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    OutboxAction a = null;
    while (System.nanoTime() - deadline < 0) {
      a = store.outbox().get(id).orElseThrow();
      if (until.test(a)) {
        return a;
      }
      sleep(20);
    }
    return fail("action " + id + " did not reach the expected state within " + WAIT + "; last: " + a);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void deliversSignedRequestsWithTheActionId() {
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    try (Store store = store(); Receiver platform = Receiver.always(204);
        WebhookDeliverer d = WebhookDeliverer.start(store.outbox(), config(platform.url()), metrics)) {
      Instant before = Instant.now();
      store.outbox().enqueue(List.of(action("a1"), action("a2")));
      d.wake();

      for (String id : List.of("a1", "a2")) {
        OutboxAction a = await(store, id, x -> x.state() == OutboxState.DELIVERED);
        assertThat(a.attempts()).isEqualTo(1);
        assertThat(a.deliveredAt()).hasValueSatisfying(t -> assertThat(t).isAfterOrEqualTo(before.minusMillis(1)));
      }
      assertThat(platform.received()).hasSize(2);
      for (Receiver.Received r : platform.received()) {
        OutboxAction a = store.outbox().get(r.actionId()).orElseThrow();
        assertThat(r.text()).isEqualTo(a.payloadJson());
        assertThat(r.contentType()).isEqualTo("application/json");
        var v = WebhookSignature.verify(SECRET, r.signature(), r.body(), Instant.now());
        assertThat(v.valid()).as(v.reason()).isTrue();
        // The same bytes under another secret do not verify.
        assertThat(WebhookSignature.verify("x".repeat(32).getBytes(StandardCharsets.UTF_8), r.signature(), r.body(),
            Instant.now()).valid()).isFalse();
      }
      assertThat(metrics.get("ringbreaker.webhook.deliveries").tag("outcome", "delivered").counter().count())
          .isEqualTo(2.0);
    }
  }

  @Test
  void serverErrorsAreRetriedUntilDelivered() {
    try (Store store = store();
        Receiver platform = new Receiver(n -> n <= 2 ? Answer.of(500, "busy") : Answer.of(200));
        WebhookDeliverer d = WebhookDeliverer.start(store.outbox(), config(platform.url()))) {
      store.outbox().enqueue(List.of(action("r1")));
      d.wake();

      OutboxAction a = await(store, "r1", x -> x.state() == OutboxState.DELIVERED);
      assertThat(a.attempts()).isEqualTo(3);
      assertThat(a.lastError()).isEmpty();
      assertThat(platform.received()).extracting(Receiver.Received::answered).containsExactly(500, 500, 200);
      assertThat(platform.received()).extracting(Receiver.Received::actionId).containsOnly("r1");
    }
  }

  @Test
  void aRefusalFailsAtOnceWithTheStatusAndTheStartOfTheBody() {
    String explanation = "unknown subject " + "x".repeat(300);
    try (Store store = store(); Receiver platform = new Receiver(n -> Answer.of(400, explanation));
        WebhookDeliverer d = WebhookDeliverer.start(store.outbox(), config(platform.url()))) {
      store.outbox().enqueue(List.of(action("f1")));
      d.wake();

      OutboxAction a = await(store, "f1", x -> x.state() == OutboxState.FAILED);
      assertThat(a.attempts()).isEqualTo(1);
      assertThat(a.lastError()).isEqualTo("HTTP 400: " + explanation.substring(0, 200));
      assertThat(platform.received()).hasSize(1);
    }
  }

  @Test
  void tooManyRequestsIsRetriedAfterTheRetryAfterItGives() {
    try (Store store = store();
        Receiver platform = new Receiver(n -> new Answer(429, "slow down", Map.of("Retry-After", "3600")));
        WebhookDeliverer d = WebhookDeliverer.start(store.outbox(), config(platform.url()))) {
      Instant before = Instant.now();
      store.outbox().enqueue(List.of(action("t1")));
      d.wake();

      OutboxAction a = await(store, "t1", x -> x.attempts() == 1);
      assertThat(a.state()).isEqualTo(OutboxState.PENDING);
      assertThat(a.lastError()).isEqualTo("HTTP 429: slow down");
      // Not our 10 ms backoff: the hour the platform asked for.
      assertThat(a.nextAttemptAt()).isAfter(before.plus(Duration.ofMinutes(59)));
    }
  }

  @Test
  void aHangingPlatformTimesOutAndIsTriedAgain() {
    try (Store store = store(); Receiver platform = new Receiver(n -> n == 1 ? Answer.HANG : Answer.of(200));
        WebhookDeliverer d = WebhookDeliverer.start(store.outbox(),
            config(platform.url()).withRequestTimeout(Duration.ofMillis(300)))) {
      store.outbox().enqueue(List.of(action("h1")));
      d.wake();

      OutboxAction a = await(store, "h1", x -> x.state() == OutboxState.DELIVERED);
      assertThat(a.attempts()).isEqualTo(2);
      assertThat(platform.received()).extracting(Receiver.Received::answered).containsExactly(-1, 200);
    }
  }

  @Test
  void aRefusedConnectionIsRetriedThenFailsAfterMaxAttempts() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    URI nobody = URI.create("http://127.0.0.1:" + port + "/hook");
    try (Store store = store();
        WebhookDeliverer d = WebhookDeliverer.start(store.outbox(), config(nobody).withMaxAttempts(3))) {
      store.outbox().enqueue(List.of(action("c1")));
      d.wake();

      OutboxAction a = await(store, "c1", x -> x.state() == OutboxState.FAILED);
      assertThat(a.attempts()).isEqualTo(3);
      assertThat(a.lastError()).isEqualTo("connection refused by 127.0.0.1:" + port + " (gave up after 3 attempts)");
    }
  }

  @Test
  void actionsLeftByAStoppedDelivererAreDeliveredOnceByTheNext() {
    String url = TestDatabases.sqliteUrl(dir);
    try (Receiver platform = new Receiver(n -> n == 1 ? Answer.HANG : Answer.of(200))) {
      try (Store store = Store.open(url);
          WebhookDeliverer d = WebhookDeliverer.start(store.outbox(), config(platform.url()))) {
        store.outbox().enqueue(List.of(action("s1"), action("s2"), action("s3")));
        d.wake();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (platform.received().isEmpty() && System.nanoTime() - deadline < 0) {
          sleep(20);
        }
        assertThat(platform.received()).hasSize(1); // the first, held without an answer
      } // the deliverer stops mid-request, then the store closes: nothing was delivered

      try (Store store = Store.open(url)) {
        assertThat(store.outbox().countsByState()).containsEntry("pending", 3L).containsEntry("delivered", 0L);
        try (WebhookDeliverer d = WebhookDeliverer.start(store.outbox(), config(platform.url()))) {
          for (String id : List.of("s1", "s2", "s3")) {
            assertThat(await(store, id, x -> x.state() == OutboxState.DELIVERED).attempts()).isEqualTo(1);
          }
        }
        for (String id : List.of("s1", "s2", "s3")) {
          assertThat(platform.count(id, 200)).as(id).isEqualTo(1);
        }
        assertThat(platform.received()).hasSize(4);
      }
    }
  }

  @Test
  void aDatabaseThatGoesAwayIsWaitedOut() {
    String url = TestDatabases.sqliteUrl(dir);
    try (Store store = Store.open(url); Receiver platform = Receiver.always(200);
        WebhookDeliverer d = WebhookDeliverer.start(store.outbox(), config(platform.url()))) {
      sql(url, "ALTER TABLE outbox RENAME TO outbox_away");
      d.wake();
      sleep(1500); // a poll or two against the missing table (not asserted: the outcome below is)
      sql(url, "ALTER TABLE outbox_away RENAME TO outbox");
      store.outbox().enqueue(List.of(action("g1")));
      d.wake();
      assertThat(await(store, "g1", x -> x.state() == OutboxState.DELIVERED).attempts()).isEqualTo(1);
    }
  }

  private static void sql(String url, String statement) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 10000");
      s.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(statement + ": " + e.getMessage(), e);
    }
  }

  @Test
  void configAndSecretFileAreChecked() throws IOException {
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> WebhookConfig.of(URI.create("ftp://x/"), SECRET)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("webhook URL must be http:// or https://, got \"ftp://x/\"");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> WebhookConfig.of(URI.create("/relative"), SECRET)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(WebhookConfig.of(URI.create("https://platform.example/hook"), SECRET).toString())
        .doesNotContain("f00d").contains("64 bytes");

    Path data = dir.resolve("data");
    byte[] first = WebhookSecretFile.ensure(data);
    assertThat(new String(first, StandardCharsets.US_ASCII)).matches("[0-9a-f]{64}");
    assertThat(WebhookSecretFile.ensure(data)).isEqualTo(first);
    assertThat(java.nio.file.Files.getPosixFilePermissions(WebhookSecretFile.path(data)))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

    Path shortOne = java.nio.file.Files.writeString(dir.resolve("short"), "tooshort\n");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> WebhookSecretFile.read(shortOne)))
        .hasMessage("webhook secret file " + shortOne + " must hold one secret of at least 32 characters without "
            + "spaces (e.g. 64 hex digits), got 8 characters");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> WebhookSecretFile.read(dir.resolve("none"))))
        .hasMessage("webhook secret file " + dir.resolve("none") + " does not exist");
  }
}
