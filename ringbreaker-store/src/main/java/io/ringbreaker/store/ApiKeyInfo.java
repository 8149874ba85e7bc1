package io.ringbreaker.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A stored API key without its secret; {@code prefix} is its first characters, to tell keys apart;
 * {@code scopes} are what it may do (see {@link ApiKeys#ALL_SCOPES}).
 */
public record ApiKeyInfo(long id, String name, String prefix, Instant createdAt, Optional<Instant> revokedAt,
                         Set<String> scopes) {
  public ApiKeyInfo {
    scopes = ApiKeys.checkScopes(scopes);
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(revokedAt, "revokedAt");
  }

  public boolean has(String scope) {
    return scopes.contains(scope);
  }

  public boolean revoked() {
    return revokedAt.isPresent();
  }
}
