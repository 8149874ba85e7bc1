package io.ringbreaker.cli;

import static io.ringbreaker.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.ringbreaker.server.webhook.WebhookSignature;
import io.ringbreaker.store.OutboxAction;
import io.ringbreaker.store.OutboxState;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.TestDatabases;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --webhook-url}: options checked before anything opens, and delivery from a real serve process. */
class ServeWebhookTest {
  @TempDir Path dir;

  @Test
  void badWebhookOptionsAreExit2NamingTheFlag() throws Exception {
    String data = dir.resolve("data").toString();
    for (String[] c : new String[][] {
        {"--webhook-url", "ftp://platform.example/hook"},
        {"--webhook-url", "platform.example/hook"},
        {"--webhook-url", "http://platform.example/hook", "--webhook-max-attempts", "0"},
        {"--webhook-secret-file", dir.resolve("s").toString()},
        {"--webhook-url", "http://platform.example/hook", "--webhook-secret-file", dir.resolve("none").toString()}}) {
      List<String> args = new java.util.ArrayList<>(List.of("serve", "--data-dir", data, "--port", "0"));
      args.addAll(List.of(c));
      MainTest.Run r = run(args.toArray(String[]::new));
      assertThat(r.exit()).as(String.join(" ", c)).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", c)).startsWith("ringbreaker serve: --webhook-");
    }
    assertThat(run("serve", "--data-dir", data, "--webhook-url", "ftp://x/").err()).isEqualTo(
        "ringbreaker serve: --webhook-url: must be an http:// or https:// URL, got 'ftp://x/'" + System.lineSeparator());
    // Nothing was opened or created.
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void aServeProcessDeliversQueuedActionsSigned() throws Exception {
    BlockingQueue<String[]> got = new LinkedBlockingQueue<>();
    HttpServer platform = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    platform.createContext("/hook", x -> {
      try (x) {
        byte[] body = x.getRequestBody().readAllBytes();
        got.add(new String[] {x.getRequestHeaders().getFirst("Ringbreaker-Action-Id"),
            x.getRequestHeaders().getFirst("Ringbreaker-Signature"), new String(body, StandardCharsets.UTF_8)});
        x.sendResponseHeaders(200, -1);
      }
    });
    platform.start();
    String dbUrl = TestDatabases.sqliteUrl(dir);
    Path data = dir.resolve("data");
    try (Store store = Store.open(dbUrl)) {
      store.outbox().enqueue(List.of(OutboxAction.create("act-1", "account", "u1", "suspend",
          "{\"action_id\":\"act-1\",\"action\":\"suspend\"}", OutboxState.PENDING, Instant.now())));
    }
    String url = "http://127.0.0.1:" + platform.getAddress().getPort() + "/hook";
    try (ServeProcess serve = ServeProcess.start(dbUrl, data, dir.resolve("logs"), "--webhook-url", url)) {
      String[] request = got.poll(60, TimeUnit.SECONDS);
      assertThat(request).as(serve.logs()).isNotNull();
      assertThat(request[0]).isEqualTo("act-1");
      byte[] secret = Files.readString(data.resolve("webhook-secret")).strip().getBytes(StandardCharsets.UTF_8);
      assertThat(WebhookSignature.verify(secret, request[1], request[2].getBytes(StandardCharsets.UTF_8),
          Instant.now()).valid()).isTrue();
      assertThat(serve.out()).contains("ringbreaker: webhooks: delivering actions to " + url);
    } finally {
      platform.stop(0);
    }
  }

  @Test
  void withoutAWebhookUrlTheStartLineSaysActionsOnlyQueue() throws Exception {
    try (ServeProcess serve = ServeProcess.start(TestDatabases.sqliteUrl(dir), dir.resolve("data"),
        dir.resolve("logs"))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!serve.out().contains("webhooks:") && System.nanoTime() - deadline < 0) {
        Thread.sleep(50);
      }
      assertThat(serve.out()).contains(
          "ringbreaker: webhooks: off (no --webhook-url): actions queue in the outbox (GET /v1/actions), none is sent");
      assertThat(dir.resolve("data").resolve("webhook-secret")).doesNotExist();
    }
  }
}
