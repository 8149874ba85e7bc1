package io.ringbreaker.store;

import java.util.Locale;
import java.util.Optional;

/**
 * What a person may do in the console. Each role can do all that the ones before it can: a
 * reviewer decides cases, a lead also confirms reports, an admin also manages users, API keys and
 * policies. A viewer only reads.
 */
public enum Role {
  VIEWER,
  REVIEWER,
  LEAD,
  ADMIN;

  /** The lowercase name used in the store, the CLI and the pages: {@code viewer}, {@code reviewer}, … */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role with this wire name; empty for anything else (matched exactly: wire names are lowercase). */
  public static Optional<Role> fromWire(String wire) {
    for (Role r : values()) {
      if (r.wire().equals(wire)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** True when this role may do what {@code needed} may. */
  public boolean atLeast(Role needed) {
    return ordinal() >= needed.ordinal();
  }

  /** "viewer, reviewer, lead, admin", for messages. */
  public static String wireNames() {
    return String.join(", ", java.util.Arrays.stream(values()).map(Role::wire).toList());
  }
}
