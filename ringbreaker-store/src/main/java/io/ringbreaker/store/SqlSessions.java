package io.ringbreaker.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

final class SqlSessions implements Sessions {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int TOKEN_BYTES = 32;
  private static final int TOKEN_LENGTH = 43; // base64url of 32 bytes, unpadded

  private final Db db;

  SqlSessions(Db db) {
    this.db = db;
  }

  @Override
  public NewSession create(long userId, Instant now, Duration ttl) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, got " + ttl);
    }
    String token = random();
    String csrf = random();
    long at = Times.micros(now);
    long expires = Times.micros(now.plus(ttl));
    db.write("session creation for user " + userId, c -> {
      // Sessions that ended long ago are of no use to anyone; clearing them here keeps the table small.
      SqlUsers.execute(c, "DELETE FROM sessions WHERE expires_at_us < ?", at - Duration.ofDays(1).toNanos() / 1000);
      return SqlUsers.execute(c, "INSERT INTO sessions (token_sha256, user_id, csrf_token, created_at_us, "
          + "last_seen_at_us, expires_at_us) VALUES (?, ?, ?, ?, ?, ?)", SqlApiKeys.sha256(token), userId, csrf, at, at,
          expires);
    });
    return new NewSession(token, csrf, Times.instant(expires));
  }

  @Override
  public Optional<Session> find(String token, Instant now) {
    Objects.requireNonNull(now, "now");
    if (!plausible(token)) {
      return Optional.empty();
    }
    String digest = SqlApiKeys.sha256(token);
    return db.read("session lookup", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT s.csrf_token, s.expires_at_us, u.id FROM sessions s "
          + "JOIN users u ON u.id = s.user_id "
          + "WHERE s.token_sha256 = ? AND s.revoked_at_us IS NULL AND s.expires_at_us > ? "
          + "AND u.disabled_at_us IS NULL")) {
        ps.setString(1, digest);
        ps.setLong(2, Times.micros(now));
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.<Session>empty();
          }
          String csrf = rs.getString(1);
          Instant expires = Times.instant(rs.getLong(2));
          long userId = rs.getLong(3);
          rs.close();
          return SqlUsers.byId(c, userId).map(Users.Credentials::user).map(u -> new Session(u, csrf, expires));
        }
      }
    });
  }

  @Override
  public void touch(String token, Instant now) {
    Objects.requireNonNull(now, "now");
    if (!plausible(token)) {
      return;
    }
    db.write("session touch", c -> SqlUsers.execute(c,
        "UPDATE sessions SET last_seen_at_us = ? WHERE token_sha256 = ? AND revoked_at_us IS NULL",
        Times.micros(now), SqlApiKeys.sha256(token)));
  }

  @Override
  public boolean revoke(String token) {
    if (!plausible(token)) {
      return false;
    }
    return db.write("session revocation", c -> SqlUsers.execute(c,
        "UPDATE sessions SET revoked_at_us = ? WHERE token_sha256 = ? AND revoked_at_us IS NULL",
        Times.nowMicros(), SqlApiKeys.sha256(token))) > 0;
  }

  @Override
  public int revokeAllOf(long userId) {
    return db.write("session revocation for user " + userId, c -> revokeAllOf(c, userId, Times.nowMicros()));
  }

  static int revokeAllOf(Connection c, long userId, long atUs) throws SQLException {
    return SqlUsers.execute(c, "UPDATE sessions SET revoked_at_us = ? WHERE user_id = ? AND revoked_at_us IS NULL",
        atUs, userId);
  }

  private static boolean plausible(String token) {
    return token != null && token.length() == TOKEN_LENGTH;
  }

  private static String random() {
    byte[] b = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
