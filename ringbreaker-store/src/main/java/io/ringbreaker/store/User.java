package io.ringbreaker.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** A person who signs in to the console. Never carries the password hash. */
public record User(long id, String name, Role role, Instant createdAt, Optional<Instant> disabledAt,
                   ReviewerSettings settings) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public User {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(disabledAt, "disabledAt");
    Objects.requireNonNull(settings, "settings");
  }

  public boolean disabled() {
    return disabledAt.isPresent();
  }

  /** 1 to 64 ASCII letters, digits, '.', '_' or '-'. */
  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** Returns {@code name} when it is valid; otherwise throws, saying what a name may be. */
  public static String checkName(String name) {
    if (!isValidName(name)) {
      throw new IllegalArgumentException("user name \"" + name
          + "\" must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    return name;
  }
}
