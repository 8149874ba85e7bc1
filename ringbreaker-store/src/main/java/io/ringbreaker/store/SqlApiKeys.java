package io.ringbreaker.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Keys are looked up by the SHA-256 of the presented key: a 256-bit random secret needs no slow
 * hash, and a lookup by digest reveals nothing about other keys.
 */
final class SqlApiKeys implements ApiKeys {
  static final String PREFIX = "rbk_";
  private static final int SECRET_BYTES = 32;
  private static final int KEY_LENGTH = PREFIX.length() + 43;
  private static final int SHOWN_PREFIX = PREFIX.length() + 6;
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final String COLUMNS = "id, name, key_prefix, created_at_us, revoked_at_us, scopes";

  private final Db db;

  SqlApiKeys(Db db) {
    this.db = db;
  }

  @Override
  public String create(String name, Set<String> scopes) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("API key name must not be blank");
    }
    String scopeList = String.join(" ", ApiKeys.checkScopes(scopes));
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    db.write("API key creation", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO api_keys (name, key_prefix, key_sha256, created_at_us, scopes) VALUES (?, ?, ?, ?, ?)")) {
        ps.setString(1, name);
        ps.setString(2, key.substring(0, SHOWN_PREFIX));
        ps.setString(3, sha256(key));
        ps.setLong(4, Times.nowMicros());
        ps.setString(5, scopeList);
        return ps.executeUpdate();
      }
    });
    return key;
  }

  @Override
  public Optional<ApiKeyInfo> authenticate(String presented) {
    if (presented == null || presented.length() != KEY_LENGTH || !presented.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String digest = sha256(presented);
    return db.read("API key check", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM api_keys WHERE key_sha256 = ? AND revoked_at_us IS NULL")) {
        ps.setString(1, digest);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(info(rs)) : Optional.<ApiKeyInfo>empty();
        }
      }
    });
  }

  @Override
  public long count() {
    return db.read("API key count",
        c -> SqlJournal.single(c, "SELECT COUNT(*) FROM api_keys WHERE revoked_at_us IS NULL"));
  }

  @Override
  public List<ApiKeyInfo> list() {
    return db.read("API key list", c -> {
      List<ApiKeyInfo> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM api_keys ORDER BY id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(info(rs));
        }
      }
      return Collections.unmodifiableList(out);
    });
  }

  @Override
  public boolean revoke(long id) {
    return db.write("API key revocation", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE api_keys SET revoked_at_us = ? WHERE id = ? AND revoked_at_us IS NULL")) {
        ps.setLong(1, Times.nowMicros());
        ps.setLong(2, id);
        return ps.executeUpdate() > 0;
      }
    });
  }

  @Override
  public int revokeAll(String name) {
    Objects.requireNonNull(name, "name");
    return db.write("API key revocation", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE api_keys SET revoked_at_us = ? WHERE name = ? AND revoked_at_us IS NULL")) {
        ps.setLong(1, Times.nowMicros());
        ps.setString(2, name);
        return ps.executeUpdate();
      }
    });
  }

  private static ApiKeyInfo info(ResultSet rs) throws java.sql.SQLException {
    long revoked = rs.getLong(5);
    Optional<java.time.Instant> revokedAt = rs.wasNull() ? Optional.empty() : Optional.of(Times.instant(revoked));
    Set<String> scopes = new java.util.HashSet<>(List.of(rs.getString(6).trim().split("\\s+")));
    return new ApiKeyInfo(rs.getLong(1), rs.getString(2), rs.getString(3), Times.instant(rs.getLong(4)), revokedAt,
        scopes);
  }

  static String sha256(String key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
