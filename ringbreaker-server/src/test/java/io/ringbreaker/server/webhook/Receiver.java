package io.ringbreaker.server.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A platform's webhook endpoint on 127.0.0.1: answers the n-th request (from 1) as {@code script}
 * says, and keeps every request. {@link Answer#HANG} holds the request until the receiver closes
 * (at most 60 s). Closing stops it.
 */
public final class Receiver implements AutoCloseable {
  public record Answer(int status, String body, Map<String, String> headers) {
    public static final Answer HANG = new Answer(-1, "", Map.of());

    public static Answer of(int status) {
      return new Answer(status, "", Map.of());
    }

    public static Answer of(int status, String body) {
      return new Answer(status, body, Map.of());
    }
  }

  /** One request as received, with the answer it got (-1 when it was held). */
  public record Received(String actionId, String signature, String contentType, byte[] body, int answered) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile IntFunction<Answer> script;

  public Receiver(IntFunction<Answer> script) {
    this.script = script;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(pool);
    server.createContext("/hook", this::handle);
    server.start();
  }

  public static Receiver always(int status) {
    return new Receiver(n -> Answer.of(status));
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  void script(IntFunction<Answer> next) {
    script = next;
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public long count(String actionId, int status) {
    return received.stream().filter(r -> r.actionId().equals(actionId) && r.answered() == status).count();
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      byte[] body = x.getRequestBody().readAllBytes();
      int n = requests.incrementAndGet();
      Answer a = script.apply(n);
      received.add(new Received(x.getRequestHeaders().getFirst("Ringbreaker-Action-Id"),
          x.getRequestHeaders().getFirst("Ringbreaker-Signature"), x.getRequestHeaders().getFirst("Content-Type"),
          body, a.status()));
      if (a.status() < 0) {
        release.await(60, TimeUnit.SECONDS);
        return;
      }
      a.headers().forEach(x.getResponseHeaders()::add);
      byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        x.getResponseBody().write(out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    pool.shutdownNow();
  }
}
