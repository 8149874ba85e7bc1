package io.ringbreaker.server.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how actions are delivered. {@code secret} is the HMAC key (the bytes of the secret
 * file's text, see {@link WebhookSecretFile}); {@code maxAttempts} counts every request of an
 * action, the first included; retries wait {@code baseBackoff} × 2^(attempt-1), with jitter, up to
 * {@code maxBackoff}.
 */
public record WebhookConfig(URI url, byte[] secret, int maxAttempts, Duration requestTimeout, Duration baseBackoff,
                            Duration maxBackoff) {
  public static final int DEFAULT_MAX_ATTEMPTS = 12;
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_BASE_BACKOFF = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(10);

  public WebhookConfig {
    Objects.requireNonNull(url, "url");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("webhook URL must be http:// or https://, got \"" + url + "\"");
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      throw new IllegalArgumentException("webhook URL has no host: \"" + url + "\"");
    }
    Objects.requireNonNull(secret, "secret");
    if (secret.length < 16) {
      throw new IllegalArgumentException("webhook secret must be at least 16 bytes, got " + secret.length);
    }
    secret = secret.clone();
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("webhook max attempts must be 1 or more, got " + maxAttempts);
    }
    requirePositive(requestTimeout, "webhook request timeout");
    requirePositive(baseBackoff, "webhook base backoff");
    requirePositive(maxBackoff, "webhook max backoff");
  }

  /** The default backoff: 1 s, 2 s, 4 s … up to 10 minutes. */
  public WebhookConfig(URI url, byte[] secret, int maxAttempts, Duration requestTimeout) {
    this(url, secret, maxAttempts, requestTimeout, DEFAULT_BASE_BACKOFF, DEFAULT_MAX_BACKOFF);
  }

  /** The defaults: 12 attempts, 10 s per request. */
  public static WebhookConfig of(URI url, byte[] secret) {
    return new WebhookConfig(url, secret, DEFAULT_MAX_ATTEMPTS, DEFAULT_REQUEST_TIMEOUT);
  }

  @Override
  public byte[] secret() {
    return secret.clone();
  }

  public WebhookConfig withBackoff(Duration base, Duration max) {
    return new WebhookConfig(url, secret, maxAttempts, requestTimeout, base, max);
  }

  public WebhookConfig withRequestTimeout(Duration timeout) {
    return new WebhookConfig(url, secret, maxAttempts, timeout, baseBackoff, maxBackoff);
  }

  public WebhookConfig withMaxAttempts(int attempts) {
    return new WebhookConfig(url, secret, attempts, requestTimeout, baseBackoff, maxBackoff);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WebhookConfig c && url.equals(c.url) && Arrays.equals(secret, c.secret)
        && maxAttempts == c.maxAttempts && requestTimeout.equals(c.requestTimeout)
        && baseBackoff.equals(c.baseBackoff) && maxBackoff.equals(c.maxBackoff);
  }

  @Override
  public int hashCode() {
    return Objects.hash(url, Arrays.hashCode(secret), maxAttempts, requestTimeout, baseBackoff, maxBackoff);
  }

  /** Never shows the secret: a config is logged. */
  @Override
  public String toString() {
    return "WebhookConfig[url=" + url + ", secret=(" + secret.length + " bytes), maxAttempts=" + maxAttempts
        + ", requestTimeout=" + requestTimeout + ", baseBackoff=" + baseBackoff + ", maxBackoff=" + maxBackoff + "]";
  }

  private static void requirePositive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
  }
}
