package io.ringbreaker.model;

import java.net.URI;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A media item: bytes by {@code url} or {@code data_base64}, or hashes the platform computed on its
 * own side. Hex hashes are held lower-case.
 */
public record Media(String id, Optional<String> mime, Optional<URI> url, Optional<String> dataBase64,
                    Optional<String> pdq, OptionalInt pdqQuality, Optional<String> md5, Optional<String> sha256) {

  public boolean hasBytes() {
    return url.isPresent() || dataBase64.isPresent();
  }

  /** The video type a {@code mime} names ({@code video/…}, lowercased), or empty for anything else. */
  public static Optional<String> videoType(String mime) {
    String m = mime.strip().toLowerCase(java.util.Locale.ROOT);
    return m.startsWith("video/") ? Optional.of(m) : Optional.empty();
  }
}
