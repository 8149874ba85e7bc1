package io.ringbreaker.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The people who use the console. Names are unique case-insensitively ("Alice" and "alice" are one
 * person) and are looked up that way. Passwords arrive hashed: the store never sees one in clear.
 */
public interface Users {
  /** Failed sign-ins in a row before the account is locked. */
  int LOCK_AFTER_FAILURES = 5;
  /** The first lock; each further failure doubles it, up to {@link #MAX_LOCK}. */
  Duration FIRST_LOCK = Duration.ofMinutes(1);
  Duration MAX_LOCK = Duration.ofHours(1);

  /**
   * Adds a person with default {@link ReviewerSettings}.
   *
   * @throws IllegalArgumentException when the name is invalid or taken ("user name \"alice\" is taken")
   */
  User create(String name, Role role, String passwordHash);

  /** The user with this name, in any case. */
  Optional<User> find(String name);

  Optional<User> get(long id);

  /** Everyone, disabled too, by name. */
  List<User> list();

  /** What a sign-in checks, by name in any case: the user, the password hash and any lock. */
  Optional<Credentials> credentials(String name);

  /** False when there is no such user. */
  boolean setRole(long id, Role role);

  /** Sets the password hash and ends the user's sessions; false when there is no such user. */
  boolean setPasswordHash(long id, String passwordHash);

  /** Disables the user and ends their sessions; false when there is no such user or it is already disabled. */
  boolean disable(long id, Instant at);

  /** False when there is no such user. */
  boolean settings(long id, ReviewerSettings settings);

  /**
   * Counts a failed sign-in for the user with this name. From the {@value #LOCK_AFTER_FAILURES}th
   * failure in a row the account is locked: 1 minute, doubling with each further failure, up to an
   * hour. Returns when the lock ends; empty when the account is not locked (or there is no such user).
   */
  Optional<Instant> recordFailedLogin(String name, Instant now);

  /** A successful sign-in: failures start again from zero and any lock ends. */
  void clearFailedLogins(long id);

  /** The number of users, disabled ones too. */
  long count();

  /** A user as a sign-in sees them. */
  record Credentials(User user, String passwordHash, int failedLogins, Optional<Instant> lockedUntil) {
    /** True while a lock is in force at {@code now}. */
    public boolean lockedAt(Instant now) {
      return lockedUntil.isPresent() && lockedUntil.get().isAfter(now);
    }
  }
}
