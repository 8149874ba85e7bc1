package io.ringbreaker.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Fetches {@code http(s)} media, off unless the operator enables it: only from the hosts they name
 * (a platform's media hosts, so an event cannot make Ringbreaker call an arbitrary or internal
 * address), no redirects followed, within a byte and a time limit.
 *
 * @param hosts hosts fetched from: "media.example.com" exactly, ".example.com" for it and its subdomains
 */
public record MediaFetcher(List<String> hosts, long maxBytes, Duration timeout) {

  private static final HttpClient HTTP = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  public MediaFetcher {
    hosts = hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("media fetching needs at least one host to fetch from");
    }
    if (maxBytes <= 0 || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("media fetching limits must be positive, got maxBytes=" + maxBytes
          + " timeout=" + timeout);
    }
  }

  boolean allows(URI url) {
    String host = Optional.ofNullable(url.getHost()).orElse("").toLowerCase(Locale.ROOT);
    for (String h : hosts) {
      if (h.startsWith(".") ? host.endsWith(h) || host.equals(h.substring(1)) : host.equals(h)) {
        return true;
      }
    }
    return false;
  }

  /** The bytes at {@code url}; throws with a reason naming the item for anything else. */
  byte[] fetch(String mediaId, URI url) throws MediaBytes.MediaException {
    if (!allows(url)) {
      throw new MediaBytes.MediaException("media " + mediaId + ": " + url.getHost()
          + " is not a host media is fetched from (--fetch-media-from)");
    }
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
    try {
      HttpResponse<InputStream> r = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = r.body()) {
        if (r.statusCode() != 200) {
          throw new MediaBytes.MediaException("media " + mediaId + ": " + url + " answered HTTP " + r.statusCode()
              + (r.statusCode() / 100 == 3 ? " (redirects are not followed)" : ""));
        }
        long declared = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > maxBytes) {
          throw new MediaBytes.MediaException("media " + mediaId + ": " + url + " is " + declared
              + " bytes, over the limit of " + maxBytes);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (b.length > maxBytes) {
          throw new MediaBytes.MediaException("media " + mediaId + ": " + url + " is over the limit of "
              + maxBytes + " bytes");
        }
        if (System.nanoTime() - deadline > 0) {
          throw new MediaBytes.MediaException("media " + mediaId + ": " + url + " took longer than "
              + timeout.toMillis() + " ms");
        }
        return b;
      }
    } catch (HttpTimeoutException e) {
      throw new MediaBytes.MediaException("media " + mediaId + ": " + url + " did not answer within "
          + timeout.toMillis() + " ms");
    } catch (IOException e) {
      throw new MediaBytes.MediaException("media " + mediaId + ": cannot fetch " + url + " ("
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MediaBytes.MediaException("media " + mediaId + ": interrupted fetching " + url);
    }
  }
}
