package io.ringbreaker.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Console sessions. A session's token is 32 random bytes (base64url) that only its browser holds:
 * the store keeps its SHA-256. Each session has its own CSRF token for the forms it posts.
 */
public interface Sessions {
  /** Opens a new session for the user, ending at {@code now + ttl}; returns the token, shown once. */
  NewSession create(long userId, Instant now, Duration ttl);

  /** The live session with this token: empty when unknown, expired, revoked, or its user is disabled. */
  Optional<Session> find(String token, Instant now);

  /** Records that the session was used at {@code now}. */
  void touch(String token, Instant now);

  /** Ends the session; false when there was no live one with this token. */
  boolean revoke(String token);

  /** Ends every session of the user; returns how many were not revoked before. */
  int revokeAllOf(long userId);

  /** A session just opened: its token (the cookie's value) and its CSRF token. */
  record NewSession(String token, String csrf, Instant expiresAt) {
    public NewSession {
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(csrf, "csrf");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
      return "NewSession[expiresAt=" + expiresAt + "]"; // never the tokens, in case one is logged
    }
  }

  /** A live session and the user it belongs to, as they are now (a role change shows at once). */
  record Session(User user, String csrf, Instant expiresAt) {
    public Session {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(csrf, "csrf");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
      return "Session[user=" + user.name() + ", expiresAt=" + expiresAt + "]";
    }
  }
}
