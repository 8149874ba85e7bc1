package io.ringbreaker.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A stored API key without its secret; {@code prefix} is its first characters, to tell keys apart. */
public record ApiKeyInfo(long id, String name, String prefix, Instant createdAt, Optional<Instant> revokedAt) {
  public ApiKeyInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(revokedAt, "revokedAt");
  }

  public boolean revoked() {
    return revokedAt.isPresent();
  }
}
