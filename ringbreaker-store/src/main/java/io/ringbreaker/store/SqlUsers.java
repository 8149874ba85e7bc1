package io.ringbreaker.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

final class SqlUsers implements Users {
  private static final String COLUMNS =
      "id, name, role, created_at_us, disabled_at_us, settings, password_hash, failed_logins, locked_until_us";

  private final Db db;

  SqlUsers(Db db) {
    this.db = db;
  }

  @Override
  public User create(String name, Role role, String passwordHash) {
    User.checkName(name);
    Objects.requireNonNull(role, "role");
    hash(passwordHash);
    long now = Times.nowMicros();
    try {
      return db.write("creation of user " + name, c -> {
        Optional<Credentials> taken = byName(c, name);
        if (taken.isPresent()) {
          throw new IllegalArgumentException(takenMessage(name, taken.get().user().name()));
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (name, role, password_hash, created_at_us, "
            + "settings, failed_logins) VALUES (?, ?, ?, ?, ?, 0)")) {
          ps.setString(1, name);
          ps.setString(2, role.wire());
          ps.setString(3, passwordHash);
          ps.setLong(4, now);
          ps.setString(5, ReviewerSettings.DEFAULTS.json());
          ps.executeUpdate();
        }
        return byName(c, name).orElseThrow().user();
      });
    } catch (StoreException e) {
      // Two creations of one name at once on PostgreSQL: the unique index turns the second away.
      if (e.getCause() instanceof SQLException s && "23505".equals(s.getSQLState())) {
        throw new IllegalArgumentException(takenMessage(name, name), e);
      }
      throw e;
    }
  }

  private static String takenMessage(String asked, String existing) {
    return "user name \"" + asked + "\" is taken" + (asked.equals(existing) ? "" : " (by \"" + existing + "\")");
  }

  @Override
  public Optional<User> find(String name) {
    return credentials(name).map(Credentials::user);
  }

  @Override
  public Optional<User> get(long id) {
    return db.read("user lookup", c -> byId(c, id).map(Credentials::user));
  }

  static Optional<Credentials> byId(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE id = ?")) {
      ps.setLong(1, id);
      return first(ps);
    }
  }

  @Override
  public List<User> list() {
    return db.read("user list", c -> {
      List<User> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users ORDER BY lower(name)");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs).user());
        }
      }
      return Collections.unmodifiableList(out);
    });
  }

  @Override
  public Optional<Credentials> credentials(String name) {
    if (!User.isValidName(name)) {
      return Optional.empty();
    }
    return db.read("user lookup", c -> byName(c, name));
  }

  @Override
  public boolean setRole(long id, Role role) {
    Objects.requireNonNull(role, "role");
    return update("role change of user " + id, "UPDATE users SET role = ? WHERE id = ?", role.wire(), id) > 0;
  }

  @Override
  public boolean setPasswordHash(long id, String passwordHash) {
    hash(passwordHash);
    long now = Times.nowMicros();
    return db.write("password change of user " + id, c -> {
      int n = execute(c, "UPDATE users SET password_hash = ?, failed_logins = 0, locked_until_us = NULL WHERE id = ?",
          passwordHash, id);
      SqlSessions.revokeAllOf(c, id, now);
      return n > 0;
    });
  }

  @Override
  public boolean disable(long id, Instant at) {
    long us = Times.micros(Objects.requireNonNull(at, "at"));
    return db.write("disabling user " + id, c -> {
      int n = execute(c, "UPDATE users SET disabled_at_us = ? WHERE id = ? AND disabled_at_us IS NULL", us, id);
      SqlSessions.revokeAllOf(c, id, us);
      return n > 0;
    });
  }

  @Override
  public boolean settings(long id, ReviewerSettings settings) {
    Objects.requireNonNull(settings, "settings");
    return update("settings of user " + id, "UPDATE users SET settings = ? WHERE id = ?", settings.json(), id) > 0;
  }

  @Override
  public Optional<Instant> recordFailedLogin(String name, Instant now) {
    Objects.requireNonNull(now, "now");
    if (!User.isValidName(name)) {
      return Optional.empty();
    }
    return db.write("failed sign-in of " + name, c -> {
      // Locks the row on PostgreSQL, so concurrent failures each count.
      String lock = db.vendor == Db.Vendor.POSTGRES ? " FOR UPDATE" : "";
      Optional<Credentials> found;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM users WHERE lower(name) = ?" + lock)) {
        ps.setString(1, name.toLowerCase(Locale.ROOT));
        found = first(ps);
      }
      if (found.isEmpty()) {
        return Optional.<Instant>empty();
      }
      int failures = found.get().failedLogins() + 1;
      Optional<Instant> until = Optional.empty();
      if (failures >= LOCK_AFTER_FAILURES) {
        until = Optional.of(now.plus(lockFor(failures)));
      }
      execute(c, "UPDATE users SET failed_logins = ?, locked_until_us = ? WHERE id = ?", failures,
          until.map(Times::micros).orElse(null), found.get().user().id());
      return until.map(t -> Times.instant(Times.micros(t)));
    });
  }

  /** 1 min at the 5th failure in a row, doubling with each one after, at most an hour. */
  static Duration lockFor(int failures) {
    int doublings = failures - LOCK_AFTER_FAILURES;
    if (doublings >= 6) { // 2^6 minutes is past the cap already
      return MAX_LOCK;
    }
    Duration d = FIRST_LOCK.multipliedBy(1L << doublings);
    return d.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : d;
  }

  @Override
  public void clearFailedLogins(long id) {
    update("sign-in of user " + id, "UPDATE users SET failed_logins = 0, locked_until_us = NULL WHERE id = ?", id);
  }

  @Override
  public long count() {
    return db.read("user count", c -> SqlJournal.single(c, "SELECT COUNT(*) FROM users"));
  }

  private static Optional<Credentials> byName(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE lower(name) = ?")) {
      ps.setString(1, name.toLowerCase(Locale.ROOT));
      return first(ps);
    }
  }

  private static Optional<Credentials> first(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(row(rs)) : Optional.empty();
    }
  }

  private static Credentials row(ResultSet rs) throws SQLException {
    String role = rs.getString(3);
    long disabled = rs.getLong(5);
    Optional<Instant> disabledAt = rs.wasNull() ? Optional.empty() : Optional.of(Times.instant(disabled));
    long locked = rs.getLong(9);
    Optional<Instant> lockedUntil = rs.wasNull() ? Optional.empty() : Optional.of(Times.instant(locked));
    User user = new User(rs.getLong(1), rs.getString(2),
        Role.fromWire(role).orElseThrow(() -> new SQLException("unknown role \"" + role + "\"")),
        Times.instant(rs.getLong(4)), disabledAt, ReviewerSettings.fromJson(rs.getString(6)));
    return new Credentials(user, rs.getString(7), rs.getInt(8), lockedUntil);
  }

  private int update(String what, String sql, Object... args) {
    return db.write(what, c -> execute(c, sql, args));
  }

  static int execute(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        if (args[i] == null) {
          ps.setNull(i + 1, Types.BIGINT);
        } else {
          ps.setObject(i + 1, args[i]);
        }
      }
      return ps.executeUpdate();
    }
  }

  private static void hash(String passwordHash) {
    Objects.requireNonNull(passwordHash, "passwordHash");
    if (passwordHash.isBlank()) {
      throw new IllegalArgumentException("passwordHash must not be blank");
    }
  }
}
