package io.ringbreaker.server.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringbreaker.store.Outbox;
import io.ringbreaker.store.OutboxAction;
import io.ringbreaker.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox's pending actions to the platform, one at a time, on one background thread:
 * a POST of the action's payload, signed (see {@link WebhookSignature}), with the action id in
 * {@code Ringbreaker-Action-Id}.
 *
 * <ul>
 *   <li>2xx: delivered.
 *   <li>4xx other than 408 and 429: failed at once: the platform refused the action, and sending it
 *       again would be refused again. A person can retry it from the outbox.
 *   <li>5xx, 408, 429, a timeout, a refused or broken connection: tried again after 1 s, 2 s, 4 s …
 *       (with jitter, capped), or after {@code Retry-After} seconds when the answer has one; failed
 *       once {@code maxAttempts} requests were made.
 * </ul>
 *
 * <p>Delivery is at least once. An action the platform accepted but whose "delivered" could not be
 * written (the database went away in between), or whose answer was lost (a timeout, a shutdown
 * during the request), is sent again: the platform must dedupe by {@code Ringbreaker-Action-Id}.
 * A database that goes away is logged and waited out; it never stops the thread.
 */
public final class WebhookDeliverer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookDeliverer.class);
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** A Retry-After longer than this is taken as this: a typo on the platform must not park an action for days. */
  private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);
  private static final int BATCH = 100;
  private static final int ERROR_BODY_CHARS = 200;

  private final Outbox outbox;
  private final WebhookConfig config;
  private final byte[] secret;
  private final HttpClient http;
  private final Semaphore wakeups = new Semaphore(0);
  private final Thread thread;
  private final Counter delivered;
  private final Counter retried;
  private final Counter failed;
  private final Timer requests;
  private volatile boolean closed;

  private WebhookDeliverer(Outbox outbox, WebhookConfig config, MeterRegistry metrics) {
    this.outbox = outbox;
    this.config = config;
    this.secret = config.secret();
    // HTTP/1.1: no h2c upgrade attempt on http:// URLs, which some receivers mishandle. No redirects:
    // a signed action goes where the operator said, nowhere else.
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(CONNECT_TIMEOUT)
        .build();
    this.delivered = outcome(metrics, "delivered");
    this.retried = outcome(metrics, "retry");
    this.failed = outcome(metrics, "failed");
    this.requests = Timer.builder("ringbreaker.webhook.request").description("One webhook POST, any outcome")
        .register(metrics);
    this.thread = Thread.ofPlatform().name("ringbreaker-webhook").daemon().unstarted(this::run);
  }

  private static Counter outcome(MeterRegistry metrics, String outcome) {
    return Counter.builder("ringbreaker.webhook.deliveries").description("Webhook requests by outcome")
        .tag("outcome", outcome).register(metrics);
  }

  /** Starts delivering; counters and timers go to {@code metrics}. */
  public static WebhookDeliverer start(Outbox outbox, WebhookConfig config, MeterRegistry metrics) {
    Objects.requireNonNull(outbox, "outbox");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(metrics, "metrics");
    WebhookDeliverer d = new WebhookDeliverer(outbox, config, metrics);
    d.thread.start();
    log.info("webhooks: delivering actions to {}", config.url());
    return d;
  }

  public static WebhookDeliverer start(Outbox outbox, WebhookConfig config) {
    return start(outbox, config, new SimpleMeterRegistry());
  }

  /** Looks for due actions now rather than at the next poll (call it after enqueueing or approving). */
  public void wake() {
    if (wakeups.availablePermits() == 0) {
      wakeups.release();
    }
  }

  private void run() {
    while (!closed) {
      List<OutboxAction> due;
      try {
        due = outbox.claimDue(Instant.now(), BATCH);
      } catch (StoreException e) {
        log.warn("webhooks: cannot read the outbox, trying again in {} s: {}", POLL.toSeconds(), e.getMessage());
        pause();
        continue;
      } catch (RuntimeException e) {
        log.error("webhooks: unexpected failure reading the outbox, trying again", e);
        pause();
        continue;
      }
      boolean storeOk = true;
      for (OutboxAction a : due) {
        if (closed) {
          return;
        }
        try {
          deliver(a);
        } catch (StoreException e) {
          // The outcome was not written: the action stays due and is sent again (the platform dedupes).
          log.warn("webhooks: cannot record the outcome of action {}, it will be sent again: {}", a.actionId(),
              e.getMessage());
          storeOk = false;
          break;
        } catch (RuntimeException e) {
          log.error("webhooks: unexpected failure delivering action {}", a.actionId(), e);
          storeOk = false;
          break;
        }
      }
      if (!storeOk || due.size() < BATCH) {
        pause();
      }
    }
  }

  /** Waits for {@link #wake} or the poll interval, whichever comes first. */
  private void pause() {
    try {
      wakeups.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
      wakeups.drainPermits();
    } catch (InterruptedException e) {
      // close() interrupts; the loop checks closed.
    }
  }

  private void deliver(OutboxAction a) {
    byte[] body = a.payloadJson().getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(config.url())
        .timeout(config.requestTimeout())
        .header("Content-Type", "application/json")
        .header("User-Agent", "ringbreaker-webhook")
        .header(WebhookSignature.ACTION_ID_HEADER, a.actionId())
        .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.header(secret, Instant.now(), body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    int attempt = a.attempts() + 1;
    long start = System.nanoTime();
    int status;
    String answer;
    Optional<Duration> retryAfter;
    try {
      HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      status = r.statusCode();
      answer = firstChars(r.body());
      retryAfter = r.headers().firstValue("Retry-After").flatMap(WebhookDeliverer::seconds);
    } catch (HttpConnectTimeoutException e) {
      retryOrFail(a, attempt, "no connection to " + hostPort() + " within " + CONNECT_TIMEOUT.toSeconds() + " s",
          Optional.empty());
      return;
    } catch (HttpTimeoutException e) {
      retryOrFail(a, attempt, "no answer from " + hostPort() + " within " + seconds(config.requestTimeout()),
          Optional.empty());
      return;
    } catch (ConnectException e) {
      retryOrFail(a, attempt, "connection refused by " + hostPort(), Optional.empty());
      return;
    } catch (IOException e) {
      retryOrFail(a, attempt, "request to " + hostPort() + " failed: " + describe(e), Optional.empty());
      return;
    } catch (InterruptedException e) {
      // Shutting down: the action stays due as it was; the next start sends it (again, maybe).
      Thread.currentThread().interrupt();
      return;
    } finally {
      requests.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
    if (status >= 200 && status < 300) {
      outbox.delivered(a.actionId(), Instant.now());
      delivered.increment();
      log.debug("webhooks: action {} delivered (HTTP {}, attempt {})", a.actionId(), status, attempt);
      return;
    }
    String error = "HTTP " + status + (answer.isEmpty() ? "" : ": " + answer);
    if (status >= 400 && status < 500 && status != 408 && status != 429) {
      outbox.failed(a.actionId(), error);
      failed.increment();
      log.warn("webhooks: the platform refused action {}, not retrying: {}", a.actionId(), error);
      return;
    }
    retryOrFail(a, attempt, error, retryAfter);
  }

  private void retryOrFail(OutboxAction a, int attempt, String error, Optional<Duration> retryAfter) {
    if (attempt >= config.maxAttempts()) {
      String gaveUp = error + " (gave up after " + attempt + " attempt" + (attempt == 1 ? "" : "s") + ")";
      outbox.failed(a.actionId(), gaveUp);
      failed.increment();
      log.warn("webhooks: action {} failed: {}", a.actionId(), gaveUp);
      return;
    }
    Duration wait = retryAfter.map(d -> d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d)
        .orElseGet(() -> backoff(attempt));
    outbox.retryLater(a.actionId(), Instant.now().plus(wait), error);
    retried.increment();
    log.info("webhooks: action {} attempt {} of {} failed ({}), next in {}", a.actionId(), attempt,
        config.maxAttempts(), error, seconds(wait));
  }

  /**
   * base × 2^(attempt-1), capped, times a random factor in [0.8, 1.2): actions that failed together
   * (the platform was down) do not all come back in the same instant.
   */
  Duration backoff(int attempt) {
    long base = config.baseBackoff().toMillis();
    long cap = config.maxBackoff().toMillis();
    long exp = attempt - 1 >= 40 ? cap : Math.min(cap, base << Math.max(0, attempt - 1));
    if (exp < 0) {
      exp = cap; // overflow
    }
    long jittered = (long) (exp * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
    return Duration.ofMillis(Math.max(1, Math.min(cap, jittered)));
  }

  /** Retry-After in seconds; the HTTP-date form is ignored (our own backoff applies). */
  private static Optional<Duration> seconds(String value) {
    String v = value.strip();
    if (!v.matches("[0-9]{1,9}")) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** The first characters of the answer, on one line; the rest is not read. */
  private static String firstChars(InputStream in) {
    try (in) {
      String s = new String(in.readNBytes(ERROR_BODY_CHARS * 4), StandardCharsets.UTF_8).strip()
          .replaceAll("\\s+", " ");
      return s.length() <= ERROR_BODY_CHARS ? s : s.substring(0, ERROR_BODY_CHARS);
    } catch (IOException e) {
      return "";
    }
  }

  private String hostPort() {
    int port = config.url().getPort();
    return config.url().getHost() + (port < 0 ? "" : ":" + port);
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip().lines().findFirst().orElse(m);
  }

  /**
   * Stops the thread, interrupting a request in flight (that action stays due, and is sent again by
   * the next deliverer). Waits for the thread to end. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    http.close();
  }
}
