package io.ringbreaker.store;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * API keys: only a key's SHA-256 is stored; the plaintext is shown once, by {@link #create}. Each key
 * is scoped to what its integration needs: a platform that only sends events gets
 * {@code events:write}.
 */
public interface ApiKeys {
  String EVENTS_WRITE = "events:write";
  String VERDICTS_READ = "verdicts:read";
  String ACTIONS_WRITE = "actions:write";
  String LOOKUP_READ = "lookup:read";
  String ADMIN = "admin";
  /** Every scope, in the order they are shown. */
  Set<String> ALL_SCOPES = Collections.unmodifiableSet(
      new LinkedHashSet<>(List.of(EVENTS_WRITE, VERDICTS_READ, ACTIONS_WRITE, LOOKUP_READ, ADMIN)));

  /** Creates a key with every scope; see {@link #create(String, Set)}. */
  default String create(String name) {
    return create(name, ALL_SCOPES);
  }

  /**
   * Creates a key named {@code name} that may do {@code scopes}, and returns its plaintext: "rbk_" +
   * 43 base64url characters (32 random bytes).
   *
   * @throws IllegalArgumentException when the name is blank, or scopes are empty or name an unknown scope
   */
  String create(String name, Set<String> scopes);

  /** The key's name when {@code presented} is a known key that is not revoked. */
  default Optional<String> verify(String presented) {
    return authenticate(presented).map(ApiKeyInfo::name);
  }

  /** The key, with its scopes, when {@code presented} is a known key that is not revoked. */
  Optional<ApiKeyInfo> authenticate(String presented);

  /** The number of keys not revoked. */
  long count();

  /** Every key, revoked or not, oldest first; never the key itself. */
  List<ApiKeyInfo> list();

  /** Revokes the key with this id; false when there is none or it was already revoked. */
  boolean revoke(long id);

  /** Revokes every key named {@code name}; returns how many were revoked. */
  int revokeAll(String name);

  /** {@code scopes} in the order of {@link #ALL_SCOPES}, when each is known and there is at least one. */
  static Set<String> checkScopes(Set<String> scopes) {
    Objects.requireNonNull(scopes, "scopes");
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("an API key needs at least one scope (" + String.join(", ", ALL_SCOPES) + ")");
    }
    for (String s : scopes) {
      if (!ALL_SCOPES.contains(s)) {
        throw new IllegalArgumentException("unknown API key scope \"" + s + "\" (expected "
            + String.join(", ", ALL_SCOPES) + ")");
      }
    }
    Set<String> ordered = new LinkedHashSet<>();
    ALL_SCOPES.stream().filter(scopes::contains).forEach(ordered::add);
    return Collections.unmodifiableSet(ordered);
  }
}
