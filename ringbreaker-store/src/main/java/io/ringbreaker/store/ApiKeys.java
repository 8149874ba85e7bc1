package io.ringbreaker.store;

import java.util.List;
import java.util.Optional;

/** API keys: only a key's SHA-256 is stored; the plaintext is shown once, by {@link #create}. */
public interface ApiKeys {
  /** Creates a key named {@code name} and returns its plaintext: "rbk_" + 43 base64url characters (32 random bytes). */
  String create(String name);

  /** The key's name when {@code presented} is a known key that is not revoked. */
  Optional<String> verify(String presented);

  /** The number of keys not revoked. */
  long count();

  /** Every key, revoked or not, oldest first; never the key itself. */
  List<ApiKeyInfo> list();

  /** Revokes the key with this id; false when there is none or it was already revoked. */
  boolean revoke(long id);

  /** Revokes every key named {@code name}; returns how many were revoked. */
  int revokeAll(String name);
}
