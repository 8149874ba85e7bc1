package io.ringbreaker.engine;

import io.ringbreaker.model.Media;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * Resolves a media item's bytes for the detectors: inline base64, or a {@code file:} URL, within a
 * byte limit. {@code file:} URLs are read only where the operator's own files are meant
 * ({@code scan}); the HTTP API does not let a client make the server read its local files. {@code http(s)} media is fetched only when an operator enables it ({@link MediaFetcher}).
 * Detectors get bytes, never URLs, so they do no I/O.
 */
final class MediaBytes {

  static final int MAX_BYTES = 32 << 20;

  /** Whether {@link #resolve} would read bytes (inline, a file, a fetch) rather than answer empty at once. */
  static boolean hasBytes(Media m, boolean readFiles, Optional<MediaFetcher> fetcher) {
    return m.dataBase64().isPresent() || (fetcher.isPresent() && isHttp(m)) || (readFiles && isFile(m));
  }

  private static boolean isHttp(Media m) {
    String scheme = m.url().map(URI::getScheme).orElse("");
    return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
  }

  private static boolean isFile(Media m) {
    return "file".equalsIgnoreCase(m.url().map(URI::getScheme).orElse(""));
  }

  /** The bytes, or empty when there are none to read; throws with a reason for a broken item. */
  static Optional<byte[]> resolve(Media m, boolean readFiles, Optional<MediaFetcher> fetcher) throws MediaException {
    if (m.dataBase64().isPresent()) {
      try {
        byte[] b = Base64.getMimeDecoder().decode(m.dataBase64().get().replace('-', '+').replace('_', '/'));
        if (b.length > MAX_BYTES) {
          throw new MediaException("media " + m.id() + ": larger than " + MAX_BYTES + " bytes");
        }
        return Optional.of(b);
      } catch (IllegalArgumentException e) {
        throw new MediaException("media " + m.id() + ": data_base64 is not valid base64");
      }
    }
    if (fetcher.isPresent() && isHttp(m)) {
      return Optional.of(fetcher.get().fetch(m.id(), m.url().get()));
    }
    if (readFiles && isFile(m)) {
      Path p;
      try {
        p = Path.of(m.url().get());
      } catch (IllegalArgumentException e) {
        throw new MediaException("media " + m.id() + ": bad file URL " + m.url().get());
      }
      if (!Files.isRegularFile(p)) {
        throw new MediaException("media " + m.id() + ": " + p + " is not a regular file");
      }
      try (InputStream in = Files.newInputStream(p)) {
        byte[] b = in.readNBytes(MAX_BYTES + 1);
        if (b.length > MAX_BYTES) {
          throw new MediaException("media " + m.id() + ": " + p + " is larger than " + MAX_BYTES + " bytes");
        }
        return Optional.of(b);
      } catch (IOException e) {
        throw new MediaException("media " + m.id() + ": cannot read " + p + " (" + e.getClass().getSimpleName() + ")");
      }
    }
    return Optional.empty();
  }

  static final class MediaException extends Exception {
    MediaException(String message) {
      super(message, null, false, false);
    }
  }
}
